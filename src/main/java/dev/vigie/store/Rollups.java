package dev.vigie.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rolls raw results up into per-minute rollups, those into per-hour ones, and those into per-day ones (so a 30-day
 * question reads 30 rows a monitor, not 720). Each step works on one chunk at a time (an hour of results, a day of
 * minutes, a day of hours), skipping empty stretches, and replaces the chunk's rollups and moves its mark in one
 * transaction, so a run cut short resumes where it stopped. Aggregation runs on a worker thread.
 */
final class Rollups {
  static final long MINUTE = 60_000L;
  static final long HOUR = 3_600_000L;
  static final long DAY = 86_400_000L;
  static final String REVISION = "history_revision";
  static final String BUMP_REVISION = "UPDATE store_marks SET at_ms = at_ms + 1 WHERE name = '" + REVISION + "'";
  private static final String INSERT = "INSERT INTO rollups (step_ms, monitor, bucket_ms, kind, total, failures, "
      + "reasons, value_max, histogram) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /**
   * How far the rollups have gone: everything before {@code minutes} is in minute rollups, before {@code hours} in
   * hour ones, before {@code days} in day ones. {@code revision} grows whenever history already rolled up changes
   * (results rolled up again after arriving late, rollups deleted by retention): what was read of it before is stale.
   */
  record Marks(long minutes, long hours, long days, long revision) {
  }

  private final Vertx vertx;
  private final StoreDatabase db;

  Rollups(Vertx vertx, StoreDatabase db) {
    this.vertx = vertx;
    this.db = db;
  }

  Future<Marks> marks() {
    return db.read("SELECT name, at_ms FROM store_marks", Tuple.tuple()).map(rows -> {
      long minutes = 0;
      long hours = 0;
      long days = 0;
      long revision = 0;
      for (Row row : rows) {
        switch (row.getString(0)) {
          case "minutes_rolled_to" -> minutes = row.getLong(1);
          case "hours_rolled_to" -> hours = row.getLong(1);
          case "days_rolled_to" -> days = row.getLong(1);
          case REVISION -> revision = row.getLong(1);
          default -> {
          }
        }
      }
      return new Marks(minutes, hours, days, revision);
    });
  }

  /**
   * Rolls up every complete minute before {@code upTo}, redoing those from {@code redoFrom} on (results that arrived
   * late, e.g. from the buffer after an outage; {@code Long.MAX_VALUE} for none), then every complete hour and day. Minutes
   * before {@code rawCut} are never redone: retention may have deleted some of their results already.
   */
  Future<Marks> run(long upTo, long redoFrom, long rawCut) {
    long target = floor(upTo, MINUTE);
    long redo = redoFrom == Long.MAX_VALUE ? redoFrom : Math.max(redoFrom, ceil(rawCut, MINUTE));
    return marks().compose(marks -> {
      long minutesFrom = Math.min(marks.minutes(), floor(redo, MINUTE));
      return rollMinutes(minutesFrom, target, marks.minutes()).compose(v -> marks()).compose(after -> {
        long hoursFrom = floor(Math.min(marks.hours(), redo), HOUR);
        return rollCoarse(HOUR, MINUTE, "hours_rolled_to", hoursFrom, floor(after.minutes(), HOUR), marks.hours())
            .compose(w -> marks()).compose(hours -> {
              long daysFrom = floor(Math.min(marks.days(), redo), DAY);
              return rollCoarse(DAY, HOUR, "days_rolled_to", daysFrom, floor(hours.hours(), DAY), marks.days());
            }).compose(w -> marks());
      });
    });
  }

  /** {@code rolledTo}: the level's mark when the run began; a chunk before it is rolled up again. */
  private Future<Void> rollMinutes(long from, long target, long rolledTo) {
    if (from >= target) {
      return Future.succeededFuture();
    }
    return first("SELECT MIN(at_ms) FROM results WHERE at_ms >= ? AND at_ms < ?", Tuple.of(from, target))
        .compose(min -> {
          if (min == null) {
            return moveMark("minutes_rolled_to", target);
          }
          long start = floor(min, MINUTE);
          long end = Math.min(start + HOUR, target);
          return db.read("SELECT monitor, kind, at_ms, ok, value_ms, reason FROM results "
                  + "WHERE at_ms >= ? AND at_ms < ?", Tuple.of(start, end))
              .compose(rows -> vertx.executeBlocking(() -> fromResults(rows), false))
              .compose(tuples -> replace(MINUTE, start, end, tuples, "minutes_rolled_to", start < rolledTo))
              .compose(v -> rollMinutes(end, target, rolledTo));
        });
  }

