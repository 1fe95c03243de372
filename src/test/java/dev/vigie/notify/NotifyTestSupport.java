package dev.vigie.notify;

import dev.vigie.bus.MonitorBus;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;

/** What the notify tests share: a Vigie with the monitor, notify and web areas, and alert events to publish. */
final class NotifyTestSupport {
  private NotifyTestSupport() {
  }

  /**
   * Monitor, notify and web with fast delivery timings, {@code channels} configured, and an alert rule
   * {@code ext-high} on the external section {@code ext} (metric {@code Level} above 10, cleared after one reading).
   */
  static TestConfig config(Path dir, JsonArray channels) {
    return TestConfig.defaults(dir).only("monitor", "notify", "web")
        .merge("notify", new JsonObject().put("channels", channels).put("groupWaitMs", 0).put("backoffMs", 20)
            .put("maxBackoffMs", 200).put("timeoutMs", 2000).put("sectionIntervalMs", 100))
        .with(json -> json.getJsonObject("alerts").getJsonArray("rules").add(new JsonObject().put("id", "ext-high")
            .put("section", "ext").put("metric", "Level").put("above", 10).put("clearAfter", 1)
            .put("action", "lower the level")));
  }

  static JsonObject webhook(String id, String url) {
    return new JsonObject().put("id", id).put("type", "webhook").put("url", url);
  }

  /** Publishes the section {@code ext} with {@code Level} at {@code level}: above 10 raises ext-high, below clears it. */
  static void level(TestVigie vigie, int level) {
    vigie.vertx().eventBus().publish(MonitorBus.SECTION, new JsonObject().put("section", "ext").put("title", "Ext")
        .put("metrics", new JsonArray().add(new JsonObject().put("label", "Level").put("value", level)
            .put("status", level > 10 ? "critical" : "good"))));
  }

  /** An alert event as the monitor publishes it. */
  static JsonObject alert(String id, String state, String section) {
    String now = Instant.now().toString();
    JsonObject alert = new JsonObject().put("id", id).put("rule", id).put("state", state).put("severity", "critical")
        .put("section", section).put("metric", "Level").put("value", 50).put("message", section + " / Level is 50")
        .put("action", "lower the level").put("time", now).put("raisedAt", now);
    return state.equals("cleared") ? alert.put("clearedAt", now) : alert;
  }

  static void publish(TestVigie vigie, JsonObject alert) {
    vigie.vertx().eventBus().publish(MonitorBus.ALERT, alert);
  }

  /** The delivery log's entries (newest first). */
  static JsonArray deliveries(TestVigie vigie) {
    return vigie.http().get("/api/notify/deliveries?limit=500").bodyAsJsonObject().getJsonArray("deliveries");
  }

  static long count(JsonArray deliveries, String channel, String event) {
    return deliveries.stream().map(JsonObject.class::cast)
        .filter(e -> channel.equals(e.getString("channel")) && event.equals(e.getString("event"))).count();
  }
}
