package dev.vigie.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * Deletes what is past its time (raw results after {@code store.rawDays}, but never before they are rolled up;
 * minute rollups after {@code minuteDays}, hour and day ones after {@code hourDays} (hours never before they are
 * rolled into days), alerts and records after
 * {@code eventDays}), then enforces {@code store.maxBytes}: when the database has grown past it since the last trim,
 * the oldest day of the finest data goes (raw results, keeping the last hour; else minute rollups; else hour
 * rollups, alerts and records). PostgreSQL reuses freed space rather than shrink its files, so there a trim waits
 * until the size grows again before the next one; H2's measure is its live pages, which deletes shrink.
 */
final class Retention {
  private final StoreDatabase db;
  private final StoreSettings settings;
  private long sizeAtLastTrim = -1;

  Retention(StoreDatabase db, StoreSettings settings) {
    this.db = db;
    this.settings = settings;
  }

  /**
   * Runs once; replies {@code {deleted: {table: rows}, sizeBytes, trimmed?}} where {@code trimmed} names what the
   * size ceiling removed.
   */
  Future<JsonObject> run(long now, Rollups.Marks marks) {
    long day = StoreSettings.DAY_MS;
    long rawCut = Math.min(now - settings.rawDays() * day, marks.minutes());
    long minuteCut = Math.min(now - settings.minuteDays() * day, marks.hours());
    long hourCut = now - settings.hourDays() * day;
    long eventCut = now - settings.eventDays() * day;
    JsonObject deleted = new JsonObject();
    return count(deleted, "results", "DELETE FROM results WHERE at_ms < ?", Tuple.of(rawCut))
        .compose(v -> count(deleted, "minuteRollups", "DELETE FROM rollups WHERE step_ms = ? AND bucket_ms < ?",
            Tuple.of(Rollups.MINUTE, minuteCut)))
        .compose(v -> count(deleted, "hourRollups", "DELETE FROM rollups WHERE step_ms = ? AND bucket_ms < ?",
            Tuple.of(Rollups.HOUR, Math.min(hourCut, marks.days()))))
        .compose(v -> count(deleted, "dayRollups", "DELETE FROM rollups WHERE step_ms = ? AND bucket_ms < ?",
            Tuple.of(Rollups.DAY, hourCut)))
        .compose(v -> count(deleted, "alerts", "DELETE FROM alert_events WHERE at_ms < ?", Tuple.of(eventCut)))
        .compose(v -> count(deleted, "records", "DELETE FROM records WHERE at_ms < ?", Tuple.of(eventCut)))
        // Minute rollups go only once in hours, raw results once in minutes: history reads the same without them.
        .compose(v -> deleted.getInteger("hourRollups") + deleted.getInteger("dayRollups") > 0 ? bumpRevision()
            : Future.succeededFuture())
        .compose(v -> db.sizeBytes())
        .compose(size -> {
          JsonObject outcome = new JsonObject().put("deleted", deleted).put("sizeBytes", size);
          if (size <= settings.maxBytes() || !db.sizeShrinksOnDelete() && size <= sizeAtLastTrim) {
            return Future.succeededFuture(outcome);
          }
          sizeAtLastTrim = size;
          return trimOldest(now).compose(what -> what == null ? Future.succeededFuture(outcome)
              : (what.startsWith("raw") ? Future.<Void>succeededFuture() : bumpRevision())
                  .map(v -> outcome.put("trimmed", what)));
        });
  }

  /** Deletes the oldest day of the finest data there is; returns what it deleted, or null when nothing could go. */
  private Future<String> trimOldest(long now) {
    return oldest("SELECT MIN(at_ms) FROM results", Tuple.tuple()).compose(raw -> {
      if (raw != null && raw < now - Rollups.HOUR) {
        long cut = Math.min(raw + StoreSettings.DAY_MS, now - Rollups.HOUR);
        return delete("DELETE FROM results WHERE at_ms < ?", Tuple.of(cut)).map("raw results before " + cut);
      }
      return oldest("SELECT MIN(bucket_ms) FROM rollups WHERE step_ms = ?", Tuple.of(Rollups.MINUTE)).compose(minute -> {
        if (minute != null) {
          long cut = minute + StoreSettings.DAY_MS;
          return delete("DELETE FROM rollups WHERE step_ms = ? AND bucket_ms < ?", Tuple.of(Rollups.MINUTE, cut))
              .map("minute rollups before " + cut);
        }
        return oldest("SELECT MIN(bucket_ms) FROM rollups", Tuple.tuple()).compose(hour -> {
          if (hour == null) {
            return Future.succeededFuture(null);
          }
          long cut = hour + StoreSettings.DAY_MS;
          return delete("DELETE FROM rollups WHERE bucket_ms < ?", Tuple.of(cut))
              .compose(v -> delete("DELETE FROM alert_events WHERE at_ms < ?", Tuple.of(cut)))
              .compose(v -> delete("DELETE FROM records WHERE at_ms < ?", Tuple.of(cut)))
              .map("hour rollups, alerts and records before " + cut);
        });
      });
    });
  }

  private Future<Void> count(JsonObject deleted, String what, String sql, Tuple params) {
    return db.update(sql, params).map(rows -> {
      deleted.put(what, rows.rowCount());
      return null;
    });
  }

  /** History already rolled up changed: what was read of it before is stale ({@link Rollups.Marks#revision}). */
  private Future<Void> bumpRevision() {
    return delete(Rollups.BUMP_REVISION, Tuple.tuple());
  }

  private Future<Void> delete(String sql, Tuple params) {
    return db.update(sql, params).mapEmpty();
  }

  private Future<Long> oldest(String sql, Tuple params) {
    return db.read(sql, params).map(rows -> {
      Row row = rows.iterator().next();
      return row.getValue(0) == null ? null : ((Number) row.getValue(0)).longValue();
    });
  }
}
