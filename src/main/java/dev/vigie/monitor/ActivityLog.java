package dev.vigie.monitor;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Set;

/**
 * The activity log: the last {@code capacity} entries {@code {time, level, message, component?, node?}}, oldest
 * first; {@code node} is the node an entry comes from, in a cluster.
 */
final class ActivityLog {
  static final Set<String> LEVELS = Set.of("info", "warning", "error");

  private final int capacity;
  private final ArrayDeque<JsonObject> entries;
  private long appended;

  ActivityLog(int capacity) {
    this.capacity = capacity;
    this.entries = new ArrayDeque<>(capacity);
  }

  /** Appends an entry and returns it; the oldest one falls out past the capacity. */
  JsonObject append(Instant time, String level, String message, String component, String node) {
    if (!LEVELS.contains(level)) {
      throw new IllegalArgumentException("level must be info, warning or error");
    }
    JsonObject entry = new JsonObject().put("time", time.toString()).put("level", level).put("message", message);
    if (component != null) {
      entry.put("component", component);
    }
    if (node != null) {
      entry.put("node", node);
    }
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.addLast(entry);
    appended++;
    return entry;
  }

  JsonArray toJson() {
    return new JsonArray(new java.util.ArrayList<>(entries));
  }

  /** Entries appended so far: changes whenever the log does. */
  long version() {
    return appended;
  }

  int size() {
    return entries.size();
  }
}
