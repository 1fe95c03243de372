package dev.vigie.monitor;

import dev.vigie.bus.Thresholds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigie.bus.Metric;
import dev.vigie.bus.Status;
import dev.vigie.config.ConfigLoader;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** A metric its area marks neutral (not judged now) never raises a threshold alert, and clears one that was open. */
class NeutralMetricAlertTest {
  @Test
  void idleDownloadSpeedDoesNotBreachTheSpeedRule() {
    Thresholds thresholds = Thresholds.from(ConfigLoader.defaults());
    AlertRule rule = AlertRule.fromJson(new JsonObject().put("id", "download-speed").put("section", "downloads")
        .put("metric", "Speed").put("threshold", "downloadSpeedMBps").put("action", "check the network"),
        "alerts.rules[0]", thresholds, 1, 10, 0);
    assertEquals(Boolean.TRUE, rule.breached(Metric.of("Speed", 0.2, "MB/s", Status.CRITICAL)));
    assertEquals(Boolean.FALSE, rule.breached(Metric.of("Speed", 0.0, "MB/s", Status.NEUTRAL)));
    assertEquals(Boolean.FALSE, rule.breached(Metric.of("Speed", 5.0, "MB/s", Status.GOOD)));
  }
}
