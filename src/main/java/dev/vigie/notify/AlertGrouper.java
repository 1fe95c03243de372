package dev.vigie.notify;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Groups alert events so that many alerts of one group send one message: events of a group (the alert's
 * {@code group}, else its section, so fifty endpoints failing behind one dead host go together) that arrive within
 * {@code notify.groupWaitMs} of the first go out as one notice, at most {@code notify.maxGroupAlerts} to a notice.
 * With {@code groupWaitMs} 0 every event goes out at once, alone.
 */
final class AlertGrouper {
  private final Vertx vertx;
  private final long waitMs;
  private final int maxAlerts;
  private final Consumer<Notice> out;
  private final Map<String, List<JsonObject>> pending = new LinkedHashMap<>();
  private final Map<String, Long> timers = new LinkedHashMap<>();

  AlertGrouper(Vertx vertx, long waitMs, int maxAlerts, Consumer<Notice> out) {
    this.vertx = vertx;
    this.waitMs = waitMs;
    this.maxAlerts = maxAlerts;
    this.out = out;
  }

  static String groupOf(JsonObject alert) {
    String group = alert.getString("group");
    return group != null ? group : alert.getString("section", "alerts");
  }

  void add(JsonObject alert) {
    String group = groupOf(alert);
    if (waitMs == 0) {
      out.accept(new Notice(Notice.Kind.ALERTS, group, List.of(alert), Instant.now()));
      return;
    }
    List<JsonObject> list = pending.computeIfAbsent(group, g -> new ArrayList<>());
    list.add(alert);
    if (list.size() >= maxAlerts) {
      flush(group);
    } else if (!timers.containsKey(group)) {
      timers.put(group, vertx.setTimer(waitMs, id -> {
        timers.remove(group);
        flush(group);
      }));
    }
  }

  private void flush(String group) {
    Long timer = timers.remove(group);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
    List<JsonObject> list = pending.remove(group);
    if (list != null && !list.isEmpty()) {
      out.accept(new Notice(Notice.Kind.ALERTS, group, List.copyOf(list), Instant.now()));
    }
  }

  void close() {
    timers.values().forEach(vertx::cancelTimer);
    timers.clear();
    pending.clear();
  }
}
