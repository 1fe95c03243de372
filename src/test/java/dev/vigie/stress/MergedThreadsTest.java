package dev.vigie.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run on several generator threads: each thread counts and records on its own, and the run's figures are the
 * threads' counts summed and their histograms merged, never per-thread percentiles averaged.
 */
class MergedThreadsTest {

  @Test
  void mergedCountsAreTheSumAndPercentilesComeFromTheMergedHistogram() {
    RunTally fast = tally(100, 1_000_000, "200");
    RunTally slow = tally(50, 9_000_000, "503");

    RunTally total = RunTally.merge(List.of(fast, slow), 50);

    assertEquals(150, total.counters().sent);
    assertEquals(150, total.counters().completed);
    assertEquals(100, total.counters().ok);
    assertEquals(100L, total.counters().statusCodesJson().getLong("200"));
    assertEquals(50L, total.counters().statusCodesJson().getLong("503"));
    assertEquals(50L, total.counters().errorsJson().getLong("status_5xx"));
    JsonObject corrected = total.latency().summary(true);
    assertEquals(150, corrected.getLong("count"));
    // Of 150 values, 100 at 1 ms and 50 at 9 ms: the merged p50 is 1 ms and p90 9 ms, where an average of the
    // threads' own p50s (1 and 9) would say 5 ms.
    assertEquals(1.0, corrected.getDouble("p50"), 0.01, corrected.encode());
    assertEquals(9.0, corrected.getDouble("p90"), 0.01, corrected.encode());
    assertEquals(9.0, corrected.getDouble("max"), 0.01, corrected.encode());
  }

  @Test
  void oneThreadBehindItsScheduleFlagsTheMergedRun() {
    GeneratorHealth onTime = new GeneratorHealth(50);
    GeneratorHealth behind = new GeneratorHealth(50);
    for (int i = 0; i < 100; i++) {
      onTime.recordLag(20_000);
      behind.recordLag(i < 90 ? 20_000 : 80_000_000);
    }
    assertNull(onTime.saturation());

    GeneratorHealth merged = RunTally.merge(List.of(new RunTally(new RunCounters(), new LatencyRecorder(), onTime),
        new RunTally(new RunCounters(), new LatencyRecorder(), behind)), 50).health();

    // 10 of 200 sends 80 ms late: the merged lag p99 is 80 ms, past the 50 ms bound.
    JsonObject json = merged.toJson();
    assertTrue(json.getBoolean("saturated"), json.encode());
    assertTrue(json.getString("reason").contains("fell behind its schedule"), json.encode());
  }

  /** What one thread would have recorded: {@code n} responses of {@code status}, each {@code nanos} long. */
  private static RunTally tally(int n, long nanos, String status) {
    RunCounters counters = new RunCounters();
    LatencyRecorder latency = new LatencyRecorder();
    GeneratorHealth health = new GeneratorHealth(50);
    for (int i = 0; i < n; i++) {
      counters.sent++;
      counters.completed++;
      counters.status(Integer.parseInt(status));
      latency.record(0, 0, nanos);
      health.recordLag(1000);
    }
    return new RunTally(counters.copy(), latency.copy(), health.copy());
  }

  @Test
  void aTwoThreadRunSendsItsWholePlanAndCountsEveryAnswerOnce(@TempDir Path dir) {
    assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "two threads need two cores");
    try (LoopbackServer server = LoopbackServer.start(req -> req.response().end("{}"));
        TestVigie vigie = TestVigie.start(StressRuns.config(dir))) {
      StressRuns bed = new StressRuns(vigie);
      String target = server.url("/x");

      JsonObject closed = bed.awaitResult(bed.start(new JsonObject().put("plan", "closed").put("target", target)
          .put("connections", 5).put("threads", 2).put("requests", 301)));
      assertEquals(2, closed.getJsonObject("plan").getInteger("threads"));
      assertEquals(301, closed.getLong("sent"), closed.encode());
      assertEquals(301, closed.getLong("ok"), closed.encode());
      assertEquals(301, closed.getJsonObject("statusCodes").getLong("200"));
      assertEquals(301, closed.getJsonObject("latencyMs").getJsonObject("uncorrected").getLong("count"));

      JsonObject open = bed.awaitResult(bed.start(new JsonObject().put("plan", "open").put("target", target)
          .put("rate", 301).put("durationMs", 1000).put("connections", 4).put("threads", 2)));
      assertEquals(301, open.getLong("ok"), open.encode());
      assertEquals(301, open.getJsonObject("latencyMs").getJsonObject("corrected").getLong("count"));
    }
  }
}
