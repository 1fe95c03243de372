package dev.vigie.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads history back. A span of results is read from the coarsest data that covers it: hour rollups for the whole
 * hours already rolled up, minute rollups for the whole minutes around them, raw results for the rest (the edges and
 * what is not rolled up yet). Every source adds into {@link ResultAggregate}s, so percentiles are computed the same
 * way whichever it came from. Merging runs on a worker thread.
 */
final class HistoryQueries {
  /** The uptime windows, by the name the API gives them. */
  static final Map<String, Long> WINDOWS = windows();

  private final Vertx vertx;
  private final StoreDatabase db;
  private final Rollups rollups;

  HistoryQueries(Vertx vertx, StoreDatabase db, Rollups rollups) {
    this.vertx = vertx;
    this.db = db;
    this.rollups = rollups;
  }

  private static Map<String, Long> windows() {
    Map<String, Long> w = new LinkedHashMap<>();
    w.put("24h", 24 * Rollups.HOUR);
    w.put("7d", 7 * StoreSettings.DAY_MS);
    w.put("30d", 30 * StoreSettings.DAY_MS);
    return w;
  }

  /** {@code {monitor, from, to, stepMs, points: [{t, count, failures, uptimePercent, p50, p95, p99, maxMs, reasons?}]}}. */
  Future<JsonObject> history(HistoryRequest q) {
    return aggregate(q.monitor(), q.from(), q.to(), q.step(), q.points()).map(byMonitor -> {
      ResultAggregate[] buckets = byMonitor.get(q.monitor());
      JsonArray points = new JsonArray();
      for (int i = 0; i < q.points(); i++) {
        ResultAggregate a = buckets == null ? null : buckets[i];
        JsonObject point = (a == null ? new ResultAggregate() : a).toJson();
        points.add(new JsonObject().put("t", Instant.ofEpochMilli(q.from() + i * q.step()).toString()).mergeIn(point));
      }
      return new JsonObject().put("monitor", q.monitor()).put("from", Instant.ofEpochMilli(q.from()).toString())
          .put("to", Instant.ofEpochMilli(q.to()).toString()).put("stepMs", q.step()).put("points", points);
    });
  }

  /**
   * Per monitor (or the one named), uptime and percentiles over each of {@link #WINDOWS} up to {@code now}:
   * {@code {at, monitors: [{monitor, kind, windows: {"24h": {count, failures, uptimePercent, p50, p95, p99, maxMs},
   * "7d": ..., "30d": ...}}]}}.
   */
  Future<JsonObject> uptime(String monitor, long now) {
    Map<String, Future<Map<String, ResultAggregate[]>>> perWindow = new LinkedHashMap<>();
    WINDOWS.forEach((name, span) -> perWindow.put(name, aggregate(monitor, now - span, now, span, 1)));
    return Future.all(List.copyOf(perWindow.values())).map(done -> {
      Map<String, JsonObject> monitors = new TreeMap<>();
      perWindow.forEach((name, future) -> future.result().forEach((id, buckets) -> {
        JsonObject entry = monitors.computeIfAbsent(id, k -> new JsonObject().put("monitor", k)
            .put("windows", new JsonObject()));
        if (buckets[0] != null) {
          entry.put("kind", buckets[0].kind());
          entry.getJsonObject("windows").put(name, buckets[0].toJson());
        }
      }));
      JsonArray list = new JsonArray();
      monitors.values().forEach(entry -> {
        WINDOWS.keySet().forEach(name -> {
          if (!entry.getJsonObject("windows").containsKey(name)) {
            entry.getJsonObject("windows").put(name, new ResultAggregate().toJson());
          }
        });
        list.add(entry);
      });
      return new JsonObject().put("at", Instant.ofEpochMilli(now).toString()).put("monitors", list);
    });
  }

  /**
   * The alert history, newest first: one entry per alert raised, with its acknowledgement and clearing when they
   * came, and how long it lasted (so far, while open): {@code {alerts: [{id, state: open|cleared, severity, section?,
   * metric?, message, action?, raisedAt, acknowledgedAt?, acknowledgedNote?, silenced?: {until, reason, at}, clearedAt?,
   * durationMs}]}} (the latest acknowledgement and silence of each).
   */
  Future<JsonObject> alerts(long from, long to, int limit, long now) {
    return db.read("SELECT alert_id, state, at_ms, raised_ms, body FROM alert_events "
            + "WHERE at_ms >= ? AND at_ms < ? ORDER BY at_ms DESC LIMIT ?", Tuple.of(from, to, limit))
        .map(rows -> {
          Map<String, JsonObject> byRaise = new LinkedHashMap<>();
          for (Row row : rows) {
            String key = row.getString(0) + "@" + row.getLong(3);
            JsonObject body = new JsonObject(row.getString(4));
            JsonObject entry = byRaise.computeIfAbsent(key, k -> new JsonObject().put("id", row.getString(0))
                .put("state", "open").put("raisedAt", Instant.ofEpochMilli(row.getLong(3)).toString()));
            String state = row.getString(1);
            String at = Instant.ofEpochMilli(row.getLong(2)).toString();
            if (state.equals("cleared")) {
              entry.put("state", "cleared").put("clearedAt", at);
            } else if (state.equals("acknowledged") && !entry.containsKey("acknowledgedAt")) {
              // Rows come newest first: the first acknowledgement seen is the latest.
              entry.put("acknowledgedAt", at);
              if (body.getJsonObject("acknowledged", new JsonObject()).getValue("note") instanceof String note) {
                entry.put("acknowledgedNote", note);
              }
            } else if (state.equals("silenced") && !entry.containsKey("silenced")
                && body.getValue("silenced") instanceof JsonObject silence) {
              entry.put("silenced", silence.copy());
            }
            for (String field : List.of("severity", "section", "metric", "action")) {
              if (!entry.containsKey(field) && body.getValue(field) != null) {
                entry.put(field, body.getValue(field));
              }
            }
            if (state.equals("raised") || !entry.containsKey("message")) {
              entry.put("message", body.getValue("message"));
            }
          }
          JsonArray list = new JsonArray();
          byRaise.values().forEach(entry -> {
            long raised = Instant.parse(entry.getString("raisedAt")).toEpochMilli();
            long end = entry.containsKey("clearedAt") ? Instant.parse(entry.getString("clearedAt")).toEpochMilli() : now;
            list.add(entry.put("durationMs", Math.max(0, end - raised)));
          });
          return new JsonObject().put("alerts", list);
        });
  }

