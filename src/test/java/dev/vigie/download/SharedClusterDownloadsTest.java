package dev.vigie.download;

import static dev.vigie.download.MirroredDownloads.mirrorSha;
import static dev.vigie.download.MirroredDownloads.mirrorSize;
import static dev.vigie.kit.TestArchives.klines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.CacheBus;
import dev.vigie.bus.DownloadBus;
import dev.vigie.demo.MirrorFaults;
import dev.vigie.kit.Heard;
import dev.vigie.kit.TestCluster;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import dev.vigie.kit.Wait;
import dev.vigie.vision.VisionPath;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three clustered Vigies in this JVM (cache, download and cluster areas) downloading from one demo mirror, which runs
 * in a Vigie of its own so that it outlives any member: an archive is fetched once for the whole cluster, held
 * archives are hits everywhere, and a departed member's downloads are finished by the survivors.
 */
class SharedClusterDownloadsTest {
  @TempDir
  Path temp;
  private TestVigie mirror;

  @BeforeEach
  void startMirror() {
    mirror = TestVigie.start(MirroredDownloads.config(temp, temp.resolve("mirror-node")).only());
  }

  @AfterEach
  void stopMirror() {
    mirror.close();
  }

  private TestCluster cluster() {
    return MirroredDownloads.cluster(temp, mirror, config -> config);
  }

  @Test
  void theSameArchiveAskedOnTwoNodesAtOnceIsFetchedOnceAndNamedWhereItLives() {
    String key = "data/spot/daily/klines/ADAUSDT/1s/ADAUSDT-1s-2024-08-01.zip";
    // Sent over about two seconds: both requests are answered while the one transfer runs.
    mirror.mirror().faults().set(key, MirrorFaults.Fault.throttle(mirrorSize(mirror, key) / 2));
    try (TestCluster cluster = cluster()) {
      Heard done = cluster.node(0).listen(DownloadBus.DONE);
      JsonObject request = klines("ADAUSDT", "2024-08-01").put("interval", "1s");
      Future<Message<JsonObject>> first = cluster.node(1).vertx().eventBus().request(DownloadBus.REQUEST, request);
      Future<Message<JsonObject>> second = cluster.node(2).vertx().eventBus().request(DownloadBus.REQUEST, request);
      List<JsonObject> replies = List.of(Wait.await("node 1's reply", first).body(), Wait.await("node 2's reply", second).body());

      long queued = replies.stream().filter(r -> r.getJsonArray("queued").size() == 1).count();
      assertEquals(1, queued, "one node runs it: " + replies);
      String runner = cluster.node(replies.get(0).getJsonArray("queued").size() == 1 ? 1 : 2).nodeId();
      JsonObject other = replies.get(0).getJsonArray("queued").size() == 1 ? replies.get(1) : replies.get(0);
      // The other was told who runs it (or, had it already finished, who holds it).
      String named = other.getJsonArray("elsewhere").isEmpty()
          ? other.getJsonObject("holders").getString(key)
          : other.getJsonArray("elsewhere").getJsonObject(0).getString("node");
      assertEquals(runner, named, other.encode());

      JsonObject event = done.await("the archive downloaded", e -> key.equals(e.getString("key")));
      assertEquals(mirrorSha(mirror, key), event.getString("sha256"));
      JsonObject onTheThird = Wait.eventually("node 0's cache to name the holder",
          () -> cluster.node(0).ask(CacheBus.LOOKUP, new JsonObject().put("key", key)), r -> r.getString("node") != null);
      assertEquals(runner, onTheThird.getString("node"), onTheThird.encode());
      assertEquals(false, onTheThird.getBoolean("hit"), "not on node 0's own disk");
      assertEquals(1, fetches(key), mirror.mirror().seen().toString());
    }
  }

  @Test
  void anArchiveHeldByOneMemberIsAHitOnTheOthersNamingTheHolder() {
    String key = "data/spot/daily/klines/XRPUSDT/1m/XRPUSDT-1m-2024-08-02.zip";
    try (TestCluster cluster = cluster()) {
      Heard done = cluster.node(0).listen(DownloadBus.DONE);
      cluster.node(0).ask(DownloadBus.REQUEST, klines("XRPUSDT", "2024-08-02"));
      done.await("the archive downloaded on node 0", e -> key.equals(e.getString("key")));
      String holder = cluster.node(0).nodeId();
      for (int i = 1; i < 3; i++) {
        TestVigie node = cluster.node(i);
        JsonObject reply = Wait.eventually("node " + i + " to answer a hit held by node 0",
            () -> node.ask(DownloadBus.REQUEST, klines("XRPUSDT", "2024-08-02")),
            r -> r.getJsonArray("cached").contains(key));
        assertEquals(holder, reply.getJsonObject("holders").getString(key), reply.encode());
        assertTrue(reply.getJsonArray("queued").isEmpty(), reply.encode());
      }
      JsonObject local = cluster.node(0).ask(CacheBus.LOOKUP, new JsonObject().put("key", key));
      assertEquals(true, local.getBoolean("hit"));
      assertEquals(holder, local.getString("node"));
      assertEquals(1, fetches(key), mirror.mirror().seen().toString());
    }
  }