  /** Rolls the {@code finer} rollups of {@code [from, target)} into {@code step} ones, a day of them at a time. */
  private Future<Void> rollCoarse(long step, long finer, String mark, long from, long target, long rolledTo) {
    if (from >= target) {
      return Future.succeededFuture();
    }
    return first("SELECT MIN(bucket_ms) FROM rollups WHERE step_ms = ? AND bucket_ms >= ? AND bucket_ms < ?",
        Tuple.of(finer, from, target)).compose(min -> {
          if (min == null) {
            return moveMark(mark, target);
          }
          long start = floor(min, step);
          long end = Math.min(start + Math.max(step, DAY), target);
          return db.read("SELECT monitor, kind, bucket_ms, total, failures, reasons, value_max, histogram "
                  + "FROM rollups WHERE step_ms = ? AND bucket_ms >= ? AND bucket_ms < ?", Tuple.of(finer, start, end))
              .compose(rows -> vertx.executeBlocking(() -> fromRollups(step, rows), false))
              .compose(tuples -> replace(step, start, end, tuples, mark, start < rolledTo))
              .compose(v -> rollCoarse(step, finer, mark, end, target, rolledTo));
        });
  }

  private static List<Tuple> fromResults(RowSet<Row> rows) {
    Map<String, Map<Long, ResultAggregate>> byMonitor = new LinkedHashMap<>();
    for (Row row : rows) {
      byMonitor.computeIfAbsent(row.getString(0), m -> new LinkedHashMap<>())
          .computeIfAbsent(floor(row.getLong(2), MINUTE), b -> new ResultAggregate())
          .add(row.getString(1), row.getBoolean(3), row.getDouble(4), row.getString(5));
    }
    return tuples(MINUTE, byMonitor);
  }

  private static List<Tuple> fromRollups(long step, RowSet<Row> rows) {
    Map<String, Map<Long, ResultAggregate>> byMonitor = new LinkedHashMap<>();
    try (HistogramReader reader = new HistogramReader()) {
      for (Row row : rows) {
        byMonitor.computeIfAbsent(row.getString(0), m -> new LinkedHashMap<>())
            .computeIfAbsent(floor(row.getLong(2), step), b -> new ResultAggregate())
            .add(row.getString(1), row.getLong(3), row.getLong(4), row.getString(5), row.getDouble(6), row.getString(7),
                reader);
      }
    }
    return tuples(step, byMonitor);
  }

  private static List<Tuple> tuples(long step, Map<String, Map<Long, ResultAggregate>> byMonitor) {
    List<Tuple> tuples = new ArrayList<>();
    byMonitor.forEach((monitor, buckets) -> buckets.forEach((bucket, a) -> tuples.add(Tuple.of(step, monitor, bucket,
        a.kind(), a.total(), a.failures(), a.reasonsJson(), a.max(), a.encodedHistogram()))));
    return tuples;
  }

  /**
   * Replaces the rollups of one chunk and moves the mark past it, in one transaction; {@code again}: the chunk was
   * rolled up before, so the history revision grows with it.
   */
  private Future<Void> replace(long step, long start, long end, List<Tuple> tuples, String mark, boolean again) {
    return db.transaction(conn -> conn
        .preparedQuery(db.sql("DELETE FROM rollups WHERE step_ms = ? AND bucket_ms >= ? AND bucket_ms < ?"))
        .execute(Tuple.of(step, start, end))
        .compose(v -> tuples.isEmpty() ? Future.succeededFuture()
            : conn.preparedQuery(db.sql(INSERT)).executeBatch(tuples))
        .compose(v -> conn.preparedQuery(db.sql("UPDATE store_marks SET at_ms = ? WHERE name = ? AND at_ms < ?"))
            .execute(Tuple.of(end, mark, end)))
        .compose(v -> again ? conn.preparedQuery(db.sql(BUMP_REVISION)).execute(Tuple.tuple()) : Future.succeededFuture())
        .mapEmpty());
  }

  private Future<Void> moveMark(String mark, long to) {
    return db.update("UPDATE store_marks SET at_ms = ? WHERE name = ? AND at_ms < ?", Tuple.of(to, mark, to)).mapEmpty();
  }

  private Future<Long> first(String sql, Tuple params) {
    return db.read(sql, params).map(rows -> {
      Row row = rows.iterator().next();
      return row.getValue(0) == null ? null : ((Number) row.getValue(0)).longValue();
    });
  }

  static long ceil(long time, long step) {
    return Math.floorDiv(time + step - 1, step) * step;
  }

  static long floor(long time, long step) {
    return time == Long.MAX_VALUE ? time : Math.floorDiv(time, step) * step;
  }
}
