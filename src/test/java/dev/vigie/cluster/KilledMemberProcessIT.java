package dev.vigie.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.demo.MirrorFaults;
import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestCluster;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import dev.vigie.kit.VigieProcess;
import dev.vigie.kit.Wait;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three clustered Vigies, each a {@code java -jar} process of its own on loopback as an operator runs them, share the downloads from one
 * demo mirror, the probing of one target, the alerts sent to one webhook and a distributed stress run; one member is
 * killed with SIGKILL in the middle of all of it. Afterwards every archive asked for is held once, by a survivor,
 * verified; every endpoint has exactly one owner among the survivors and is probed again; the failing endpoint's
 * alert was raised once; and the stress run is partial, with the lost share named and the survivors' shares merged.
 */
class KilledMemberProcessIT {
  private static final int ENDPOINTS = 12;
  private static final long INTERVAL_MS = 400;
  /** Hazelcast declares a killed member gone, then the survivors take its work over: the bound is 10 s. */
  private static final Duration FAILOVER = Duration.ofSeconds(10);
  /** {@code cluster.quorum} of the three members: 0 (none) unless {@code -Dvigie.it.quorum} says (bench/cluster/failover.sh). */
  private static final int QUORUM = Integer.getInteger("vigie.it.quorum", 0);
  private static final List<String> DAYS = List.of("2024-08-01", "2024-08-02", "2024-08-03");

  @TempDir
  Path temp;