  /**
   * Binance re-publishes an archive that member 0 holds, and member 1 is already fetching the new one (a forced
   * request): member 0's revalidation finds its copy changed but leaves the fetch to member 1, rather than fetch the
   * same archive a second time at once.
   */
  @Test
  void aRevalidationLeavesARepublishedArchiveToTheMemberFetchingIt() {
    String key = "data/spot/daily/klines/LTCUSDT/1m/LTCUSDT-1m-2024-08-03.zip";
    try (TestCluster cluster = cluster()) {
      Heard done = cluster.node(0).listen(DownloadBus.DONE);
      cluster.node(0).ask(DownloadBus.REQUEST, klines("LTCUSDT", "2024-08-03"));
      done.await("the archive downloaded on node 0", e -> key.equals(e.getString("key")));

      mirror.mirror().catalog().republish(key);
      // Sent over about two seconds: member 0 revalidates while member 1's transfer runs.
      mirror.mirror().faults().set(key, MirrorFaults.Fault.throttle(mirrorSize(mirror, key) / 2));
      Heard doneOn1 = cluster.node(1).listen(DownloadBus.DONE);
      JsonObject forced = cluster.node(1).ask(DownloadBus.REQUEST, klines("LTCUSDT", "2024-08-03").put("force", true));
      assertEquals(1, forced.getJsonArray("queued").size(), forced.encode());
      Wait.eventually("member 1's transfer under way", () -> fetches(key), n -> n == 2);

      JsonObject revalidated = cluster.node(0).ask(DownloadBus.REVALIDATE, new JsonObject());
      assertEquals(new JsonArray().add(key), revalidated.getJsonArray("changed"), revalidated.encode());
      assertEquals(new JsonArray(), revalidated.getJsonArray("requested"), "left to member 1: " + revalidated.encode());

      JsonObject event = doneOn1.await("the re-published archive downloaded on member 1", e -> key.equals(e.getString("key")));
      assertEquals(mirrorSha(mirror, key), event.getString("sha256"));
      assertEquals(2, fetches(key), "the first download and member 1's: " + mirror.mirror().seen());
    }
  }

  @Test
  void aMemberAnnouncesTheArchivesItHeldBeforeJoining() {
    String key = "data/spot/daily/klines/LTCUSDT/1m/LTCUSDT-1m-2024-08-03.zip";
    // Node 0's data directory, filled by a Vigie running alone before the cluster starts.
    Path firstNode = temp.resolve("cluster").resolve("node-0");
    String url = mirror.mirrorUrl();
    try (TestVigie alone = TestVigie.start(TestConfig.defaults(firstNode).only("cache", "download")
        .set("source.baseUrl", url).set("source.listingUrl", url))) {
      Heard done = alone.listen(DownloadBus.DONE);
      alone.ask(DownloadBus.REQUEST, klines("LTCUSDT", "2024-08-03"));
      done.await("the archive downloaded before the cluster", e -> key.equals(e.getString("key")));
    }
    try (TestCluster cluster = cluster()) {
      String holder = cluster.node(0).nodeId();
      JsonObject reply = Wait.eventually("node 2 to answer a hit held by node 0",
          () -> cluster.node(2).ask(DownloadBus.REQUEST, klines("LTCUSDT", "2024-08-03")),
          r -> r.getJsonArray("cached").contains(key));
      assertEquals(holder, reply.getJsonObject("holders").getString(key), reply.encode());
      assertEquals(1, fetches(key), mirror.mirror().seen().toString());
    }
  }

  @Test
  void aKilledMembersActiveAndQueuedDownloadsAreFinishedByTheSurvivors() {
    departedMembersDownloadsAreFinished(true);
  }

  @Test
  void aStoppedMembersActiveAndQueuedDownloadsAreFinishedByTheSurvivors() {
    departedMembersDownloadsAreFinished(false);
  }

