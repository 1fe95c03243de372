package dev.vigie.store;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Turns the facts other areas publish into rows of the store's tables. A fact without a readable time is stored at
 * the time it was heard. Bodies larger than {@value #MAX_BODY_CHARS} characters keep only their top-level values.
 */
final class StoredRows {
  static final int MAX_BODY_CHARS = 200_000;
  static final String ENDPOINT = "endpoint";
  static final String FRESHNESS = "freshness";

  private StoredRows() {
  }

  /** A probe result {@code {endpoint, latencyMs, ok, time, statusCode?, reason?}}; null when it names no endpoint. */
  static PendingRow probeResult(JsonObject r, long heardMs) {
    String monitor = r.getValue("endpoint") instanceof String s ? s : null;
    if (monitor == null) {
      return null;
    }
    long at = time(r.getValue("time"), heardMs);
    boolean ok = Boolean.TRUE.equals(r.getValue("ok"));
    double latency = r.getValue("latencyMs") instanceof Number n ? n.doubleValue() : 0;
    Integer status = r.getValue("statusCode") instanceof Number n ? n.intValue() : null;
    String reason = ok ? null : r.getValue("reason") instanceof String s ? s : "unknown";
    return new PendingRow(PendingRow.Table.RESULTS, Tuple.of(monitor, ENDPOINT, at, ok, latency, status, reason), at);
  }

  /**
   * A freshness reading {@code {source, ageMs?, status, error?, time}}: ok unless critical or in error, its value the
   * data's age; null when it names no source.
   */
  static PendingRow freshness(JsonObject r, long heardMs) {
    String monitor = r.getValue("source") instanceof String s ? s : null;
    if (monitor == null) {
      return null;
    }
    long at = time(r.getValue("time"), heardMs);
    boolean error = r.getValue("error") != null;
    boolean ok = !error && !"critical".equals(r.getValue("status"));
    double age = r.getValue("ageMs") instanceof Number n ? n.doubleValue() : 0;
    String reason = ok ? null : error ? "error" : "stale";
    return new PendingRow(PendingRow.Table.RESULTS, Tuple.of(monitor, FRESHNESS, at, ok, age, null, reason), at);
  }

  /** An alert {@code {id, state, severity?, time, raisedAt?}} as the monitor published it. */
  static PendingRow alert(JsonObject a, long heardMs) {
    String id = a.getValue("id") instanceof String s ? s : null;
    String state = a.getValue("state") instanceof String s ? s : null;
    if (id == null || state == null) {
      return null;
    }
    long at = time(a.getValue("time"), heardMs);
    long raised = time(a.getValue("raisedAt"), at);
    String severity = a.getValue("severity") instanceof String s ? s : null;
    return new PendingRow(PendingRow.Table.ALERTS, Tuple.of(id, state, at, raised, severity, body(a)), at);
  }

  /** A download, quality report or stress run: {@code name} and {@code outcome} are what lists show. */
  static PendingRow record(String category, String name, String outcome, JsonObject body, long heardMs) {
    return new PendingRow(PendingRow.Table.RECORDS, Tuple.of(category, heardMs, name, outcome, body(body)), heardMs);
  }

  private static long time(Object value, long fallback) {
    if (value instanceof String s) {
      try {
        return Instant.parse(s).toEpochMilli();
      } catch (DateTimeParseException ignored) {
        return fallback;
      }
    }
    return value instanceof Number n ? n.longValue() : fallback;
  }

  private static String body(JsonObject json) {
    String encoded = json.encode();
    if (encoded.length() <= MAX_BODY_CHARS) {
      return encoded;
    }
    JsonObject top = new JsonObject().put("truncated", true);
    json.forEach(e -> {
      if (!(e.getValue() instanceof JsonObject) && !(e.getValue() instanceof io.vertx.core.json.JsonArray)) {
        top.put(e.getKey(), e.getValue());
      }
    });
    String small = top.encode();
    return small.length() <= MAX_BODY_CHARS ? small : new JsonObject().put("truncated", true).encode();
  }
}
