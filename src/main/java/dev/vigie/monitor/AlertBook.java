package dev.vigie.monitor;

import dev.vigie.bus.Thresholds;

import dev.vigie.bus.Metric;
import dev.vigie.bus.SectionUpdate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts: evaluates the rules on every section update, raises an alert once when its metric breaches, and
 * clears it after enough normal readings in a row (see {@link AlertRule} for the hysteresis). Keeps the open
 * alerts and the last {@code alerts.recentSize} cleared ones. Owned by the monitor verticle alone.
 */
final class AlertBook {
  private final List<AlertRule> rules;
  private final int recentSize;
  private final Map<String, Tracker> trackers = new LinkedHashMap<>();
  private final ArrayDeque<JsonObject> recent = new ArrayDeque<>();

  private static final class Tracker {
    JsonObject open;
    int breachRun;
    int normalRun;
  }

  AlertBook(List<AlertRule> rules, int recentSize) {
    this.rules = rules;
    this.recentSize = recentSize;
  }

  /** Reads {@code alerts} from the whole configuration; throws IllegalArgumentException naming the bad key. */
  static AlertBook from(JsonObject config, Thresholds thresholds) {
    JsonObject alerts = config.getJsonObject("alerts");
    int clearAfter = alerts.getInteger("clearAfter");
    double margin = alerts.getDouble("clearMarginPercent");
    int recentSize = alerts.getInteger("recentSize");
    if (clearAfter < 1 || margin < 0 || recentSize < 0) {
      throw new IllegalArgumentException("alerts.clearAfter must be at least 1, alerts.clearMarginPercent and alerts.recentSize at least 0");
    }
    long minSamples = Thresholds.minSamples(config);
    List<AlertRule> rules = new ArrayList<>();
    JsonArray list = alerts.getJsonArray("rules");
    for (int i = 0; i < list.size(); i++) {
      String key = "alerts.rules[" + i + "]";
      if (!(list.getValue(i) instanceof JsonObject json)) {
        throw new IllegalArgumentException(key + " must be an object");
      }
      AlertRule rule = AlertRule.fromJson(json, key, thresholds, clearAfter, margin, minSamples);
      if (rules.stream().anyMatch(r -> r.id().equals(rule.id()))) {
        throw new IllegalArgumentException(key + ".id '" + rule.id() + "' is used twice");
      }
      rules.add(rule);
    }
    return new AlertBook(List.copyOf(rules), recentSize);
  }

  /** Evaluates the rules on one section; returns the alerts raised or cleared by it, in wire form. */
  List<JsonObject> evaluate(SectionUpdate update, Instant now) {
    List<JsonObject> events = new ArrayList<>();
    for (AlertRule rule : rules) {
      for (Metric metric : update.metrics()) {
        if (!rule.covers(update.section(), metric.label())) {
          continue;
        }
        Boolean breached = rule.breached(metric);
        if (breached == null) {
          continue;
        }
        String id = rule.metric().equals("*") ? rule.id() + "/" + metric.label() : rule.id();
        Tracker tracker = trackers.computeIfAbsent(id, k -> new Tracker());
        if (breached) {
          tracker.normalRun = 0;
          tracker.breachRun++;
          if (tracker.open == null && tracker.breachRun >= rule.raiseAfter()) {
            tracker.open = raise(id, rule, update.section(), metric, now);
            events.add(tracker.open.copy());
          } else if (tracker.open != null) {
            tracker.open.put("value", metric.value()).put("lastSeenAt", now.toString());
          }
        } else if (tracker.open == null) {
          tracker.breachRun = 0;
        } else if (++tracker.normalRun >= rule.clearAfter()) {
          JsonObject cleared = tracker.open.put("state", "cleared").put("time", now.toString())
              .put("clearedAt", now.toString()).put("value", metric.value())
              .put("message", where(update.section(), metric) + " back to normal: " + reading(metric));
          tracker.open = null;
          tracker.normalRun = 0;
          tracker.breachRun = 0;
          remember(cleared);
          events.add(cleared.copy());
        }
      }
    }
    return events;
  }

  private static JsonObject raise(String id, AlertRule rule, String section, Metric metric, Instant now) {
    String message = where(section, metric) + " " + reading(metric) + " (" + rule.condition() + ")";
    return new JsonObject().put("id", id).put("rule", rule.id()).put("state", "raised").put("severity", rule.severity())
        .put("section", section).put("metric", metric.label()).put("value", metric.value()).put("unit", metric.unit())
        .put("message", message).put("action", rule.action()).put("time", now.toString()).put("raisedAt", now.toString());
  }

  private static String where(String section, Metric metric) {
    return section + " / " + metric.label();
  }

  private static String reading(Metric m) {
    String value = "is " + m.value() + (m.unit() == null ? "" : " " + m.unit());
    return m.hint() == null ? value : value + " — " + m.hint();
  }

  private void remember(JsonObject cleared) {
    if (recentSize == 0) {
      return;
    }
    if (recent.size() == recentSize) {
      recent.removeLast();
    }
    recent.addFirst(cleared);
  }

  JsonArray open() {
    JsonArray array = new JsonArray();
    trackers.values().forEach(t -> {
      if (t.open != null) {
        array.add(t.open.copy());
      }
    });
    return array;
  }

  /** Cleared alerts, newest first. */
  JsonArray recent() {
    JsonArray array = new JsonArray();
    recent.forEach(a -> array.add(a.copy()));
    return array;
  }

  /** Open alerts first, then the recently cleared ones: the snapshot's {@code alerts}. */
  JsonArray toJson() {
    JsonArray all = open();
    recent().forEach(all::add);
    return all;
  }
}
