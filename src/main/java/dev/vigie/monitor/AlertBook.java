package dev.vigie.monitor;

import dev.vigie.bus.Thresholds;

import dev.vigie.bus.Failures;
import dev.vigie.bus.Metric;
import dev.vigie.bus.Refusal;
import dev.vigie.bus.SectionUpdate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
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
 *
 * <p>People act on alerts: an open alert is <em>acknowledged</em> ({@code acknowledged: {at, note?}}, until it clears);
 * an alert id or a rule id (all of its alerts) is <em>silenced</em> for a while with a reason (at most
 * {@code alerts.maxSilences} at once). A raise or clear that happens while its alert is silenced carries
 * {@code silenced: {until, reason, at}}: the notify area does not send it.
 */
final class AlertBook {
  private final List<AlertRule> rules;
  private final int recentSize;
  private final Map<String, Tracker> trackers = new LinkedHashMap<>();
  private final ArrayDeque<JsonObject> recent = new ArrayDeque<>();
  private final int maxSilences;
  private final Flapping flapping;
  /** Silences by alert or rule id: {@code {until, reason, at}}. */
  private final Map<String, JsonObject> silences = new LinkedHashMap<>();
  /** The rule ids of the verdicts taken ({@link #take}): they may be silenced like configured rules. */
  private final java.util.Set<String> verdictRules = new java.util.HashSet<>();

  private static final class Tracker {
    JsonObject open;
    /** A verdict's clear held while the alert flaps: applied by {@link #settle} once it no longer would. */
    JsonObject heldClear;
    int breachRun;
    int normalRun;
    /** When this alert was raised or cleared, within the flapping window. */
    final ArrayDeque<Instant> changes = new ArrayDeque<>();
  }

  /** Flapping: {@code changes} raises and clears within {@code windowMs} hold the alert open (0 changes: off). */
  record Flapping(int changes, long windowMs) {
  }

  AlertBook(List<AlertRule> rules, int recentSize, int maxSilences, Flapping flapping) {
    this.rules = rules;
    this.recentSize = recentSize;
    this.maxSilences = maxSilences;
    this.flapping = flapping;
  }

