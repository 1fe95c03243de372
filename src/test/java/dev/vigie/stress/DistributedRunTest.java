package dev.vigie.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.ClusterBus;
import dev.vigie.bus.StressBus;
import dev.vigie.kit.Heard;
import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestCluster;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import dev.vigie.kit.Wait;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distributed load generation with three clustered Vigies in this JVM: a run of {@code generators: 3} shares its
 * load over the three, its result is the merge of their histograms, and a generator killed mid-run leaves the run
 * partial with its share named and what everyone measured kept.
 */
class DistributedRunTest {
  @TempDir
  Path dir;

  private static TestConfig node(Path dataDir) {
    return StressRuns.config(dataDir).only("monitor", "stress", "web", "cluster");
  }

  @Test
  void threeGeneratorsShareAnOpenRunAndItsResultIsTheirMergedHistograms() {
    AtomicLong seen = new AtomicLong();
    try (LoopbackServer target = LoopbackServer.start(req -> {
      seen.incrementAndGet();
      req.response().end("ok");
    }); TestCluster cluster = TestCluster.start(dir, 3, DistributedRunTest::node)) {
      TestVigie coordinator = cluster.node(0);
      awaitAnnounced(coordinator, 3);
      StressRuns bed = new StressRuns(coordinator);

      HttpResponse<Buffer> tooMany = bed.post(open(target, 150, 2000, 6).put("generators", 4));
      assertEquals(409, tooMany.statusCode(), tooMany.bodyAsString());
      assertEquals("NOT_ENOUGH_GENERATORS", tooMany.bodyAsJsonObject().getString("error"));
      assertEquals("generators", tooMany.bodyAsJsonObject().getString("field"));
      assertTrue(tooMany.bodyAsJsonObject().getString("message").contains("4 asked, but 3"), tooMany.bodyAsString());

      Heard done = coordinator.listen(StressBus.DONE);
      String id = bed.start(open(target, 150, 2000, 6).put("generators", 3));
      JsonObject result = done.await("the run's merged result", r -> id.equals(r.getString("id")));

      long planned = 300;
      assertEquals("completed", result.getString("state"), result.encodePrettily());
      assertEquals(planned, result.getLong("sent"));
      assertEquals(planned, result.getLong("completed"));
      assertEquals(3, result.getJsonObject("plan").getInteger("generators"));
      JsonArray generators = result.getJsonArray("generators");
      assertEquals(3, generators.size());
      Set<String> ids = cluster.nodes().stream().map(TestVigie::nodeId).collect(Collectors.toCollection(TreeSet::new));
      assertEquals(ids, generators.stream().map(g -> ((JsonObject) g).getString("nodeId"))
          .collect(Collectors.toCollection(TreeSet::new)), "one share on each member");
      assertEquals(coordinator.nodeId(), generators.getJsonObject(0).getString("nodeId"), "the coordinator runs share 0");

      Histogram corrected = new Histogram(3);
      Histogram uncorrected = new Histogram(3);
      long completed = 0;
      for (Object o : generators) {
        JsonObject g = (JsonObject) o;
        assertEquals("completed", g.getString("state"), g.encode());
        assertEquals(100, g.getJsonObject("load").getLong("requests"), "a third of the requests each");
        assertEquals(50.0, g.getJsonObject("load").getDouble("rate"), 1e-9, "a third of the rate each");
        Histogram part = LatencyRecorder.decode(g.getJsonObject("latencyMs").getString("corrected"));
        assertEquals(g.getLong("completed"), part.getTotalCount(), "each part holds its own responses");
        corrected.add(part);
        uncorrected.add(LatencyRecorder.decode(g.getJsonObject("latencyMs").getString("uncorrected")));
        completed += g.getLong("completed");
      }
      assertEquals(planned, completed, "the total is the sum of the generators' counts");
      assertEquals(planned, seen.get(), "the target saw every request once");

      JsonObject c = result.getJsonObject("latencyMs").getJsonObject("corrected");
      assertEquals(planned, corrected.getTotalCount());
      assertEquals(corrected.getTotalCount(), c.getLong("count"));
      for (double p : new double[] {50, 90, 99, 99.9}) {
        assertEquals(ms(corrected.getValueAtPercentile(p)), c.getDouble(p == 99.9 ? "p999" : "p" + (int) p),
            "corrected p" + p + " of the merged histogram");
      }
      assertEquals(ms(corrected.getMaxValue()), c.getDouble("max"));
      assertEquals(ms(corrected.getMean()), c.getDouble("mean"));
      assertEquals(ms(uncorrected.getValueAtPercentile(99)),
          result.getJsonObject("latencyMs").getJsonObject("uncorrected").getDouble("p99"));

      HttpResponse<Buffer> hgrm = bed.get("/api/stress/" + id + "/hgrm");
      assertEquals(200, hgrm.statusCode(), hgrm.bodyAsString());
      assertEquals(hgrm(corrected), hgrm.bodyAsString(), "one .hgrm, from the merged histogram");
      assertEquals("completed", bed.get("/api/stress/" + id).bodyAsJsonObject().getString("state"));
      awaitNoRun(cluster);

      // A distributed run deleted mid-way stops on every generator and keeps what each measured.
      Heard progress = coordinator.listen(StressBus.PROGRESS);
      String longRun = bed.start(open(target, 30, 60_000, 3).put("generators", 3));
      progress.await("every generator to have reported responses", p -> longRun.equals(p.getString("id"))
          && p.getJsonArray("generators").stream().allMatch(g -> ((JsonObject) g).getLong("completed") > 0));
      HttpResponse<Buffer> stopped = bed.delete("/api/stress/" + longRun);
      assertEquals(200, stopped.statusCode(), stopped.bodyAsString());
      JsonObject cancelled = stopped.bodyAsJsonObject();
      assertEquals("cancelled", cancelled.getString("state"), cancelled.encodePrettily());
      long kept = 0;
      for (Object o : cancelled.getJsonArray("generators")) {
        JsonObject g = (JsonObject) o;
        assertEquals("cancelled", g.getString("state"), g.encode());
        assertTrue(g.getLong("completed") > 0, g.encode());
        kept += g.getLong("completed");
      }
      assertEquals(kept, cancelled.getLong("completed"));
      awaitNoRun(cluster);
    }
  }

