package dev.vigie.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * Reads history back. A span of results is read from the coarsest data that covers it: day rollups for the whole
 * days already rolled up, hour and minute rollups for the whole hours and minutes around them, raw results for the
 * rest (the edges and what is not rolled up yet). Every source adds into {@link ResultAggregate}s, so percentiles are computed the same
 * way whichever it came from. Merging runs on a worker thread.
 */
final class HistoryQueries {
  /** How long every monitor's windows, once computed, answer the questions that follow. */
  static final long REUSE_MS = 5000;
  /** The uptime windows, by the name the API gives them. */
  static final List<String> WINDOWS = List.of("24h", "7d", "30d");

  private final Vertx vertx;
  private final StoreDatabase db;
  private final Rollups rollups;
  private final SettledHistory settled;
  /** The computation of every monitor's windows under way, or null (one owner: the store's context). */
  private Future<UptimeWindows> everyMonitor;
  private long everyMonitorComputed;

  HistoryQueries(Vertx vertx, StoreDatabase db, Rollups rollups) {
    this.vertx = vertx;
    this.db = db;
    this.rollups = rollups;
    this.settled = new SettledHistory((from, to) -> sums(null, from, to), new SettledHistory.Worker() {
      @Override
      public <T> Future<T> run(Callable<T> task) {
        return vertx.executeBlocking(task, false);
      }
    });
  }