  /** Node 1 runs one download and has two queued (one at a time) when it leaves, killed or stopped. */
  private void departedMembersDownloadsAreFinished(boolean killed) {
    List<String> keys = List.of("2024-08-01", "2024-08-02", "2024-08-03").stream()
        .map(day -> "data/spot/daily/klines/DOTUSDT/1s/DOTUSDT-1s-" + day + ".zip").toList();
    String slow = keys.get(0);
    // About eight seconds to send: node 1 leaves in the middle of it.
    mirror.mirror().faults().set(slow, MirrorFaults.Fault.throttle(mirrorSize(mirror, slow) / 8));
    try (TestCluster cluster = cluster()) {
      TestVigie leaving = cluster.node(1);
      String leaver = leaving.nodeId();
      Heard progress = cluster.node(0).listen(DownloadBus.PROGRESS);
      Heard outcomes = cluster.node(0).listen(DownloadBus.DONE, DownloadBus.FAILED);
      JsonObject reply = leaving.ask(DownloadBus.REQUEST, new JsonObject().put("market", "spot").put("period", "daily")
          .put("dataType", "klines").put("symbol", "DOTUSDT").put("interval", "1s")
          .put("from", "2024-08-01").put("to", "2024-08-03"));
      assertEquals(3, reply.getJsonArray("queued").size(), reply.encode());
      progress.await("node 1 to be part way through " + slow, e -> slow.equals(e.getString("key")) && e.getLong("bytes") > 0);

      long left = System.nanoTime();
      if (killed) {
        cluster.kill(1);
      } else {
        cluster.stop(1);
      }
      mirror.mirror().faults().clear(slow);
      cluster.awaitMembers(2);
      for (String key : keys) {
        Wait.eventually("a survivor to take over " + key + " within 10 s", Duration.ofSeconds(10),
            () -> cluster.nodes().stream().anyMatch(node -> listed(node, key)));
      }
      Duration takeover = Duration.ofNanos(System.nanoTime() - left);
      for (String key : keys) {
        JsonObject outcome = outcomes.await("a survivor's outcome for " + key,
            e -> key.equals(e.getString("key")) && e.getString("sha256") != null
                && (cluster.nodes().stream().anyMatch(node -> listed(node, key))));
        assertEquals(mirrorSha(mirror, key), outcome.getString("sha256"), outcome.encode());
        JsonObject held = cluster.node(0).ask(CacheBus.LOOKUP, new JsonObject().put("key", key));
        assertNotEquals(leaver, held.getString("node"), held.encode());
        assertTrue(held.getString("node") != null, "a survivor holds " + key + ": " + held.encode());
      }
      assertTrue(outcomes.all().stream().noneMatch(e -> e.getString("error") != null), outcomes.all().toString());
      System.out.printf("downloads of a %s member taken over in %d ms%n", killed ? "killed" : "stopped",
          takeover.toMillis());

      // Restarted with its data directory, it finds its jobs done elsewhere: nothing fetched again, and the .part it
      // was cut off in is deleted, not left in its tmp/ for ever.
      Path part = temp.resolve("cluster").resolve("node-1").resolve("tmp").resolve(VisionPath.partName(slow));
      assertTrue(Files.exists(part), "cut off part way through " + slow);
      Map<String, Long> fetched = new HashMap<>();
      keys.forEach(key -> fetched.put(key, fetches(key)));
      TestVigie restarted = cluster.startAgain(1);
      cluster.awaitMembers(3);
      Wait.eventually("the restarted member to delete its stale " + part.getFileName(), () -> !Files.exists(part));
      Wait.eventually("the restarted member to find its jobs done", () -> keys.stream().allMatch(key ->
          restarted.ask(DownloadBus.LIST, new JsonObject().put("limit", 100)).getJsonArray("items").stream()
              .map(JsonObject.class::cast).noneMatch(job -> key.equals(job.getString("key"))
                  && !"done".equals(job.getString("state")))));
      keys.forEach(key -> assertEquals(fetched.get(key), fetches(key), key + " not fetched again"));
    }
  }

  /** True when {@code node}'s download list shows a job for {@code key} (queued, running or finished). */
  private static boolean listed(TestVigie node, String key) {
    JsonArray items = node.ask(DownloadBus.LIST, new JsonObject().put("limit", 100)).getJsonArray("items");
    return items.stream().map(JsonObject.class::cast).anyMatch(job -> key.equals(job.getString("key")));
  }

  /** The archive's downloads the mirror served (its .CHECKSUM apart). */
  private long fetches(String key) {
    return mirror.mirror().seen().stream().filter(s -> s.path().equals("/" + key)).count();
  }
}