  /** Reads {@code alerts} from the whole configuration; throws IllegalArgumentException naming the bad key. */
  static AlertBook from(JsonObject config, Thresholds thresholds) {
    JsonObject alerts = config.getJsonObject("alerts");
    int clearAfter = alerts.getInteger("clearAfter");
    double margin = alerts.getDouble("clearMarginPercent");
    int recentSize = alerts.getInteger("recentSize");
    int maxSilences = alerts.getInteger("maxSilences", 100);
    Flapping flapping = new Flapping(alerts.getInteger("flapChanges", 6), alerts.getLong("flapWindowMs", 600_000L));
    if (clearAfter < 1 || margin < 0 || recentSize < 0 || maxSilences < 0 || flapping.changes() < 0
        || flapping.windowMs() < 1) {
      throw new IllegalArgumentException("alerts.clearAfter and alerts.flapWindowMs must be at least 1,"
          + " alerts.clearMarginPercent, alerts.recentSize, alerts.maxSilences and alerts.flapChanges at least 0");
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
    return new AlertBook(List.copyOf(rules), recentSize, maxSilences, flapping);
  }

  /** Evaluates the rules on one section; returns the alerts raised or cleared by it, in wire form. */
  List<JsonObject> evaluate(SectionUpdate update, Instant now) {
    return evaluate(update, null, now);
  }

  /**
   * Evaluates the rules on one section of {@code node} (null: untagged); in a cluster each node's metric is an alert of
   * its own ({@code <id>@<node>}, with {@code node}).
   */
  List<JsonObject> evaluate(SectionUpdate update, String node, Instant now) {
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
        String id = (rule.metric().equals("*") ? rule.id() + "/" + metric.label() : rule.id())
            + (node == null ? "" : "@" + node);
        Tracker tracker = trackers.computeIfAbsent(id, k -> new Tracker());
        if (breached) {
          tracker.normalRun = 0;
          tracker.breachRun++;
          if (tracker.open == null && tracker.breachRun >= rule.raiseAfter()) {
            tracker.open = raise(id, rule, update.section(), metric, node, now);
            String host = hostOf(update, metric.label());
            if (host != null) {
              tracker.open.put("group", host);
            }
            changed(tracker, now);
            markSilenced(tracker.open, now);
            events.add(tracker.open.copy());
          } else if (tracker.open != null) {
            tracker.open.put("value", metric.value()).put("lastSeenAt", now.toString());
          }
        } else if (tracker.open == null) {
          tracker.breachRun = 0;
        } else if (++tracker.normalRun >= rule.clearAfter() && !heldFlapping(tracker, now)) {
          JsonObject cleared = tracker.open.put("state", "cleared").put("time", now.toString())
              .put("clearedAt", now.toString()).put("value", metric.value())
              .put("message", where(update.section(), metric, node) + " back to normal: " + reading(metric));
          cleared.remove("acknowledged");
          cleared.remove("silenced");
          cleared.remove("flapping");
          changed(tracker, now);
          markSilenced(cleared, now);
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

  /**
   * An alert another area raised or cleared from its own checks ({@code MonitorBus.VERDICT}): kept, silenced, held
   * while flapping and cleared as the alerts of the rules are. Returns the event to publish, or null (a raise of an
   * open alert, a clear of none, or a clear held while the alert flaps).
   */
  JsonObject take(JsonObject verdict, Instant now) {
    return take(verdict, null, now);
  }

  /** As {@link #take(JsonObject, Instant)}, for a verdict sent by {@code node} (null: untagged), which it names. */
  JsonObject take(JsonObject verdict, String node, Instant now) {
    if (node != null) {
      verdict = verdict.copy().put("node", node);
    }
    String id = verdict.getString("id");
    if (id == null || verdict.getString("rule") == null) {
      return null;
    }
    verdictRules.add(verdict.getString("rule"));
    Tracker tracker = trackers.computeIfAbsent(id, k -> new Tracker());
    if ("raised".equals(verdict.getString("state"))) {
      tracker.heldClear = null;
      if (tracker.open != null) {
        tracker.open.put("value", verdict.getValue("value")).put("lastSeenAt", now.toString());
        return null;
      }
      tracker.open = verdict.copy().put("time", now.toString()).put("raisedAt", now.toString());
      changed(tracker, now);
      markSilenced(tracker.open, now);
      return tracker.open.copy();
    }
    if (tracker.open == null) {
      return null;
    }
    if (heldFlapping(tracker, now)) {
      tracker.heldClear = verdict.copy();
      return null;
    }
    return clearTaken(tracker, verdict, now);
  }

  /** The held clears of verdicts whose alerts no longer flap: the events to publish. */
  List<JsonObject> settle(Instant now) {
    List<JsonObject> events = new ArrayList<>();
    trackers.values().forEach(t -> {
      if (t.heldClear != null && t.open != null && !heldFlapping(t, now)) {
        events.add(clearTaken(t, t.heldClear, now));
      }
    });
    return events;
  }

  private JsonObject clearTaken(Tracker tracker, JsonObject verdict, Instant now) {
    JsonObject cleared = tracker.open.put("state", "cleared").put("time", now.toString())
        .put("clearedAt", now.toString()).put("value", verdict.getValue("value"))
        .put("message", verdict.getString("message"));
    cleared.remove("acknowledged");
    cleared.remove("silenced");
    cleared.remove("flapping");
    changed(tracker, now);
    markSilenced(cleared, now);
    tracker.open = null;
    tracker.heldClear = null;
    remember(cleared);
    return cleared.copy();
  }

  /**
   * The host behind a metric, when the section's details list it ({@code details.endpoints[]: {name, url}}, as the
   * endpoints section does): the alert's {@code group}, so the endpoints of one dead host notify together.
   */
  private static String hostOf(SectionUpdate update, String label) {
    if (update.details() == null || !(update.details().getValue("endpoints") instanceof JsonArray endpoints)) {
      return null;
    }
    for (Object e : endpoints) {
      if (e instanceof JsonObject endpoint && label.equals(endpoint.getValue("name"))
          && endpoint.getValue("url") instanceof String url) {
        try {
          String host = URI.create(url).getHost();
          return host == null ? null : "host " + host;
        } catch (IllegalArgumentException ignored) {
          return null;
        }
      }
    }
    return null;
  }

  private void changed(Tracker tracker, Instant now) {
    tracker.changes.addLast(now);
    forget(tracker, now);
  }

  private void forget(Tracker tracker, Instant now) {
    Instant since = now.minusMillis(flapping.windowMs());
    while (!tracker.changes.isEmpty() && tracker.changes.peekFirst().isBefore(since)) {
      tracker.changes.removeFirst();
    }
  }

  /**
   * True when clearing now would make the alert flap ({@code alerts.flapChanges} raises and clears within
   * {@code alerts.flapWindowMs}): it stays open, marked {@code flapping: {since, changes}}, and clears once its
   * changes have left the window and it reads normal. No raise or clear goes out meanwhile: nobody is paged twice a
   * minute for the same trouble.
   */
  private boolean heldFlapping(Tracker tracker, Instant now) {
    forget(tracker, now);
    if (flapping.changes() == 0 || tracker.changes.size() + 1 < flapping.changes()) {
      return false;
    }
    if (!tracker.open.containsKey("flapping")) {
      tracker.open.put("flapping", new JsonObject().put("since", now.toString()).put("changes", tracker.changes.size() + 1));
    }
    return true;
  }

  /** Acknowledges the open alert {@code id}; fails 404 {@code NO_ALERT} when no such alert is open. */
  JsonObject acknowledge(String id, String note, Instant now) {
    Tracker tracker = id == null ? null : trackers.get(id);
    if (tracker == null || tracker.open == null) {
      throw new Refusal(Failures.NOT_FOUND, "NO_ALERT", "id", "no open alert '" + id + "'");
    }
    JsonObject ack = new JsonObject().put("at", now.toString());
    if (note != null) {
      ack.put("note", note);
    }
    tracker.open.put("acknowledged", ack);
    return tracker.open.copy();
  }

  /**
   * Silences an alert id (one the book has seen) or a rule id until {@code now + durationMs}; replies
   * {@code {id, until, reason, at}}. Fails 404 {@code NO_ALERT}, 409 {@code TOO_MANY_SILENCES}.
   */
  JsonObject silence(String id, long durationMs, String reason, Instant now) {
    boolean known = id != null && (trackers.containsKey(id) || verdictRules.contains(id)
        || rules.stream().anyMatch(r -> r.id().equals(id)));
    if (!known) {
      throw new Refusal(Failures.NOT_FOUND, "NO_ALERT", "id", "no alert or rule '" + id + "'");
    }
    silences.values().removeIf(s -> !Instant.parse(s.getString("until")).isAfter(now));
    if (!silences.containsKey(id) && silences.size() >= maxSilences) {
      throw new Refusal(Failures.CONFLICT, "TOO_MANY_SILENCES", "There are already " + maxSilences
          + " silences (alerts.maxSilences)");
    }
    JsonObject silence = new JsonObject().put("until", now.plusMillis(durationMs).toString()).put("reason", reason)
        .put("at", now.toString());
    silences.put(id, silence);
    trackers.forEach((alertId, t) -> {
      if (t.open != null && (alertId.equals(id) || id.equals(t.open.getString("rule")))) {
        t.open.put("silenced", silence.copy());
      }
    });
    return silence.copy().put("id", id);
  }

  /** Copies of the open alerts {@code id} names: the alert of that id, or every open alert of that rule. */
  List<JsonObject> openOf(String id) {
    List<JsonObject> open = new ArrayList<>();
    trackers.forEach((alertId, t) -> {
      if (t.open != null && (alertId.equals(id) || id.equals(t.open.getString("rule")))) {
        open.add(t.open.copy());
      }
    });
    return open;
  }

  /** Puts the silence in force for {@code alert} (its id's, else its rule's) on it, if any. */
  private void markSilenced(JsonObject alert, Instant now) {
    for (String key : new String[] {alert.getString("id"), alert.getString("rule")}) {
      JsonObject s = silences.get(key);
      if (s != null && Instant.parse(s.getString("until")).isAfter(now)) {
        alert.put("silenced", s.copy());
        return;
      }
    }
  }

  private static JsonObject raise(String id, AlertRule rule, String section, Metric metric, String node, Instant now) {
    String message = where(section, metric, node) + " " + reading(metric) + " (" + rule.condition() + ")";
    JsonObject alert = new JsonObject().put("id", id).put("rule", rule.id()).put("state", "raised")
        .put("severity", rule.severity()).put("section", section).put("metric", metric.label())
        .put("value", metric.value()).put("unit", metric.unit()).put("message", message).put("action", rule.action())
        .put("time", now.toString()).put("raisedAt", now.toString());
    return node == null ? alert : alert.put("node", node);
  }

  private static String where(String section, Metric metric, String node) {
    return section + " / " + metric.label() + (node == null ? "" : " on node " + shortId(node));
  }

  /** The first block of a node id (a UUID): enough to tell the members apart in a message. */
  private static String shortId(String node) {
    int dash = node.indexOf('-');
    return dash > 0 ? node.substring(0, dash) : node;
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

  /**
   * What a monitor taking over the cluster's alerts needs to go on where this one stopped: {@code {open: [alerts],
   * recent: [cleared, newest first], silences: {id: {until, reason, at}}, verdictRules: [rule ids]}}.
   */
  JsonObject state() {
    JsonObject s = new JsonObject();
    silences.forEach(s::put);
    // Each alert's recent raises and clears, so that the next holder goes on counting towards flapping.
    JsonObject changes = new JsonObject();
    trackers.forEach((id, t) -> {
      if (!t.changes.isEmpty()) {
        changes.put(id, new JsonArray(t.changes.stream().map(Instant::toString).toList()));
      }
    });
    return new JsonObject().put("open", open()).put("recent", recent()).put("silences", s)
        .put("verdictRules", new JsonArray(List.copyOf(verdictRules))).put("changes", changes);
  }

  /**
   * Takes over {@link #state()} from the previous holder: its open alerts stay open here (a breach goes on without a
   * new raise; the next normal readings clear them, once), its cleared ones, silences and each alert's recent changes
   * (an alert flapping there goes on flapping here) are kept.
   */
  void restore(JsonObject state) {
    for (Object o : state.getJsonArray("open", new JsonArray())) {
      if (o instanceof JsonObject alert && alert.getString("id") != null) {
        trackers.computeIfAbsent(alert.getString("id"), k -> new Tracker()).open = alert.copy();
      }
    }
    JsonArray cleared = state.getJsonArray("recent", new JsonArray());
    for (int i = cleared.size() - 1; i >= 0; i--) {
      if (cleared.getValue(i) instanceof JsonObject alert) {
        remember(alert.copy());
      }
    }
    JsonObject kept = state.getJsonObject("silences", new JsonObject());
    for (String id : kept.fieldNames()) {
      if (silences.size() < maxSilences && kept.getValue(id) instanceof JsonObject silence) {
        silences.put(id, silence.copy());
      }
    }
    state.getJsonArray("verdictRules", new JsonArray()).forEach(r -> verdictRules.add(String.valueOf(r)));
    JsonObject changes = state.getJsonObject("changes", new JsonObject());
    for (String id : changes.fieldNames()) {
      if (changes.getValue(id) instanceof JsonArray times) {
        Tracker tracker = trackers.computeIfAbsent(id, k -> new Tracker());
        times.stream().map(String::valueOf).map(Instant::parse).sorted().forEach(tracker.changes::addLast);
      }
    }
  }

  /**
   * Clears the open alerts of the rules on {@code node}'s sections, a node that left the cluster (its readings will not
   * come back), and forgets their trackers. The checks' verdicts are left open: another node checks the same targets.
   */
  List<JsonObject> clearNode(String node, Instant now) {
    List<JsonObject> events = new ArrayList<>();
    String suffix = "@" + node;
    trackers.entrySet().removeIf(e -> {
      if (!e.getKey().endsWith(suffix)) {
        return false;
      }
      Tracker tracker = e.getValue();
      if (tracker.open != null) {
        JsonObject cleared = tracker.open.put("state", "cleared").put("time", now.toString())
            .put("clearedAt", now.toString())
            .put("message", tracker.open.getString("section") + " / " + tracker.open.getString("metric") + " on node "
                + shortId(node) + ": the node left the cluster");
        cleared.remove("acknowledged");
        cleared.remove("silenced");
        cleared.remove("flapping");
        markSilenced(cleared, now);
        remember(cleared);
        events.add(cleared.copy());
      }
      return true;
    });
    return events;
  }

  JsonArray open() {
    JsonArray array = new JsonArray();
    Instant now = Instant.now();
    trackers.values().forEach(t -> {
      if (t.open != null) {
        if (t.open.getValue("silenced") instanceof JsonObject s && !Instant.parse(s.getString("until")).isAfter(now)) {
          t.open.remove("silenced");
        }
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