  /**
   * Where each uptime window starts for a question at {@code now}: "24h" at the whole hour 24 hours ago (24 to 25
   * hours), "7d" and "30d" at midnight (UTC) 7 and 30 days before today's (7 to 8 days, 30 to 31 days), so their
   * part before today is whole days, read from day rollups.
   */
  static Map<String, Long> windowStarts(long now) {
    long today = Rollups.floor(now, Rollups.DAY);
    Map<String, Long> starts = new LinkedHashMap<>();
    starts.put("24h", Rollups.floor(now - Rollups.DAY, Rollups.HOUR));
    starts.put("7d", today - 7 * Rollups.DAY);
    starts.put("30d", today - 30 * Rollups.DAY);
    return starts;
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
   * Per monitor of the page asked (or the one named), uptime and percentiles over each of {@link #WINDOWS} up to
   * {@code now}: {@code {at, monitors: [{monitor, kind, windows: {"24h": {count, failures, uptimePercent, p50, p95, p99,
   * maxMs}, "7d": ..., "30d": ...}}], offset, total, matched}} where {@code total} counts the monitors with history
   * (the one named: at most one) and {@code matched} those the question is about; see {@link #windowStarts}.
   *
   * <p>A page is cut from the windows of every monitor ({@link UptimeWindows}), computed by one question at a time:
   * questions that come while it is under way share it, and so do those of the next {@link #REUSE_MS} ms until a
   * maintenance runs (the answer's {@code at} says when it was computed). For ten thousand monitors one computation
   * holds a histogram per monitor and every raw result since the last rollup; pages opened together, each computing
   * its own, ran a 512 MB heap out of memory. And it takes half a second of a core: every page opened asked its own,
   * and the next page to open waited behind it.
   */
  Future<JsonObject> uptime(UptimeQuery query, long now) {
    if (query.monitor() != null) {
      return windowsOf(query.monitor(), now).map(windows -> windows.page(query));
    }
    Future<UptimeWindows> shared = everyMonitor;
    if (shared == null) {
      Future<UptimeWindows> computing = windowsOf(null, now);
      shared = computing;
      everyMonitor = computing;
      everyMonitorComputed++;
      // Let go a while after it is done (at once when it failed): the next question then computes afresh, and the
      // windows are not held for longer. (A computation that ended at once has run this already: the field is only
      // ever cleared of its own future.)
      computing.onComplete(done -> {
        if (done.failed()) {
          forget(computing);
        } else {
          vertx.setTimer(REUSE_MS, id -> forget(computing));
        }
      });
    }
    return shared.map(windows -> windows.page(query));
  }

  /**
   * A maintenance ran (results flushed, rolled up, trimmed): the windows computed before it are not reused. One still
   * being computed is left to finish for those who asked (a second one at once is what ran the heap out), then let go.
   */
  void maintained() {
    Future<UptimeWindows> computation = everyMonitor;
    if (computation != null) {
      computation.onComplete(done -> forget(computation));
    }
  }

  private void forget(Future<UptimeWindows> computation) {
    if (everyMonitor == computation) {
      everyMonitor = null;
    }
  }

  /** How many times the windows of every monitor were computed (the store's state: shared, not one per question). */
  long everyMonitorComputed() {
    return everyMonitorComputed;
  }

  /**
   * The windows of every monitor (or of the one named). Each window is its part before today (UTC) and today's part,
   * read once for the three. For every monitor, what is rolled up of both is kept between questions
   * ({@link SettledHistory}) once today's first minutes are rolled up, so a question reads only what came since.
   */
  private Future<UptimeWindows> windowsOf(String monitor, long now) {
    long today = Rollups.floor(now, Rollups.DAY);
    Map<String, Long> starts = windowStarts(now);
    return rollups.marks().compose(marks -> {
      boolean keep = monitor == null && marks.minutes() >= today;
      Map<String, Future<Map<String, PackedAggregate>>> before = new LinkedHashMap<>();
      starts.forEach((name, start) -> before.put(name, keep ? settled.before(name, start, today, marks.revision())
          : sums(monitor, start, today)));
      Future<SettledHistory.Today> settledToday = keep ? settled.today(today, marks.minutes(), marks.revision())
          : Future.succeededFuture(new SettledHistory.Today(today, Map.of()));
      Future<Map<String, ResultAggregate[]>> live = settledToday.compose(t -> aggregate(monitor, t.upTo(), now,
          Math.max(1, now - t.upTo()), 1));
      List<Future<?>> all = new ArrayList<>(before.values());
      all.add(live);
      return Future.all(all).compose(done -> vertx.executeBlocking(() -> windows(before,
          settledToday.result().sums(), live.result(), now), false));
    });
  }

  private static UptimeWindows windows(Map<String, Future<Map<String, PackedAggregate>>> before,
      Map<String, PackedAggregate> settledToday, Map<String, ResultAggregate[]> live, long now) {
    Set<String> ids = new TreeSet<>(settledToday.keySet());
    ids.addAll(live.keySet());
    before.values().forEach(part -> ids.addAll(part.result().keySet()));
    // Two aggregates for the whole answer, sized for an hour's latency: no histogram allocated or resized per monitor.
    ResultAggregate sinceToday = ResultAggregate.scratch(Rollups.HOUR);
    ResultAggregate sum = ResultAggregate.scratch(Rollups.HOUR);
    List<JsonObject> list = new ArrayList<>(ids.size());
    try (HistogramReader reader = new HistogramReader()) {
      for (String id : ids) {
        sinceToday.clear();
        PackedAggregate today = settledToday.get(id);
        if (today != null) {
          sinceToday.add(today, reader);
        }
        ResultAggregate[] recent = live.get(id);
        if (recent != null) {
          sinceToday.add(recent[0]);
        }
        String kind = sinceToday.kind();
        JsonObject windows = new JsonObject();
        for (String name : WINDOWS) {
          sum.clear();
          PackedAggregate earlier = before.get(name).result().get(id);
          if (earlier != null) {
            sum.add(earlier, reader);
            kind = kind == null ? earlier.kind() : kind;
          }
          sum.add(sinceToday);
          windows.put(name, sum.toJson());
        }
        list.add(new JsonObject().put("monitor", id).put("kind", kind).put("windows", windows));
      }
    }
    return new UptimeWindows(now, list);
  }

  /** The sums per monitor (or of the one named) of every result in {@code [from, to)}. */
  private Future<Map<String, PackedAggregate>> sums(String monitor, long from, long to) {
    return aggregate(monitor, from, to, Math.max(1, to - from), 1).compose(byMonitor -> vertx.executeBlocking(() -> {
      Map<String, PackedAggregate> packed = new HashMap<>();
      byMonitor.forEach((id, buckets) -> packed.put(id, buckets[0].pack()));
      return packed;
    }, false));
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
      // Each level covers the whole buckets already rolled up inside the span of the finer one; the finer one is
      // read only around it, as two ranges an index serves. A rollup is used only where it falls inside one bucket:
      // with one bucket, or buckets aligned on its size.
      long d0 = Rollups.ceil(from, Rollups.DAY);
      long d1 = fits(Rollups.DAY, from, step, points) ? Math.max(d0, Math.min(marks.days(), Rollups.floor(to, Rollups.DAY))) : d0;
      long h0 = Rollups.ceil(from, Rollups.HOUR);
      long h1 = fits(Rollups.HOUR, from, step, points) ? Math.max(h0, Math.min(marks.hours(), Rollups.floor(to, Rollups.HOUR))) : h0;
      long m0 = Rollups.ceil(from, Rollups.MINUTE);
      long m1 = fits(Rollups.MINUTE, from, step, points) ? Math.max(m0, Math.min(marks.minutes(), Rollups.floor(to, Rollups.MINUTE))) : m0;
      List<Future<RowSet<Row>>> rolled = List.of(rollups(monitor, Rollups.DAY, d0, d1),
          rollups(monitor, Rollups.HOUR, h0, Math.min(h1, d0)), rollups(monitor, Rollups.HOUR, Math.max(h0, d1), h1),
          rollups(monitor, Rollups.MINUTE, m0, Math.min(m1, h0)), rollups(monitor, Rollups.MINUTE, Math.max(m0, h1), m1));
      List<Future<RowSet<Row>>> raw = List.of(results(monitor, from, Math.min(to, m0)), results(monitor, Math.max(from, m1), to));
      List<Future<RowSet<Row>>> all = new ArrayList<>(rolled);
      all.addAll(raw);
      return Future.all(all).compose(done -> vertx.executeBlocking(() -> {
        Map<String, ResultAggregate[]> byMonitor = new TreeMap<>();
        try (HistogramReader reader = new HistogramReader()) {
          for (Future<RowSet<Row>> rows : rolled) {
            for (Row row : rowsOf(rows)) {
              bucket(byMonitor, row.getString(0), row.getLong(2), from, step, points).add(row.getString(1),
                  row.getLong(3), row.getLong(4), row.getString(5), row.getDouble(6), row.getString(7), reader);
            }
          }
        }
        for (Future<RowSet<Row>> rows : raw) {
          for (Row row : rowsOf(rows)) {
            bucket(byMonitor, row.getString(0), row.getLong(2), from, step, points)
                .add(row.getString(1), row.getBoolean(3), row.getDouble(4), row.getString(5));
          }
        }
        return byMonitor;
      }, false));
    });
  }

  private static Iterable<Row> rowsOf(Future<RowSet<Row>> read) {
    return read.result() == null ? List.of() : read.result();
  }

  private static boolean fits(long size, long from, long step, int points) {
    return points == 1 || step % size == 0 && Math.floorMod(from, size) == 0;
  }

  /** The rollups of one size in {@code [from, to)}: none asked when the range is empty. */
  private Future<RowSet<Row>> rollups(String monitor, long size, long from, long to) {
    return from >= to ? Future.succeededFuture(null) : db.read("SELECT monitor, kind, bucket_ms, total, failures, "
        + "reasons, value_max, histogram FROM rollups WHERE step_ms = ? AND bucket_ms >= ? AND bucket_ms < ?"
        + only(monitor), params(monitor, size, from, to));
  }

  /** The raw results in {@code [from, to)}: none asked when the range is empty. */
  private Future<RowSet<Row>> results(String monitor, long from, long to) {
    return from >= to ? Future.succeededFuture(null) : db.read("SELECT monitor, kind, at_ms, ok, value_ms, reason "
        + "FROM results WHERE at_ms >= ? AND at_ms < ?" + only(monitor), params(monitor, from, to));
  }

  private static String only(String monitor) {
    return monitor == null ? "" : " AND monitor = ?";
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
