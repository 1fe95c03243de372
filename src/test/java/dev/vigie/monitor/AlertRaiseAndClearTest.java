package dev.vigie.monitor;

import dev.vigie.bus.Thresholds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.MonitorBus;
import dev.vigie.config.ConfigLoader;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Alerts are raised once, ride out readings inside the hysteresis band, never flap on a value hovering around the
 * bound, and clear after enough normal readings in a row; each change lands in the activity log and the snapshot.
 */
@ExtendWith(VertxExtension.class)
class AlertRaiseAndClearTest {

  @Test
  void latencyAlertRaisesOnceAndClearsWithoutFlapping(Vertx vertx, VertxTestContext test) throws Exception {
    List<JsonObject> published = new ArrayList<>();
    vertx.eventBus().<JsonObject>consumer(MonitorBus.ALERT, msg -> published.add(msg.body()));
    // 600 raises; 700 does not raise again; 480 and 460 sit in the band (under 500, over 450) and change nothing;
    // the hovering 510/490 never clears; two normal readings are not enough, the third clears it.
    double[] values = {100, 600, 700, 480, 510, 460, 100, 100, 510, 490, 510, 490, 510, 100, 100, 100};
    JsonArray rules = new JsonArray().add(new JsonObject().put("id", "endpoint-latency").put("section", "endpoints")
        .put("metric", "*").put("threshold", "latencyMs").put("action", "check backend logs, optimise DB queries, enable caching"));
    deployMonitor(vertx, rules).compose(id -> sendAll(vertx, values, 0)).compose(v -> snapshot(vertx))
        .onComplete(test.succeeding(snapshot -> test.verify(() -> {
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
          test.completeNow();
        })));
    assertTrue(test.awaitCompletion(10, TimeUnit.SECONDS));
    if (test.failed()) {
      throw new AssertionError(test.causeOfFailure());
    }
    assertTrue(published.size() <= 2, "published at most a raise and a clear: " + published);
  }

  @Test
  void statusAndEqualsRulesStayOpenWhileTheConditionHolds(Vertx vertx, VertxTestContext test) throws Exception {
    JsonObject breakerOpen = section("downloads", "Breaker", "open", null, "critical");
    JsonObject freshnessCritical = section("freshness", "Risk scores", 75.0, "min", "critical");
    deployMonitor(vertx, ConfigLoader.defaults().getJsonObject("alerts").getJsonArray("rules"))
        .compose(id -> vertx.eventBus().request(MonitorBus.SECTION, breakerOpen))
        .compose(r -> vertx.eventBus().request(MonitorBus.SECTION, breakerOpen))
        .compose(r -> vertx.eventBus().request(MonitorBus.SECTION, freshnessCritical))
        .compose(r -> snapshot(vertx))
        .onComplete(test.succeeding(snapshot -> test.verify(() -> {
          JsonArray alerts = snapshot.getJsonArray("alerts");
          assertEquals(2, alerts.size(), alerts.encodePrettily());
          for (Object o : alerts) {
            assertEquals("raised", ((JsonObject) o).getString("state"));
          }
          assertTrue(alerts.encode().contains("freshness/Risk scores"));
          assertTrue(alerts.encode().contains("\"breaker-open\""));
          test.completeNow();
        })));
    assertTrue(test.awaitCompletion(10, TimeUnit.SECONDS));
    if (test.failed()) {
      throw new AssertionError(test.causeOfFailure());
    }
  }

  @Test
  void raiseAfterIgnoresASingleBreach(Vertx vertx, VertxTestContext test) throws Exception {
    JsonArray rules = new JsonArray().add(new JsonObject().put("id", "slow").put("section", "endpoints")
        .put("metric", "*").put("above", 500).put("raiseAfter", 2).put("action", "look"));
    // One breach between normal readings never raises; two in a row do.
    double[] values = {600, 100, 600, 100, 600, 600};
    deployMonitor(vertx, rules).compose(id -> sendAll(vertx, values, 0)).compose(v -> snapshot(vertx))
        .onComplete(test.succeeding(snapshot -> test.verify(() -> {
          JsonArray alerts = snapshot.getJsonArray("alerts");
          assertEquals(1, alerts.size(), alerts.encodePrettily());
          assertEquals("raised", alerts.getJsonObject(0).getString("state"));
          assertEquals(1, snapshot.getJsonArray("log").stream()
              .filter(e -> ((JsonObject) e).getString("message").startsWith("alert: ")).count());
          test.completeNow();
        })));
    assertTrue(test.awaitCompletion(10, TimeUnit.SECONDS));
    if (test.failed()) {
      throw new AssertionError(test.causeOfFailure());
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

  private static Future<String> deployMonitor(Vertx vertx, JsonArray rules) {
    JsonObject config = ConfigLoader.defaults();
    config.getJsonObject("monitor").put("sampleIntervalMs", 3_600_000);
    config.getJsonObject("alerts").put("rules", rules);
    return vertx.deployVerticle(new MonitorVerticle(), new DeploymentOptions().setConfig(config));
  }

  private static Future<Void> sendAll(Vertx vertx, double[] values, int i) {
    if (i == values.length) {
      return Future.succeededFuture();
    }
    String status = values[i] > 500 ? "critical" : values[i] >= 100 ? "warning" : "good";
    JsonObject update = section("endpoints", "API", values[i], "ms", status);
    return vertx.eventBus().request(MonitorBus.SECTION, update).compose(r -> sendAll(vertx, values, i + 1));
  }

  private static Future<JsonObject> snapshot(Vertx vertx) {
    return vertx.eventBus().<JsonObject>request(MonitorBus.SNAPSHOT, null).map(m -> m.body());
  }

  private static JsonObject section(String name, String label, Object value, String unit, String status) {
    JsonObject metric = new JsonObject().put("label", label).put("value", value).put("status", status);
    if (unit != null) {
      metric.put("unit", unit);
    }
    return new JsonObject().put("section", name).put("title", name).put("metrics", new JsonArray().add(metric));
  }
}
