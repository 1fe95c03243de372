package dev.vigie.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * The uptime windows of every monitor asked about, computed at {@code at}, in id order: each row
 * {@code {monitor, kind, windows}}. Computed once and cut into pages ({@link #page}), so that questions for different
 * pages, or from many pages opened at once, share one computation.
 */
record UptimeWindows(long at, List<JsonObject> monitors) {

  /** {@code {at, monitors: [...], offset, total, matched}}: the page {@code query} asks for, rows copied. */
  JsonObject page(UptimeQuery query) {
    List<JsonObject> matched = monitors.stream().filter(row -> query.matches(row.getString("monitor"))).toList();
    int from = Math.min(query.offset(), matched.size());
    int to = (int) Math.min(matched.size(), (long) from + query.limit());
    JsonArray list = new JsonArray();
    matched.subList(from, to).forEach(row -> list.add(row.copy()));
    return new JsonObject().put("at", Instant.ofEpochMilli(at).toString()).put("monitors", list).put("offset", from)
        .put("total", monitors.size()).put("matched", matched.size());
  }
}
