package dev.vigie.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * The alerts role's holder publishes a raise, then writes its record to the cluster-wide map. One that dies in
 * between leaves a record without the raise: the next holder completes the record with what its mirror heard, so
 * the alert is not raised (and sent) a second time.
 */
class AlertMirrorTest {
  private static final Instant T = Instant.parse("2026-12-03T00:00:00Z");

  private static SectionUpdate level(int value) {
    return new SectionUpdate("ext", "Ext", List.of(Metric.of("Level", value, null,
        value > 10 ? Status.CRITICAL : Status.GOOD)), null);
  }

  private static JsonObject config() {
    JsonObject config = ConfigLoader.defaults();
    config.getJsonObject("alerts").getJsonArray("rules").add(new JsonObject().put("id", "ext-high")
        .put("section", "ext").put("metric", "Level").put("above", 10).put("clearAfter", 1).put("action", "lower it"));
    return config;
  }

  @Test
  void aRaiseTheHolderPublishedButNeverRecordedIsNotRaisedAgain() {
    AlertBook holder = AlertBook.from(config(), Thresholds.from(config()));
    JsonObject raise = holder.evaluate(level(50), T).get(0);
    AlertMirror mirror = new AlertMirror(10, 100);
    mirror.apply(raise);
    // The holder died before writing: its record is the one from before the raise.
    JsonObject record = new JsonObject().put("open", new JsonArray()).put("recent", new JsonArray());

    AlertBook next = AlertBook.from(config(), Thresholds.from(config()));
    next.restore(mirror.completing(record));
    assertEquals(List.of(), next.evaluate(level(50), T.plusSeconds(1)), "still breaching: no second raise");
    assertEquals("cleared", next.evaluate(level(1), T.plusSeconds(2)).get(0).getString("state"), "and it clears once");
  }

  @Test
  void theRecordWinsWhereTheMirrorIsBehindIt() {
    JsonObject raised = new JsonObject().put("id", "a").put("state", "raised").put("raisedAt", "2026-12-03T00:00:01Z");
    AlertMirror mirror = new AlertMirror(10, 100);
    mirror.apply(raised);
    // Cleared after that raise: the mirror had not heard the clear yet.
    JsonObject clearedLater = raised.copy().put("state", "cleared").put("clearedAt", "2026-12-03T00:00:01.500Z");
    JsonObject record = new JsonObject().put("open", new JsonArray()).put("recent", new JsonArray().add(clearedLater));
    assertEquals(new JsonArray(), mirror.completing(record).getJsonArray("open"));

    // Cleared before that raise: the raise is newer, and the record lacks it.
    JsonObject clearedBefore = raised.copy().put("state", "cleared").put("clearedAt", "2026-12-03T00:00:00.500Z");
    record = new JsonObject().put("open", new JsonArray()).put("recent", new JsonArray().add(clearedBefore));
    assertEquals(List.of("a"), ids(mirror.completing(record)));

    // Already in the record: kept once.
    record = new JsonObject().put("open", new JsonArray().add(raised.copy())).put("recent", new JsonArray());
    assertEquals(List.of("a"), ids(mirror.completing(record)));
  }

  private static List<String> ids(JsonObject state) {
    return state.getJsonArray("open").stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }
}
