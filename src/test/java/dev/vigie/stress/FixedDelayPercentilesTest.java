package dev.vigie.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a target that always answers after 20 ms, every plan reports percentiles close to 20 ms. */
class FixedDelayPercentilesTest {
  private static final long DELAY_MS = 20;

  private LoopbackServer server;
  private TestVigie vigie;
  private StressRuns bed;
  private String target;

  @BeforeEach
  void start(@TempDir Path dir) {
    server = LoopbackServer.startWith(vertx -> req -> vertx.setTimer(DELAY_MS, t -> req.response()
        .putHeader("content-type", "application/json").end("{\"ok\":true}")));
    target = server.url("/portfolio/metrics");
    vigie = TestVigie.start(StressRuns.config(dir).set("stress.defaultTarget", target));
    bed = new StressRuns(vigie);
  }

  @AfterEach
  void stop() {
    vigie.close();
    server.close();
  }

  @Test
  void openModelPercentilesSitAtTheDelay() throws Exception {
    JsonObject result = bed.awaitResult(bed.start(new JsonObject().put("plan", "open").put("rate", 50)
        .put("durationMs", 2000).put("connections", 4)));

    assertEquals("completed", result.getString("state"));
    assertEquals(100, result.getLong("completed"));
    assertEquals(100.0, result.getDouble("successPercent"));
    assertEquals(100L, result.getJsonObject("statusCodes").getLong("200"));
    assertAboveTheDelayInMilliseconds(result.getJsonObject("latencyMs").getJsonObject("corrected"));
    assertAboveTheDelayInMilliseconds(result.getJsonObject("latencyMs").getJsonObject("uncorrected"));
    assertEquals(50.0, result.getJsonObject("throughput").getDouble("plannedPerSec"));
    assertFalse(result.getJsonObject("generator").getBoolean("saturated"), result.encodePrettily());
  }

  @Test
  void theSeedsSequentialPlanIsTheDefaultJudgedByTheSeedsCriteria() throws Exception {
    JsonObject result = bed.awaitResult(bed.start(new JsonObject()));

    JsonObject plan = result.getJsonObject("plan");
    assertEquals("sequential", plan.getString("plan"));
    assertEquals(target, plan.getString("target"));
    assertEquals(10, plan.getLong("requests"));
    assertEquals(50, plan.getLong("spacingMs"));
    assertEquals(10, result.getLong("ok"));
    assertAboveTheDelayInMilliseconds(result.getJsonObject("latencyMs").getJsonObject("corrected"));
    JsonObject verdict = result.getJsonObject("verdict");
    assertEquals(100.0, verdict.getJsonObject("criteria").getDouble("minSuccessPercent"));
    assertEquals(100.0, verdict.getJsonObject("criteria").getDouble("maxMeanMs"));
    // Whether a 20 ms target answers with a corrected mean under 100 ms depends on the machine's load (a stalled
    // request delays every later one's intended time): what holds under any load is the verdict following its criteria.
    double mean = result.getJsonObject("latencyMs").getJsonObject("corrected").getDouble("mean");
    assertEquals(mean < 100.0, verdict.getBoolean("pass"), verdict.encode() + " for a corrected mean of " + mean);
    assertEquals(verdict.getBoolean("pass"), verdict.getJsonArray("reasons").isEmpty(), verdict.encode());
  }

  @Test
  void closedModelPercentilesSitAtTheDelay() throws Exception {
    JsonObject result = bed.awaitResult(bed.start(new JsonObject().put("plan", "closed").put("connections", 4)
        .put("requests", 60)));

    assertEquals(60, result.getLong("sent"));
    assertEquals(60, result.getLong("ok"));
    assertAboveTheDelayInMilliseconds(result.getJsonObject("latencyMs").getJsonObject("uncorrected"));
    assertFalse(result.getJsonObject("throughput").containsKey("plannedPerSec"), "a closed plan has no planned rate");
  }

  @Test
  void aThresholdTheTargetMissesFailsTheRun() throws Exception {
    JsonObject result = bed.awaitResult(bed.start(new JsonObject().put("requests", 5).put("spacingMs", 10)
        .put("pass", new JsonObject().put("maxMeanMs", 5))));

    assertFalse(result.getJsonObject("verdict").getBoolean("pass"));
    assertTrue(result.getJsonObject("verdict").getJsonArray("reasons").getString(0).startsWith("mean "));
  }

  private static void assertAboveTheDelayInMilliseconds(JsonObject latency) {
    // Never under the delay (it is in every answer), in order, and in milliseconds (a unit slip is off by 1,000).
    // How far over the delay depends on the machine's load (a CI run at load 17 saw p50 61 ms): that is bench/stress's.
    double previous = DELAY_MS;
    for (String p : new String[] {"p50", "p90", "p99", "max"}) {
      double value = latency.getDouble(p);
      assertTrue(value >= previous && value < DELAY_MS * 50, p + " of " + latency.encode());
      previous = value;
    }
    assertTrue(latency.getDouble("mean") >= DELAY_MS && latency.getDouble("mean") < DELAY_MS * 50, latency.encode());
  }
}