  private final Map<String, AtomicInteger> probed = new ConcurrentHashMap<>();
  private final List<JsonObject> delivered = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aMemberKilledInTheMiddleOfTheWorkLosesNothingAndDuplicatesNothing() {
    List<String> keys = DAYS.stream().map(day -> "data/spot/daily/klines/DOTUSDT/1s/DOTUSDT-1s-" + day + ".zip").toList();
    String slow = keys.get(0);
    Path jar = Path.of(System.getProperty("vigie.jar", "target/vigie.jar"));
    assertTrue(Files.isRegularFile(jar), "the fat jar is built before integration tests: " + jar);
    List<VigieProcess> started = new ArrayList<>();
    try (TestVigie mirror = TestVigie.start(TestConfig.defaults(temp.resolve("mirror-node")).mirror(20_000)
             .set("demo.mirror.dir", temp.resolve("mirror").toString()).only());
         LoopbackServer target = LoopbackServer.start(req -> {
           probed.computeIfAbsent(req.path(), p -> new AtomicInteger()).incrementAndGet();
           req.response().setStatusCode("/ep/down".equals(req.path()) ? 503 : 200).end("ok");
         });
         LoopbackServer hook = LoopbackServer.start(req -> req.body().onSuccess(body -> {
           delivered.add(body.toJsonObject());
           req.response().end();
         }))) {
      List<String> names = new ArrayList<>();
      JsonArray endpoints = new JsonArray();
      for (int i = 0; i < ENDPOINTS; i++) {
        names.add("ep-" + i);
      }
      names.add("down");
      names.forEach(name -> endpoints.add(new JsonObject().put("name", name).put("url", target.url("/ep/" + name))
          .put("intervalMs", INTERVAL_MS)));
      String source = mirror.mirrorUrl();
      for (TestConfig config : TestCluster.configs(temp.resolve("cluster"), 3, data -> TestConfig.defaults(data)
          .only("monitor", "cluster", "web", "cache", "download", "probe", "stress", "notify")
          .set("source.baseUrl", source).set("source.listingUrl", source)
          .merge("download", new JsonObject().put("retryBaseMs", 20).put("retryMaxMs", 200).put("maxConcurrent", 1))
          .set("cluster.announceIntervalMs", 200).set("cluster.roleRetryMs", 200).set("cluster.quorum", QUORUM)
          .set("probe.endpoints", endpoints).set("probe.startRampMs", 200)
          .set("stress.allowedTargets", new JsonArray().add("127.0.0.1:*"))
          .merge("notify", new JsonObject().put("groupWaitMs", 0).put("backoffMs", 20).put("maxBackoffMs", 200)
              .put("timeoutMs", 2000).put("channels", new JsonArray().add(new JsonObject().put("id", "hook")
                  .put("type", "webhook").put("url", hook.url("/hook"))))))) {
        started.add(VigieProcess.startJar(jar, config));
      }
      List<String> ids = new ArrayList<>();
      for (VigieProcess node : started) {
        Wait.eventually("each member to see the three", () -> members(node), n -> n == 3);
        ids.add(get(node, "/api/snapshot").getString("node"));
      }
      VigieProcess coordinator = started.get(0);
      VigieProcess victim = started.get(1);
      String victimId = ids.get(1);
      List<VigieProcess> survivors = List.of(started.get(0), started.get(2));
      owners(started, names);
      Wait.eventually("the failing endpoint's alert at the webhook", () -> raises("endpoint-latency/down"), n -> n == 1);

      // Mid-work: the victim part way through the first of three archives (one at a time), the other two queued...
      mirror.mirror().faults().set(slow, MirrorFaults.Fault.throttle(size(mirror, slow) / 8));
      HttpResponse<String> asked = post(victim, "/api/downloads", new JsonObject().put("market", "spot")
          .put("period", "daily").put("dataType", "klines").put("symbol", "DOTUSDT").put("interval", "1s")
          .put("from", DAYS.get(0)).put("to", DAYS.get(2)));
      assertEquals(200, asked.statusCode(), asked.body());
      assertEquals(3, new JsonObject(asked.body()).getJsonArray("queued").size(), asked.body());
      Wait.eventually("the victim part way through " + slow, () -> job(victim, slow),
          job -> job != null && job.getLong("bytes") > 0);
      // ...and one share of a three-generator stress run going.
      JsonObject plan = new JsonObject().put("plan", "open").put("target", target.url("/load")).put("rate", 60)
          .put("durationMs", 12_000).put("connections", 3).put("generators", 3);
      String run = Wait.eventually("a three-generator run accepted", () -> post(coordinator, "/api/stress", plan),
          r -> r.statusCode() == 200).body();
      String runId = new JsonObject(run).getString("id");
      Wait.eventually("every generator measuring", () -> get(coordinator, "/api/stress/" + runId),
          r -> r.getJsonArray("generators", new JsonArray()).size() == 3 && r.getJsonArray("generators").stream()
              .allMatch(g -> ((JsonObject) g).getLong("completed", 0L) > 0));

      Map<String, Integer> atKill = counts(names);
      victim.kill();
      long killed = System.nanoTime();
      mirror.mirror().faults().clear(slow);

      // Every endpoint owned by exactly one survivor, and probed again.
      Map<String, String> owners = Wait.eventually("every endpoint owned by exactly one survivor", FAILOVER,
          () -> ownersOrNull(survivors, names), o -> o != null);
      assertTrue(owners.values().stream().noneMatch(victimId::equals), owners.toString());
      Wait.eventually("every endpoint probed again", FAILOVER, () -> counts(names),
          now -> names.stream().allMatch(n -> now.get(n) > atKill.get(n)));
      long reOwnedMs = (System.nanoTime() - killed) / 1_000_000;

      // Every archive taken over by a survivor, then downloaded and verified, held once in the survivors' data
      // directories.
      for (String key : keys) {
        Wait.eventually("a survivor to take " + key + " over", FAILOVER,
            () -> survivors.stream().anyMatch(node -> job(node, key) != null));
      }
      long takenOverMs = (System.nanoTime() - killed) / 1_000_000;
      for (String key : keys) {
        JsonObject done = Wait.eventually("a survivor to finish " + key, Duration.ofSeconds(30),
            () -> survivors.stream().map(node -> job(node, key)).filter(j -> j != null && "done".equals(j.getString("state")))
                .findFirst().orElse(null), j -> j != null);
        String sha = Wait.await("the mirror's " + key, mirror.mirror().archive(key)).sha256();
        assertEquals(sha, done.getString("sha256"), done.encode());
        List<Path> held = Stream.of(0, 2).map(i -> temp.resolve("cluster").resolve("node-" + i).resolve("archives")
            .resolve(key)).filter(Files::isRegularFile).toList();
        assertEquals(1, held.size(), key + " held once among the survivors: " + held);
        assertEquals(sha, sha256(held.get(0)), "the held copy of " + key + " is the mirror's");
      }
      long resumedMs = (System.nanoTime() - killed) / 1_000_000;
      JsonObject again = new JsonObject(post(survivors.get(1), "/api/downloads", new JsonObject().put("market", "spot")
          .put("period", "daily").put("dataType", "klines").put("symbol", "DOTUSDT").put("interval", "1s")
          .put("from", DAYS.get(0)).put("to", DAYS.get(2))).body());
      assertEquals(new JsonArray(keys).stream().sorted().toList(), again.getJsonArray("cached").stream().sorted().toList(),
          "asked again on a survivor, every archive is a hit: " + again.encode());
      for (String key : keys) {
        assertNotEquals(victimId, again.getJsonObject("holders").getString(key), again.encode());
      }

      // The stress run: partial, the victim's share named as lost, the survivors' shares whole and merged.
      JsonObject result = Wait.eventually("the run's partial result", Duration.ofSeconds(40),
          () -> get(coordinator, "/api/stress/" + runId), r -> !"running".equals(r.getString("state")));
      assertEquals("partial", result.getString("state"), result.encodePrettily());
      assertEquals(victimId, result.getJsonArray("lost").getJsonObject(0).getString("nodeId"), result.encode());
      long merged = 0;
      for (Object o : result.getJsonArray("generators")) {
        JsonObject g = (JsonObject) o;
        assertEquals(g.getString("nodeId").equals(victimId) ? "lost" : "completed", g.getString("state"), g.encode());
        merged += g.getLong("completed");
      }
      assertEquals(merged, result.getLong("completed"), "the run's count is its generators' together");
      assertEquals(merged, result.getJsonObject("latencyMs").getJsonObject("corrected").getLong("count"));

      // The failing endpoint, checked on by its owner since: its alert was raised once for the whole cluster.
      int downBefore = probed.get("/ep/down").get();
      Wait.eventually("the failing endpoint checked five more times", () -> probed.get("/ep/down").get(),
          n -> n >= downBefore + 5);
      assertEquals(1, raises("endpoint-latency/down"), "raised once: " + delivered);
      System.out.printf("kill -9 of a member: endpoints re-owned and probed again %d ms after, its downloads taken"
          + " over %d ms after and done %d ms after (cluster.quorum %d)%n", reOwnedMs, takenOverMs, resumedMs, QUORUM);
    } finally {
      started.forEach(VigieProcess::kill);
    }
  }

