package dev.vigie.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.Metric;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import dev.vigie.bus.Thresholds;
import dev.vigie.config.ConfigLoader;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An alert that keeps raising and clearing is held open as flapping, then clears once it has settled. */
class AlertFlappingTest {
  private static SectionUpdate level(int value) {
    return new SectionUpdate("ext", "Ext", List.of(Metric.of("Level", value, null,
        value > 10 ? Status.CRITICAL : Status.GOOD)), null);
  }

  @Test
  void aFlappingAlertIsHeldOpenUntilItsChangesLeaveTheWindow() {
    JsonObject config = flapping();
    AlertBook book = AlertBook.from(config, Thresholds.from(config));
    Instant t = Instant.parse("2026-12-02T00:00:00Z");
    raiseClearRaise(book, t);
    // A second clear would be the fourth change within the minute: held, nothing goes out.
    assertEquals(List.of(), book.evaluate(level(1), t.plusSeconds(3)));
    assertEquals(List.of(), book.evaluate(level(50), t.plusSeconds(4)), "still open: no new raise");
    assertEquals(List.of(), book.evaluate(level(1), t.plusSeconds(5)));
    JsonObject open = book.open().getJsonObject(0);
    assertEquals("raised", open.getString("state"));
    assertNotNull(open.getJsonObject("flapping"), open.encode());
    assertEquals(4, open.getJsonObject("flapping").getInteger("changes"));

    // Once the changes are older than the window, a normal reading clears it, without the flapping mark.
    JsonObject cleared = only(book.evaluate(level(1), t.plusSeconds(70)));
    assertEquals("cleared", cleared.getString("state"));
    assertTrue(!cleared.containsKey("flapping"), cleared.encode());
    assertEquals(0, book.open().size());
  }

  /**
   * A cluster's alerts role changes hands in the middle of a flap: the new holder takes over the alert's recent
   * raises and clears with its state, so the clear that would be the fourth change within the window is held there
   * too (it was sent, paging again, when the new holder counted afresh).
   */
  @Test
  void theNextHolderGoesOnCountingTheChanges() {
    JsonObject config = flapping();
    AlertBook first = AlertBook.from(config, Thresholds.from(config));
    Instant t = Instant.parse("2026-12-02T00:00:00Z");
    raiseClearRaise(first, t);

    AlertBook next = AlertBook.from(config, Thresholds.from(config));
    // Through the cluster-wide map, as JSON.
    next.restore(new JsonObject(first.state().encode()));
    assertEquals(List.of(), next.evaluate(level(1), t.plusSeconds(3)), "the fourth change within the window: held");
    assertNotNull(next.open().getJsonObject(0).getJsonObject("flapping"), next.open().encode());
    assertEquals("cleared", only(next.evaluate(level(1), t.plusSeconds(70))).getString("state"));
  }

  /** A rule on the "ext" section's Level, held open once it changes four times within a minute. */
  private static JsonObject flapping() {
    JsonObject config = ConfigLoader.defaults();
    config.getJsonObject("alerts").put("flapChanges", 4).put("flapWindowMs", 60_000)
        .getJsonArray("rules").add(new JsonObject().put("id", "ext-high").put("section", "ext").put("metric", "Level")
            .put("above", 10).put("clearAfter", 1).put("action", "lower it"));
    return config;
  }

  /** Three changes a second apart: raised, cleared, raised again. */
  private static void raiseClearRaise(AlertBook book, Instant t) {
    assertEquals("raised", only(book.evaluate(level(50), t)).getString("state"));
    assertEquals("cleared", only(book.evaluate(level(1), t.plusSeconds(1))).getString("state"));
    assertEquals("raised", only(book.evaluate(level(50), t.plusSeconds(2))).getString("state"));
  }

  private static JsonObject only(List<JsonObject> events) {
    assertEquals(1, events.size(), events.toString());
    return events.get(0);
  }
}