  /** The newest records of one category: {@code {category, records: [{at, name, outcome, body}]}}. */
  Future<JsonObject> records(String category, int limit) {
    return db.read("SELECT at_ms, name, outcome, body FROM records WHERE category = ? "
            + "ORDER BY at_ms DESC LIMIT ?", Tuple.of(category, limit))
        .map(rows -> {
          JsonArray list = new JsonArray();
          for (Row row : rows) {
            list.add(new JsonObject().put("at", Instant.ofEpochMilli(row.getLong(0)).toString())
                .put("name", row.getString(1)).put("outcome", row.getString(2))
                .put("body", new JsonObject(row.getString(3))));
          }
          return new JsonObject().put("category", category).put("records", list);
        });
  }

  /**
   * Adds up every result of {@code [from, to)} (one monitor, or all with null) into {@code points} buckets of
   * {@code step}, per monitor. Null entries are buckets with no result.
   */
  Future<Map<String, ResultAggregate[]>> aggregate(String monitor, long from, long to, long step, int points) {
    return rollups.marks().compose(marks -> {
      // A rollup is used only where it falls inside one bucket: with one bucket, or buckets aligned on its size.
      boolean hoursFit = points == 1 || step % Rollups.HOUR == 0 && Math.floorMod(from, Rollups.HOUR) == 0;
      boolean minutesFit = points == 1 || step % Rollups.MINUTE == 0 && Math.floorMod(from, Rollups.MINUTE) == 0;
      long h0 = Rollups.ceil(from, Rollups.HOUR);
      long h1 = hoursFit ? Math.max(h0, Math.min(marks.hours(), Rollups.floor(to, Rollups.HOUR))) : h0;
      long m0 = Rollups.ceil(from, Rollups.MINUTE);
      long m1 = minutesFit ? Math.max(m0, Math.min(marks.minutes(), Rollups.floor(to, Rollups.MINUTE))) : m0;
      String only = monitor == null ? "" : " AND monitor = ?";
      Future<RowSet<Row>> hours = db.read("SELECT monitor, kind, bucket_ms, total, failures, reasons, value_max, "
          + "histogram FROM rollups WHERE step_ms = ? AND bucket_ms >= ? AND bucket_ms < ?" + only,
          params(monitor, Rollups.HOUR, h0, h1));
      Future<RowSet<Row>> minutes = db.read("SELECT monitor, kind, bucket_ms, total, failures, reasons, value_max, "
          + "histogram FROM rollups WHERE step_ms = ? AND bucket_ms >= ? AND bucket_ms < ? "
          + "AND (bucket_ms < ? OR bucket_ms >= ?)" + only, params(monitor, Rollups.MINUTE, m0, m1, h0, h1));
      Future<RowSet<Row>> raw = db.read("SELECT monitor, kind, at_ms, ok, value_ms, reason FROM results "
          + "WHERE ((at_ms >= ? AND at_ms < ?) OR (at_ms >= ? AND at_ms < ?))" + only, params(monitor, from, m0, m1, to));
      return Future.all(hours, minutes, raw).compose(all -> vertx.executeBlocking(() -> {
        Map<String, ResultAggregate[]> byMonitor = new TreeMap<>();
        for (RowSet<Row> rows : List.of(hours.result(), minutes.result())) {
          for (Row row : rows) {
            bucket(byMonitor, row.getString(0), row.getLong(2), from, step, points)
                .add(row.getString(1), row.getLong(3), row.getLong(4), row.getString(5), row.getDouble(6), row.getString(7));
          }
        }
        for (Row row : raw.result()) {
          bucket(byMonitor, row.getString(0), row.getLong(2), from, step, points)
              .add(row.getString(1), row.getBoolean(3), row.getDouble(4), row.getString(5));
        }
        return byMonitor;
      }, false));
    });
  }

  private static ResultAggregate bucket(Map<String, ResultAggregate[]> byMonitor, String monitor, long time, long from,
      long step, int points) {
    ResultAggregate[] buckets = byMonitor.computeIfAbsent(monitor, m -> new ResultAggregate[points]);
    int i = (int) Math.min(points - 1, Math.max(0, Math.floorDiv(time - from, step)));
    if (buckets[i] == null) {
      buckets[i] = new ResultAggregate();
    }
    return buckets[i];
  }

  private static Tuple params(String monitor, Object... values) {
    Tuple tuple = Tuple.tuple();
    for (Object v : values) {
      tuple.addValue(v);
    }
    return monitor == null ? tuple : tuple.addValue(monitor);
  }
}
