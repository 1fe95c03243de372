package dev.vigie.store.bench;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;

/**
 * Seeds 30 days of history for {@code monitors} endpoints probed every {@code intervalSec}, straight into the store's
 * tables over JDBC, as the store's rollups and retention (docs/store.md) would have left them at {@code now}: hour
 * rollups for the whole 30 days and more, minute rollups and raw results where the 30-day, 7-day and 24-hour uptime
 * question may read them (the minutes not rolled into hours yet, the results not rolled into minutes yet, and the
 * windows' first two hours: the question reads the rest of the history from hour rollups, by step and time, so older
 * minutes and results would only make the tables longer), and the marks saying how far the rollups have gone.
 * Rollup rows carry what the store writes: count, failures by reason, the largest value and a compressed
 * HdrHistogram of the values in microseconds at 2 significant digits. Coarser rollups the store may keep (a day
 * level) are left to it: the bench asks the store to roll up once the seed is in.
 */
final class HistorySeed {
  static final long MINUTE = 60_000L;
  static final long HOUR = 3_600_000L;
  static final long DAY = 24 * HOUR;
  private static final int VARIANTS = 64;

  private final int monitors;
  private final int intervalSec;
  private final long rollupDelayMs;
  private final SplittableRandom random = new SplittableRandom(30);

  /** What went in, by table. */
  record Seeded(long hourRollups, long minuteRollups, long rawResults, long minutesMark, long hoursMark) {
  }

  HistorySeed(int monitors, int intervalSec, long rollupDelayMs) {
    this.monitors = monitors;
    this.intervalSec = intervalSec;
    this.rollupDelayMs = rollupDelayMs;
  }

  /** Empties the results and rollups (what the write phase left), then seeds history ending at {@code now}. */
  Seeded seed(Connection conn, long now) throws SQLException {
    conn.setAutoCommit(false);
    try (Statement s = conn.createStatement()) {
      s.execute("TRUNCATE TABLE results");
      s.execute("TRUNCATE TABLE rollups");
      s.executeUpdate("UPDATE store_marks SET at_ms = 0");
    }
    conn.commit();
    long minutesMark = floor(now - rollupDelayMs, MINUTE);
    long hoursMark = floor(minutesMark, HOUR);
    List<Long> windowStarts = List.of(now - 30 * DAY, now - 7 * DAY, now - DAY);

    List<Long> hours = new ArrayList<>();
    // The 7- and 30-day windows start at midnight (UTC) 7 and 30 days before today's.
    for (long t = floor(now, DAY) - 30 * DAY - HOUR; t < hoursMark; t += HOUR) {
      hours.add(t);
    }
    TreeSet<Long> minutes = new TreeSet<>();
    for (long t = hoursMark; t < minutesMark; t += MINUTE) {
      minutes.add(t);
    }
    for (long start : windowStarts) {
      for (long t = floor(start, HOUR); t < floor(start, HOUR) + 2 * HOUR; t += MINUTE) {
        minutes.add(t);
      }
    }
    List<long[]> rawSpans = new ArrayList<>();
    rawSpans.add(new long[] {minutesMark - 5 * MINUTE, now});
    for (long start : windowStarts.subList(1, 3)) {
      rawSpans.add(new long[] {start - 10 * MINUTE, start + 30 * MINUTE});
    }

    String[][] hourVariants = variants((int) (3600 / intervalSec));
    String[][] minuteVariants = variants(Math.max(1, 60 / intervalSec));
    long hourRows = rollups(conn, HOUR, hours, hourVariants);
    long minuteRows = rollups(conn, MINUTE, new ArrayList<>(minutes), minuteVariants);
    long rawRows = raw(conn, rawSpans);
    try (PreparedStatement marks = conn.prepareStatement("UPDATE store_marks SET at_ms = ? WHERE name = ?")) {
      marks.setLong(1, minutesMark);
      marks.setString(2, "minutes_rolled_to");
      marks.executeUpdate();
      marks.setLong(1, hoursMark);
      marks.setString(2, "hours_rolled_to");
      marks.executeUpdate();
    }
    conn.commit();
    return new Seeded(hourRows, minuteRows, rawRows, minutesMark, hoursMark);
  }

