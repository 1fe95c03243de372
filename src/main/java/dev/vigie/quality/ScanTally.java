package dev.vigie.quality;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The running counts of one scan: rows, bad rows by reason with the first examples, gaps, time bounds. Its size
 * is fixed (a few counters and at most {@link #EXAMPLES} examples of each kind), whatever the file holds.
 */
public final class ScanTally {
  public static final int EXAMPLES = 10;
  private static final int EXCERPT_BYTES = 120;

  private final long[] badByReason = new long[BadReason.values().length];
  private final JsonArray badExamples = new JsonArray();
  private final JsonArray gapExamples = new JsonArray();
  private long rows;
  private long valid;
  private long gaps;
  private long missing;
  private JsonObject largestGap;
  private long largestMissing;
  private long firstTime = Long.MIN_VALUE;
  private long lastTime = Long.MIN_VALUE;
  private long timeScale;
  private CsvLayout layout;

  void valid() {
    rows++;
    valid++;
  }

  void bad(BadReason reason, long line, byte[] buf, int start, int end) {
    rows++;
    badByReason[reason.ordinal()]++;
    if (badExamples.size() < EXAMPLES) {
      int len = Math.min(end - start, EXCERPT_BYTES);
      badExamples.add(new JsonObject().put("line", line).put("reason", reason.name())
          .put("text", new String(buf, start, len, StandardCharsets.UTF_8)));
    }
  }

  /**
   * A run of {@code count} missing intervals or ids, from {@code from} to {@code to} inclusive, before a line, or
   * after the last row when {@code line} is 0; a negative line places it nowhere (EOHSummary's missing hours).
   */
  void gap(long from, long to, long count, long line) {
    gaps++;
    missing += count;
    JsonObject gap = new JsonObject().put("from", from).put("to", to).put("missing", count);
    if (line > 0) {
      gap.put("beforeLine", line);
    } else if (line == 0) {
      gap.put("afterLastRow", true);
    }
    if (count > largestMissing) {
      largestMissing = count;
      largestGap = gap;
    }
    if (gapExamples.size() < EXAMPLES) {
      gapExamples.add(gap);
    }
  }

  /** A timestamp of a row in order; the first and the latest are reported. */
  void time(long timestamp) {
    if (firstTime == Long.MIN_VALUE) {
      firstTime = timestamp;
    }
    lastTime = timestamp;
  }

  /** The file's time unit: 1 for milliseconds, 1000 for microseconds. */
  void timeScale(long scale) {
    this.timeScale = scale;
  }

  /** The column layout the name or the first row gave, reported as the file's market. */
  void layout(CsvLayout layout) {
    this.layout = layout;
  }

  public long rows() {
    return rows;
  }

  public long validRows() {
    return valid;
  }

  public long bad(BadReason reason) {
    return badByReason[reason.ordinal()];
  }

  public long gaps() {
    return gaps;
  }

  /** The counts as report fields: rows, validRows, badRows, badByReason, badExamples, duplicates, gaps, times. */
  void writeTo(JsonObject report) {
    JsonObject byReason = new JsonObject();
    for (BadReason r : BadReason.values()) {
      if (badByReason[r.ordinal()] > 0) {
        byReason.put(r.name(), badByReason[r.ordinal()]);
      }
    }
    report.put("rows", rows).put("validRows", valid).put("badRows", rows - valid).put("badByReason", byReason)
        .put("badExamples", badExamples.copy()).put("duplicates", bad(BadReason.DUPLICATE));
    report.put("gaps", new JsonObject().put("count", gaps).put("missing", missing)
        .put("largest", largestGap == null ? null : largestGap.copy()).put("examples", gapExamples.copy()));
    if (timeScale != 0) {
      report.put("unit", timeScale == 1 ? "ms" : "us");
    }
    if (layout != null) {
      report.put("market", layout.wire());
    }
    if (firstTime != Long.MIN_VALUE) {
      report.put("firstTime", firstTime).put("lastTime", lastTime)
          .put("firstTimeIso", iso(firstTime)).put("lastTimeIso", iso(lastTime));
    }
  }

  private String iso(long timestamp) {
    long scale = timeScale == 0 ? 1 : timeScale;
    return Instant.ofEpochMilli(timestamp / scale).toString();
  }
}
