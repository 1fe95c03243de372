package dev.vigie.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestVigie;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The open model on a plain-HTTP target speaks HTTP itself over a pool of its own (LanePool): requests due while
 * every connection is busy wait for the first one freed, never more connections than the plan names are opened, and
 * a connection the server closes is replaced without counting an error, as Vert.x's pool did.
 */
class OpenLanesTest {

  @Test
  void busyConnectionsMakeRequestsWaitAndNoMoreThanThePlansAreOpened(@TempDir Path dir) {
    Set<HttpConnection> seen = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    try (TestVigie vigie = TestVigie.start(StressRuns.config(dir))) {
      // Each answer takes 30 ms: at 200 requests a second, three connections carry at most 100 a second.
      LoopbackServer server = LoopbackServer.start(vigie.vertx(), req -> {
        seen.add(req.connection());
        vigie.vertx().setTimer(30, t -> req.response().end("{}"));
      });
      StressRuns bed = new StressRuns(vigie);

      JsonObject result = bed.awaitResult(bed.start(new JsonObject().put("plan", "open")
          .put("target", server.url("/x")).put("rate", 200).put("durationMs", 500).put("connections", 3)));

      assertEquals(100, result.getLong("ok"), result.encode());
      assertEquals(new JsonObject(), result.getJsonObject("errors"), result.encode());
      assertEquals(3, seen.size(), "connections opened");
      JsonObject generator = result.getJsonObject("generator");
      assertTrue(generator.getJsonObject("poolWaitMs").getDouble("max") >= 30, generator.encode());
      // The wait for a connection is the target's doing, in the corrected latency, not the generator's lag.
      assertTrue(generator.getJsonObject("lagMs").getDouble("p99") < 30, generator.encode());
      JsonObject latency = result.getJsonObject("latencyMs");
      assertTrue(latency.getJsonObject("corrected").getDouble("max")
          > latency.getJsonObject("uncorrected").getDouble("max") + 30, latency.encode());
    }
  }

  @Test
  void aServerThatClosesAfterEachAnswerCostsNoErrors(@TempDir Path dir) {
    try (LoopbackServer server = LoopbackServer.start(StressRuns.closingAfterEachAnswer());
        TestVigie vigie = TestVigie.start(StressRuns.config(dir))) {
      StressRuns bed = new StressRuns(vigie);

      JsonObject result = bed.awaitResult(bed.start(new JsonObject().put("plan", "open")
          .put("target", server.url("/x")).put("rate", 400).put("durationMs", 500).put("connections", 2)));

      assertEquals(200, result.getLong("ok"), result.encode());
      assertEquals(new JsonObject(), result.getJsonObject("errors"), result.encode());
    }
  }

  @Test
  void aDroppedConnectionCountsOnlyTheRequestItCarried(@TempDir Path dir) {
    try (LoopbackServer server = LoopbackServer.start(StressRuns.droppingEveryTenthRequest());
        TestVigie vigie = TestVigie.start(StressRuns.config(dir))) {
      StressRuns bed = new StressRuns(vigie);

      JsonObject result = bed.awaitResult(bed.start(new JsonObject().put("plan", "open")
          .put("target", server.url("/x")).put("rate", 400).put("durationMs", 500).put("connections", 2)));

      assertEquals(200, result.getLong("completed"), result.encode());
      assertEquals(180, result.getLong("ok"), result.encode());
      assertEquals(new JsonObject().put("closed", 20L), result.getJsonObject("errors"), result.encode());
    }
  }
}