  private long rollups(Connection conn, long step, List<Long> buckets, String[][] variants) throws SQLException {
    long rows = 0;
    try (PreparedStatement insert = conn.prepareStatement("INSERT INTO rollups (step_ms, monitor, bucket_ms, kind, "
        + "total, failures, reasons, value_max, histogram) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (long bucket : buckets) {
        for (int m = 0; m < monitors; m++) {
          String[] v = variants[random.nextInt(VARIANTS)];
          insert.setLong(1, step);
          insert.setString(2, StoreBench.monitorName(m));
          insert.setLong(3, bucket);
          insert.setString(4, "endpoint");
          insert.setLong(5, Long.parseLong(v[0]));
          insert.setLong(6, Long.parseLong(v[1]));
          insert.setString(7, v[2]);
          insert.setDouble(8, Double.parseDouble(v[3]));
          insert.setString(9, v[4]);
          insert.addBatch();
          if (++rows % 5000 == 0) {
            insert.executeBatch();
            conn.commit();
          }
        }
      }
      insert.executeBatch();
      conn.commit();
    }
    return rows;
  }

  private long raw(Connection conn, List<long[]> spans) throws SQLException {
    long rows = 0;
    long every = intervalSec * 1000L;
    try (PreparedStatement insert = conn.prepareStatement("INSERT INTO results (monitor, kind, at_ms, ok, value_ms, "
        + "status_code, reason) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (long[] span : spans) {
        for (long t = floor(span[0], every); t < span[1]; t += every) {
          for (int m = 0; m < monitors; m++) {
            long at = t + m * every / monitors;
            boolean ok = random.nextInt(100) != 0;
            insert.setString(1, StoreBench.monitorName(m));
            insert.setString(2, "endpoint");
            insert.setLong(3, at);
            insert.setBoolean(4, ok);
            insert.setDouble(5, latencyMs());
            if (ok) {
              insert.setInt(6, 200);
              insert.setNull(7, java.sql.Types.VARCHAR);
            } else {
              insert.setNull(6, java.sql.Types.INTEGER);
              insert.setString(7, "timeout");
            }
            insert.addBatch();
            if (++rows % 5000 == 0) {
              insert.executeBatch();
              conn.commit();
            }
          }
        }
      }
      insert.executeBatch();
      conn.commit();
    }
    return rows;
  }

  /** {@value #VARIANTS} rollups of {@code count} results each: {total, failures, reasons, max, histogram}. */
  private String[][] variants(int count) {
    String[][] variants = new String[VARIANTS][];
    for (int i = 0; i < VARIANTS; i++) {
      Histogram h = new Histogram(2);
      h.setAutoResize(true);
      double max = 0;
      long failures = 0;
      for (int n = 0; n < count; n++) {
        double v = latencyMs();
        max = Math.max(max, v);
        h.recordValue(Math.round(v * 1000));
        failures += random.nextInt(100) == 0 ? 1 : 0;
      }
      ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
      int length = h.encodeIntoCompressedByteBuffer(buffer);
      String encoded = Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
      String reasons = failures == 0 ? "{}" : "{\"timeout\":" + failures + "}";
      variants[i] = new String[] {String.valueOf(count), String.valueOf(failures), reasons, String.valueOf(max), encoded};
    }
    return variants;
  }

  /** Mostly 5 to 80 ms, one in twenty up to 2 s, to 0.1 ms. */
  private double latencyMs() {
    double v = random.nextInt(20) == 0 ? 80 + random.nextDouble() * 2000 : 5 + random.nextDouble() * 75;
    return Math.round(v * 10) / 10.0;
  }

  static long floor(long time, long step) {
    return Math.floorDiv(time, step) * step;
  }
}
