package dev.vigie.store;

import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.StoreBus;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An alert raised, acknowledged (with a note), silenced (with a reason) and cleared through the monitor and the API is
 * kept whole in the store's alert history, and stays there after a restart.
 */
class AlertActionsHistoryTest {

  @Test
  void raiseAckSilenceAndClearAreKeptInTheHistory(@TempDir Path dir) {
    TestConfig config = TestConfig.defaults(dir).only("monitor", "store", "web")
        .with(json -> json.getJsonObject("alerts").getJsonArray("rules").add(new JsonObject().put("id", "ext-high")
            .put("section", "ext").put("metric", "Level").put("above", 10).put("clearAfter", 1)
            .put("action", "lower the level")));
    try (TestVigie vigie = TestVigie.start(config)) {
      var heard = vigie.listen(MonitorBus.ALERT);
      level(vigie, 50);
      heard.await("the raise", a -> "raised".equals(a.getString("state")));
      assertEquals(200, vigie.http().post("/api/alerts/ext-high/ack", new JsonObject().put("note", "on it")).statusCode());
      assertEquals(200, vigie.http().post("/api/alerts/ext-high/silence", new JsonObject().put("durationMs", 600_000)
          .put("reason", "maintenance window")).statusCode());
      level(vigie, 1);
      heard.await("the clear", a -> "cleared".equals(a.getString("state")));

      JsonObject entry = eventually("the whole story in the alert history", () -> {
        vigie.ask(StoreBus.MAINTAIN, null);
        return historyOf(vigie, "ext-high");
      }, e -> e != null && e.containsKey("clearedAt") && e.containsKey("silenced"));
      assertEquals("cleared", entry.getString("state"));
      assertTrue(entry.containsKey("acknowledgedAt"), entry.encode());
      assertEquals("on it", entry.getString("acknowledgedNote"));
      assertEquals("maintenance window", entry.getJsonObject("silenced").getString("reason"));
      assertTrue(entry.getJsonObject("silenced").containsKey("until"), entry.encode());
    }
    try (TestVigie again = TestVigie.start(config)) {
      JsonObject kept = historyOf(again, "ext-high");
      assertEquals("on it", kept.getString("acknowledgedNote"), "kept after a restart: " + kept);
      assertEquals("maintenance window", kept.getJsonObject("silenced").getString("reason"));
    }
  }

  private static void level(TestVigie vigie, int level) {
    vigie.vertx().eventBus().publish(MonitorBus.SECTION, new JsonObject().put("section", "ext").put("title", "Ext")
        .put("metrics", new JsonArray().add(new JsonObject().put("label", "Level").put("value", level)
            .put("status", level > 10 ? "critical" : "good"))));
  }

  private static JsonObject historyOf(TestVigie vigie, String id) {
    return vigie.http().get("/api/history/alerts").bodyAsJsonObject().getJsonArray("alerts").stream()
        .map(JsonObject.class::cast).filter(a -> id.equals(a.getString("id"))).findFirst().orElse(null);
  }
}
