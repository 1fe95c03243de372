package dev.vigie.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The open model sends on a nanosecond schedule: at 2,000 requests a second (one every half millisecond) against an
 * idle loopback target, requests leave within a fraction of a millisecond of their intended time. On whole-millisecond
 * timers the lag p50 was about 0.75 ms. The bound here is loose so that a busy machine cannot flake it; the exact
 * figures belong to bench/stress.
 */
class SubMillisecondScheduleTest {

  @Test
  void anOpenRunAtTwoThousandASecondLeavesOnTime(@TempDir Path dir) {
    try (LoopbackServer server = LoopbackServer.start(req -> req.response().end("{}"));
        TestVigie vigie = TestVigie.start(StressRuns.config(dir))) {
      StressRuns bed = new StressRuns(vigie);

      JsonObject result = bed.awaitResult(bed.start(new JsonObject().put("plan", "open")
          .put("target", server.url("/x")).put("rate", 2000).put("durationMs", 2000).put("connections", 8)));

      assertEquals(4000, result.getLong("ok"), result.encode());
      JsonObject lag = result.getJsonObject("generator").getJsonObject("lagMs");
      assertTrue(lag.getDouble("p50") < 0.5, "lag p50 under half a millisecond: " + lag.encode());
    }
  }
}
