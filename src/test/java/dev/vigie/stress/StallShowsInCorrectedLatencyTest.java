package dev.vigie.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestVigie;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target that stalls for one second in the middle of an open-model run: the few requests in flight see the stall,
 * but every request scheduled during it is late too. Only the corrected latency tells that second story.
 */
class StallShowsInCorrectedLatencyTest {
  private static final long STALL_MS = 1000;

  /** Answers at once, except that from request number {@code stallAt} on, nothing is answered for a while. */
  private static io.vertx.core.Handler<HttpServerRequest> stallingServer(Vertx vertx, long stallAt, long stallMs) {
    AtomicLong count = new AtomicLong();
    long[] stallUntil = {0};
    return req -> {
      long now = System.nanoTime();
      if (count.incrementAndGet() == stallAt) {
        stallUntil[0] = now + stallMs * 1_000_000;
      }
      long waitMs = (stallUntil[0] - now) / 1_000_000;
      if (waitMs > 0) {
        vertx.setTimer(waitMs, t -> req.response().end("{}"));
      } else {
        req.response().end("{}");
      }
    };
  }

  @Test
  void correctedP99ShowsTheStallWhileUncorrectedDoesNot(@TempDir Path dir) {
    try (TestVigie vigie = TestVigie.start(StressRuns.config(dir))) {
      int port = LoopbackServer.start(vigie.vertx(), stallingServer(vigie.vertx(), 200, STALL_MS)).port();
      correctedP99ShowsTheStall(new StressRuns(vigie), port);
    }
  }

  private void correctedP99ShowsTheStall(StressRuns bed, int port) {

    JsonObject result = bed.awaitResult(bed.start(new JsonObject().put("plan", "open")
        .put("target", "http://127.0.0.1:" + port + "/").put("rate", 100).put("durationMs", 5000).put("connections", 2)));

    JsonObject corrected = result.getJsonObject("latencyMs").getJsonObject("corrected");
    JsonObject uncorrected = result.getJsonObject("latencyMs").getJsonObject("uncorrected");
    assertEquals(500, result.getLong("ok"), result.encode());
    assertTrue(corrected.getDouble("p99") >= STALL_MS / 2.0, "corrected " + corrected.encode());
    assertTrue(corrected.getDouble("max") >= STALL_MS * 0.9, "corrected " + corrected.encode());
    // Only the two requests on the two connections waited out the stall: under 1 % of 500.
    assertTrue(uncorrected.getDouble("max") >= STALL_MS * 0.9, "uncorrected " + uncorrected.encode());
    assertTrue(uncorrected.getDouble("p99") < STALL_MS / 4.0, "uncorrected " + uncorrected.encode());
    JsonObject generator = result.getJsonObject("generator");
    assertTrue(generator.getJsonObject("poolWaitMs").getDouble("max") >= STALL_MS / 2.0,
        "queued requests waited for a connection: " + generator.encode());
    // The stall is the target's: it shows as pool wait, never as the generator's lag behind its schedule.
    assertTrue(generator.getJsonObject("lagMs").getDouble("p99") < STALL_MS / 4.0, generator.encode());
    assertFalse(generator.getString("reason", "").contains("connection"), generator.encode());
  }

  @Test
  void requestsThatCannotGetAConnectionInTimeFlagTheGeneratorSaturated(@TempDir Path dir) {
    try (TestVigie vigie = TestVigie.start(StressRuns.config(dir))) {
      int port = LoopbackServer.start(vigie.vertx(), stallingServer(vigie.vertx(), 1, 3000)).port();
      requestsThatCannotGetAConnectionInTime(new StressRuns(vigie), port);
    }
  }

  private void requestsThatCannotGetAConnectionInTime(StressRuns bed, int port) {

    JsonObject result = bed.awaitResult(bed.start(new JsonObject().put("plan", "open")
        .put("target", "http://127.0.0.1:" + port + "/").put("rate", 20).put("durationMs", 1000)
        .put("connections", 1).put("timeoutMs", 300)));

    JsonObject generator = result.getJsonObject("generator");
    assertTrue(generator.getBoolean("saturated"), generator.encode());
    assertTrue(generator.getLong("notSentOnTime") > 0, generator.encode());
    assertTrue(generator.getString("reason").contains("could not get a connection in time"), generator.encode());
    assertTrue(result.getJsonObject("errors").getLong("not_sent_in_time") > 0, result.encode());
  }
}
