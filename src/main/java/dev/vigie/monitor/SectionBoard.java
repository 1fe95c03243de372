package dev.vigie.monitor;

import dev.vigie.bus.SectionUpdate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The sections of the snapshot, in order of first appearance, and which of them changed since the last push.
 * Owned by the monitor verticle alone.
 */
final class SectionBoard {
  private final Map<String, JsonObject> sections = new LinkedHashMap<>();
  private final Set<String> changed = new LinkedHashSet<>();

  /** Stores the section; returns true when its overall status differs from the one it had. */
  boolean put(SectionUpdate update, Instant now) {
    JsonObject json = update.toJson().put("status", update.status().wire()).put("updatedAt", now.toString());
    JsonObject previous = sections.put(update.section(), json);
    changed.add(update.section());
    return previous == null || !previous.getString("status").equals(json.getString("status"));
  }

  boolean hasChanges() {
    return !changed.isEmpty();
  }

  /** The sections changed since the last call, and forgets them. */
  JsonArray drainChanged() {
    JsonArray array = new JsonArray();
    changed.forEach(name -> array.add(sections.get(name)));
    changed.clear();
    return array;
  }

  JsonArray all() {
    return new JsonArray(new java.util.ArrayList<>(sections.values()));
  }

  JsonObject get(String name) {
    return sections.get(name);
  }
}