  @Test
  void aGeneratorKilledMidRunLeavesThePartialRunWithItsShareNamedAndTheRestKept() {
    try (LoopbackServer target = LoopbackServer.start(req -> req.response().end("ok"));
        TestCluster cluster = TestCluster.start(dir, 3, DistributedRunTest::node)) {
      TestVigie coordinator = cluster.node(0);
      awaitAnnounced(coordinator, 3);
      StressRuns bed = new StressRuns(coordinator);
      Heard heard = coordinator.listen(StressBus.PROGRESS, StressBus.DONE);
      String id = bed.start(open(target, 60, 10_000, 3).put("generators", 3));

      heard.await("every generator to have reported responses", p -> id.equals(p.getString("id"))
          && p.containsKey("generators") && p.getJsonArray("generators").stream()
              .allMatch(g -> ((JsonObject) g).getLong("completed") > 0));
      JsonObject running = bed.get("/api/stress/" + id).bodyAsJsonObject();
      assertEquals("running", running.getString("state"));
      String victim = running.getJsonArray("generators").getJsonObject(1).getString("nodeId");
      cluster.kill(indexOf(cluster, victim));

      JsonObject result = Wait.eventually("the partial result", Duration.ofSeconds(40),
          () -> heard.all().stream().filter(r -> id.equals(r.getString("id")) && r.containsKey("state")).findFirst(),
          found -> found.isPresent()).orElseThrow();
      assertEquals("partial", result.getString("state"), result.encodePrettily());
      JsonArray lost = result.getJsonArray("lost");
      assertEquals(1, lost.size(), lost.encode());
      assertEquals(victim, lost.getJsonObject(0).getString("nodeId"));
      assertEquals(1, lost.getJsonObject(0).getInteger("share"));
      assertEquals(200, lost.getJsonObject(0).getJsonObject("load").getLong("requests"), "the lost share is named");
      assertFalse(result.getJsonObject("verdict").getBoolean("pass"));
      assertTrue(result.getJsonObject("verdict").getJsonArray("reasons").encode().contains(victim),
          result.getJsonObject("verdict").encode());

      Histogram merged = new Histogram(3);
      long completed = 0;
      for (Object o : result.getJsonArray("generators")) {
        JsonObject g = (JsonObject) o;
        if (g.getString("nodeId").equals(victim)) {
          assertEquals("lost", g.getString("state"));
          assertTrue(g.getLong("completed") > 0, "what the lost generator measured is kept: " + g.encode());
        } else {
          assertEquals("completed", g.getString("state"), g.encode());
          assertEquals(200, g.getLong("completed"), "the survivors ran their whole share");
        }
        merged.add(LatencyRecorder.decode(g.getJsonObject("latencyMs").getString("corrected")));
        completed += g.getLong("completed");
      }
      assertEquals(completed, result.getLong("completed"));
      assertTrue(completed >= 400 && completed < 600, "two whole shares and part of the third: " + completed);
      assertEquals(merged.getTotalCount(), result.getJsonObject("latencyMs").getJsonObject("corrected").getLong("count"));
      assertEquals(ms(merged.getValueAtPercentile(99)),
          result.getJsonObject("latencyMs").getJsonObject("corrected").getDouble("p99"));
      assertEquals("partial", bed.get("/api/stress/" + id).bodyAsJsonObject().getString("state"));

      // The coordinator stopped mid-run keeps the run, cancelled, with what every generator measured, where a
      // restart reads it back; the other generator stops its share when it sees the coordinator leave.
      TestVigie generator = cluster.node(1);
      Heard more = coordinator.listen(StressBus.PROGRESS);
      String cut = bed.start(open(target, 20, 60_000, 2).put("generators", 2));
      more.await("both generators to have reported responses", p -> cut.equals(p.getString("id"))
          && p.getJsonArray("generators").stream().allMatch(g -> ((JsonObject) g).getLong("completed") > 0));
      Path dataDir = Path.of(coordinator.config().getString("dataDir"));
      cluster.stop(0);
      JsonObject kept = new JsonObject(Wait.await("reading the kept run",
          generator.vertx().fileSystem().readFile(dataDir.resolve("stress").resolve(cut + ".json").toString())));
      assertEquals("cancelled", kept.getString("state"), kept.encodePrettily());
      assertEquals(2, kept.getJsonArray("generators").size());
      assertTrue(kept.getJsonArray("generators").getJsonObject(1).getLong("completed") > 0, kept.encode());
      Wait.eventually("the other generator to stop its share", () -> generator.ask(StressBus.LIST, new JsonObject()),
          list -> list.getJsonArray("active").isEmpty());
    }
  }