  /** Waits until the members' probes hold every endpoint exactly once. */
  private void owners(List<VigieProcess> nodes, List<String> names) {
    Wait.eventually("every endpoint owned by exactly one member", () -> ownersOrNull(nodes, names), o -> o != null);
  }

  /** Each endpoint's owner (by node id), or null while one is listed by no node or by two. */
  private Map<String, String> ownersOrNull(List<VigieProcess> nodes, List<String> names) {
    Map<String, String> owners = new HashMap<>();
    int listed = 0;
    for (VigieProcess node : nodes) {
      String id = get(node, "/api/snapshot").getString("node");
      for (Object e : get(node, "/api/probes?limit=1000").getJsonArray("endpoints")) {
        owners.put(((JsonObject) e).getString("name"), id);
        listed++;
      }
    }
    return listed == names.size() && owners.keySet().containsAll(names) ? owners : null;
  }

  private Map<String, Integer> counts(List<String> names) {
    Map<String, Integer> counts = new HashMap<>();
    names.forEach(n -> counts.put(n, probed.getOrDefault("/ep/" + n, new AtomicInteger()).get()));
    return counts;
  }

  /** The raises of {@code id} every delivery to the webhook carried. */
  private long raises(String id) {
    return delivered.stream().flatMap(body -> body.getJsonArray("alerts", new JsonArray()).stream())
        .map(JsonObject.class::cast).filter(a -> id.equals(a.getString("id")) && "raised".equals(a.getString("state")))
        .count();
  }

  /** The job for {@code key} in the node's download list, or null. */
  private JsonObject job(VigieProcess node, String key) {
    return get(node, "/api/downloads?limit=100").getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(j -> key.equals(j.getString("key"))).findFirst().orElse(null);
  }

  /** The members the node's own cluster section lists, 0 before it has one. */
  private int members(VigieProcess node) {
    return get(node, "/api/snapshot").getJsonArray("sections").stream().map(JsonObject.class::cast)
        .filter(s -> "cluster".equals(s.getString("section")))
        .mapToInt(s -> s.getJsonObject("details").getJsonArray("members").size()).findFirst().orElse(0);
  }

  private static long size(TestVigie mirror, String key) {
    return Wait.await("the mirror's " + key, mirror.mirror().archive(key)).size();
  }

  private JsonObject get(VigieProcess node, String path) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri(node, path)).build());
    assertEquals(200, response.statusCode(), "GET " + path + ": " + response.body());
    return new JsonObject(response.body());
  }

  private HttpResponse<String> post(VigieProcess node, String path, JsonObject body) {
    return send(HttpRequest.newBuilder(uri(node, path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build());
  }

  private static URI uri(VigieProcess node, String path) {
    return URI.create("http://127.0.0.1:" + node.httpPort() + path);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static String sha256(Path file) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
