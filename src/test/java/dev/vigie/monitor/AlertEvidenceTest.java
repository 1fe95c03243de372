package dev.vigie.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.Metric;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import dev.vigie.bus.Thresholds;
import dev.vigie.config.ConfigLoader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A ratio raises nothing until it rests on enough observations ({@code monitor.minSamples}, or a rule's or a
 * threshold's own {@code minSamples}): one miss is not a hit rate of 0 % ({@link FreshDemoAlertsTest}: none at start).
 */
class AlertEvidenceTest {
  private static SectionUpdate cache(double hitRatePercent, long lookups, Status status) {
    return new SectionUpdate("cache", "Archive cache", List.of(
        Metric.of("Hit rate", hitRatePercent, "%", status).withSamples(lookups)), null);
  }

  @Test
  void aRatioOnFewSamplesRaisesNothing() {
    JsonObject config = ConfigLoader.defaults();
    assertEquals(20, Thresholds.minSamples(config), "the documented default");
    AlertBook book = AlertBook.from(config, Thresholds.from(config));
    Instant now = Instant.now();
    assertEquals(List.of(), book.evaluate(cache(0, 1, Status.CRITICAL), now), "0 % of one lookup");
    assertEquals(List.of(), book.evaluate(cache(10, 19, Status.CRITICAL), now), "19 lookups");
    List<JsonObject> raised = book.evaluate(cache(10, 20, Status.CRITICAL), now);
    assertEquals(1, raised.size(), "20 lookups are evidence");
    assertEquals("cache-hit-rate", raised.get(0).getString("rule"));
    // A metric that does not say how many observations it rests on is judged as before.
    AlertBook other = AlertBook.from(config, Thresholds.from(config));
    assertEquals(1, other.evaluate(new SectionUpdate("cache", "Archive cache",
        List.of(Metric.of("Hit rate", 10.0, "%", Status.CRITICAL)), null), now).size());
  }

  @Test
  void aRuleOrAThresholdMayAskForMore() {
    JsonObject config = ConfigLoader.defaults();
    config.getJsonObject("monitor").put("minSamples", 0);
    config.getJsonObject("thresholds").getJsonObject("errorRatePercent").put("minSamples", 50);
    JsonArray rules = config.getJsonObject("alerts").getJsonArray("rules");
    for (int i = 0; i < rules.size(); i++) {
      if (rules.getJsonObject(i).getString("id").equals("cache-hit-rate")) {
        rules.getJsonObject(i).put("minSamples", 5);
      }
    }
    Thresholds thresholds = Thresholds.from(config);
    assertEquals(Status.NEUTRAL, thresholds.evaluate("errorRatePercent", 50, 49));
    assertEquals(Status.CRITICAL, thresholds.evaluate("errorRatePercent", 50, 50));
    assertEquals(Status.CRITICAL, thresholds.evaluate("cacheHitRate", 0, 1), "monitor.minSamples 0: judged at once");
    AlertBook book = AlertBook.from(config, thresholds);
    assertEquals(List.of(), book.evaluate(cache(0, 4, Status.CRITICAL), Instant.now()));
    assertEquals(1, book.evaluate(cache(0, 5, Status.CRITICAL), Instant.now()).size());
  }

  @Test
  void badMinSamplesAreRefusedNamingTheKey() {
    JsonObject config = ConfigLoader.defaults();
    config.getJsonObject("monitor").put("minSamples", -1);
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> Thresholds.from(config));
    assertTrue(e.getMessage().contains("monitor.minSamples"), e.getMessage());
    assertNull(Metric.of("x", 1, null, Status.GOOD).samples());
    assertThrowsBad(new JsonObject().put("label", "x").put("samples", 1.5));
    assertThrowsBad(new JsonObject().put("label", "x").put("samples", -2));
  }

  private static void assertThrowsBad(JsonObject metric) {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> Metric.fromJson(metric));
    assertTrue(e.getMessage().contains("metric.samples"), e.getMessage());
  }
}
