package dev.vigie.monitor;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The cluster's alerts as a member that does not hold the alerts role sees them: the holder's raises, clears,
 * acknowledgements and silences as they are published, applied in order, so that every node's page shows the same
 * alerts. Keeps the open ones (at most {@code maxOpen}, the oldest given up past it) and the last {@code recentSize}
 * cleared ones. Owned by the monitor verticle.
 */
final class AlertMirror {
  private final int recentSize;
  private final int maxOpen;
  private final Map<String, JsonObject> open = new LinkedHashMap<>();
  private final ArrayDeque<JsonObject> recent = new ArrayDeque<>();

  AlertMirror(int recentSize, int maxOpen) {
    this.recentSize = recentSize;
    this.maxOpen = maxOpen;
  }

  /** A raise or clear ({@code MonitorBus.ALERT}) or an acknowledgement or silence ({@code ALERT_ACTION}). */
  void apply(JsonObject event) {
    String id = event.getString("id");
    String state = event.getString("state");
    if (id == null || state == null) {
      return;
    }
    if (state.equals("cleared")) {
      open.remove(id);
      remember(event.copy());
      return;
    }
    if (!open.containsKey(id) && open.size() >= maxOpen) {
      open.remove(open.keySet().iterator().next());
    }
    // An acknowledged or silenced alert is still open: its state on the wire says what was done to it.
    open.put(id, event.copy().put("state", "raised"));
  }

  /** Replaces everything with what the holder keeps ({@code AlertBook.state()}). */
  void replace(JsonObject state) {
    open.clear();
    recent.clear();
    JsonArray cleared = state.getJsonArray("recent", new JsonArray());
    for (int i = cleared.size() - 1; i >= 0; i--) {
      if (cleared.getValue(i) instanceof JsonObject alert) {
        remember(alert.copy());
      }
    }
    for (Object o : state.getJsonArray("open", new JsonArray())) {
      if (o instanceof JsonObject alert) {
        apply(alert);
      }
    }
  }

  private void remember(JsonObject cleared) {
    if (recentSize == 0) {
      return;
    }
    recent.removeIf(a -> a.getString("id").equals(cleared.getString("id"))
        && a.getString("clearedAt", "").equals(cleared.getString("clearedAt", "")));
    if (recent.size() == recentSize) {
      recent.removeLast();
    }
    recent.addFirst(cleared);
  }

  /**
   * The holder's record ({@code AlertBook.state()}, read from the cluster-wide map) with the open alerts this mirror
   * heard raised and the record lacks: the holder publishes a raise before it writes its record, so one that died in
   * between left a record without it, and the next holder would raise it again. An alert the record shows cleared at
   * or after the raise heard is left cleared (the mirror may be behind the record, not only ahead of it).
   */
  JsonObject completing(JsonObject record) {
    JsonObject merged = record.copy();
    JsonArray open = merged.getJsonArray("open", new JsonArray());
    Map<String, Instant> lastCleared = new HashMap<>();
    for (Object o : merged.getJsonArray("recent", new JsonArray())) {
      if (o instanceof JsonObject alert && alert.getString("id") != null && alert.getString("clearedAt") != null) {
        lastCleared.merge(alert.getString("id"), Instant.parse(alert.getString("clearedAt")),
            (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    Set<String> recorded = new HashSet<>();
    open.forEach(o -> recorded.add(o instanceof JsonObject a ? a.getString("id") : null));
    for (JsonObject heard : this.open.values()) {
      String id = heard.getString("id");
      Instant cleared = lastCleared.get(id);
      String raisedAt = heard.getString("raisedAt");
      if (!recorded.contains(id) && (cleared == null || raisedAt != null && cleared.isBefore(Instant.parse(raisedAt)))) {
        open.add(heard.copy());
      }
    }
    return merged.put("open", open);
  }

  /** {@code {open, recent}}: what a monitor taking over uses when the holder's own record cannot be read. */
  JsonObject state() {
    JsonArray recentArray = new JsonArray();
    recent.forEach(a -> recentArray.add(a.copy()));
    return new JsonObject().put("open", openAlerts()).put("recent", recentArray);
  }

  JsonArray openAlerts() {
    JsonArray array = new JsonArray();
    open.values().forEach(a -> array.add(a.copy()));
    return array;
  }

  /** Open alerts first, then the recently cleared ones: the snapshot's {@code alerts}. */
  JsonArray toJson() {
    JsonArray all = openAlerts();
    recent.forEach(a -> all.add(a.copy()));
    return all;
  }
}