  @Test
  void aVigieAloneIsOneGenerator() {
    try (TestVigie vigie = TestVigie.start(StressRuns.config(dir))) {
      StressRuns bed = new StressRuns(vigie);
      JsonObject plan = new JsonObject().put("plan", "open").put("target", "http://127.0.0.1:9/").put("rate", 10)
          .put("durationMs", 1000);
      HttpResponse<Buffer> refused = bed.post(plan.copy().put("generators", 2));
      assertEquals(400, refused.statusCode(), refused.bodyAsString());
      assertEquals("generators", refused.bodyAsJsonObject().getString("field"));
      assertTrue(refused.bodyAsJsonObject().getString("message").contains("--cluster"), refused.bodyAsString());
      HttpResponse<Buffer> sequential = bed.post(new JsonObject().put("target", "http://127.0.0.1:9/").put("generators", 2));
      assertEquals(400, sequential.statusCode(), sequential.bodyAsString());
      assertEquals("generators", sequential.bodyAsJsonObject().getString("field"));
    }
  }

  /** Every node has given back its locks and run slots. */
  private static void awaitNoRun(TestCluster cluster) {
    for (TestVigie node : cluster.nodes()) {
      Wait.eventually("node " + node.nodeId() + " to hold no run", () -> node.ask(StressBus.LIST, new JsonObject()),
          list -> list.getJsonArray("active").isEmpty());
    }
  }

  private static JsonObject open(LoopbackServer target, int rate, int durationMs, int connections) {
    return new JsonObject().put("plan", "open").put("target", target.url("/")).put("rate", rate)
        .put("durationMs", durationMs).put("connections", connections);
  }

  /** Waits until {@code node}'s cluster area has every member's entry (the areas each runs). */
  private static void awaitAnnounced(TestVigie node, int count) {
    Wait.eventually("every member announced", () -> node.ask(ClusterBus.MEMBERS, new JsonObject()),
        view -> view.getJsonArray("members").stream().filter(m -> ((JsonObject) m).containsKey("areas")).count() == count);
  }

  private static int indexOf(TestCluster cluster, String nodeId) {
    List<TestVigie> nodes = cluster.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).nodeId().equals(nodeId)) {
        return i;
      }
    }
    throw new AssertionError(nodeId + " is not a running node");
  }

  /** Microseconds to milliseconds as the results show them (three decimals). */
  private static double ms(double micros) {
    return Math.round(micros / 1000.0 * 1000) / 1000.0;
  }

  private static String hgrm(Histogram h) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    h.outputPercentileDistribution(new PrintStream(bytes, true, StandardCharsets.UTF_8), 1000.0);
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
