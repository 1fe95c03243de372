package dev.vigie.monitor;

import static dev.vigie.kit.Wait.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.Thresholds;
import dev.vigie.config.ConfigLoader;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts are raised once, ride out readings inside the hysteresis band, never flap on a value hovering around the
 * bound, and clear after enough normal readings in a row; each change lands in the activity log and the snapshot.
 */
class AlertRaiseAndClearTest {
  @TempDir
  Path dataDir;

  @Test
  void latencyAlertRaisesOnceAndClearsWithoutFlapping() {
    // 600 raises; 700 does not raise again; 480 and 460 sit in the band (under 500, over 450) and change nothing;
    // the hovering 510/490 never clears; two normal readings are not enough, the third clears it.
    double[] values = {100, 600, 700, 480, 510, 460, 100, 100, 510, 490, 510, 490, 510, 100, 100, 100};
    JsonArray rules = new JsonArray().add(new JsonObject().put("id", "endpoint-latency").put("section", "endpoints")
        .put("metric", "*").put("threshold", "latencyMs").put("action", "check backend logs, optimise DB queries, enable caching"));
    try (TestVigie vigie = startMonitor(rules)) {
      List<JsonObject> published = new CopyOnWriteArrayList<>();
      await(vigie.vertx().eventBus().<JsonObject>consumer(MonitorBus.ALERT, msg -> published.add(msg.body())).completion());
      sendAll(vigie, values);
      JsonObject snapshot = vigie.ask(MonitorBus.SNAPSHOT, null);
      JsonArray log = snapshot.getJsonArray("log");
      long raised = log.stream().filter(e -> ((JsonObject) e).getString("message").startsWith("alert: ")).count();
      long cleared = log.stream().filter(e -> ((JsonObject) e).getString("message").startsWith("alert cleared")).count();
      assertEquals(1, raised, log.encodePrettily());
      assertEquals(1, cleared, log.encodePrettily());
      JsonObject entry = log.stream().map(JsonObject.class::cast)
          .filter(e -> e.getString("message").startsWith("alert: ")).findFirst().orElseThrow();
      assertEquals("error", entry.getString("level"));
      assertTrue(entry.getString("message").contains("check backend logs, optimise DB queries, enable caching"));
      JsonArray alerts = snapshot.getJsonArray("alerts");
      assertEquals(1, alerts.size());
      JsonObject alert = alerts.getJsonObject(0);
      assertEquals("cleared", alert.getString("state"));
      assertEquals("endpoint-latency/API", alert.getString("id"));
      assertTrue(alert.getString("message").contains("back to normal"));
      assertTrue(published.size() <= 2, "published at most a raise and a clear: " + published);
    }
  }

  @Test
  void statusAndEqualsRulesStayOpenWhileTheConditionHolds() {
    JsonObject breakerOpen = section("downloads", "Breaker", "open", null, "critical");
    JsonObject freshnessCritical = section("freshness", "Risk scores", 75.0, "min", "critical");
    // The default rules, and a per-metric status rule on freshness (the probe raises its sources' alerts from its
    // checks now; a configured rule on a section's metrics works as before).
    JsonArray rules = ConfigLoader.defaults().getJsonObject("alerts").getJsonArray("rules").copy()
        .add(new JsonObject().put("id", "freshness").put("section", "freshness").put("metric", "*")
            .put("status", "critical").put("action", "check that the source's service is running"));
    try (TestVigie vigie = startMonitor(rules)) {
      vigie.ask(MonitorBus.SECTION, breakerOpen);
      vigie.ask(MonitorBus.SECTION, breakerOpen);
      vigie.ask(MonitorBus.SECTION, freshnessCritical);
      JsonObject snapshot = vigie.ask(MonitorBus.SNAPSHOT, null);
      JsonArray alerts = snapshot.getJsonArray("alerts");
      assertEquals(2, alerts.size(), alerts.encodePrettily());
      for (Object o : alerts) {
        assertEquals("raised", ((JsonObject) o).getString("state"));
      }
      assertTrue(alerts.encode().contains("freshness/Risk scores"));
      assertTrue(alerts.encode().contains("\"breaker-open\""));
    }
  }

  @Test
  void raiseAfterIgnoresASingleBreach() {
    JsonArray rules = new JsonArray().add(new JsonObject().put("id", "slow").put("section", "endpoints")
        .put("metric", "*").put("above", 500).put("raiseAfter", 2).put("action", "look"));
    // One breach between normal readings never raises; two in a row do.
    double[] values = {600, 100, 600, 100, 600, 600};
    try (TestVigie vigie = startMonitor(rules)) {
      sendAll(vigie, values);
      JsonObject snapshot = vigie.ask(MonitorBus.SNAPSHOT, null);
      JsonArray alerts = snapshot.getJsonArray("alerts");
      assertEquals(1, alerts.size(), alerts.encodePrettily());
      assertEquals("raised", alerts.getJsonObject(0).getString("state"));
      assertEquals(1, snapshot.getJsonArray("log").stream()
      .filter(e -> ((JsonObject) e).getString("message").startsWith("alert: ")).count());
    }
  }

  @Test
  void aRuleWithTwoConditionsIsRefused() {
    JsonObject config = ConfigLoader.defaults();
    config.getJsonObject("alerts").put("rules", new JsonArray().add(new JsonObject().put("id", "x").put("section", "s")
        .put("metric", "m").put("above", 1).put("below", 0).put("action", "a")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AlertBook.from(config, Thresholds.from(config)));
    assertTrue(e.getMessage().startsWith("alerts.rules[0]"), e.getMessage());
  }

  private TestVigie startMonitor(JsonArray rules) {
    return TestVigie.start(TestConfig.defaults(dataDir).only("monitor").sampleIntervalMs(3_600_000)
        .set("alerts.rules", rules));
  }

  /** One endpoints reading per value, each acknowledged before the next. */
  private static void sendAll(TestVigie vigie, double[] values) {
    for (double value : values) {
      String status = value > 500 ? "critical" : value >= 100 ? "warning" : "good";
      vigie.ask(MonitorBus.SECTION, section("endpoints", "API", value, "ms", status));
    }
  }

  private static JsonObject section(String name, String label, Object value, String unit, String status) {
    JsonObject metric = new JsonObject().put("label", label).put("value", value).put("status", status);
    if (unit != null) {
      metric.put("unit", unit);
    }
    return new JsonObject().put("section", name).put("title", name).put("metrics", new JsonArray().add(metric));
  }
}
