package dev.vigie.store;

import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What a set of results adds up to: count, failures by reason, the largest value and an HdrHistogram of the values
 * (microseconds, 2 significant digits: 1 % precision). Merging two aggregates merges their histograms, so the
 * percentiles of a rollup of rollups are those of the raw results within that precision. Not thread-safe.
 */
final class ResultAggregate {
  private static final int DIGITS = 2;

  private final Histogram histogram;
  private final Map<String, Long> reasons = new TreeMap<>();
  private String kind;
  private long total;
  private long failures;
  private double max;

  ResultAggregate() {
    histogram = new Histogram(DIGITS);
    histogram.setAutoResize(true);
  }

  /**
   * An aggregate sized up front for values up to {@code highestMs} (it still grows past it), to be {@link #clear
   * cleared} and used again: merging many histograms into it never resizes its counts.
   */
  static ResultAggregate scratch(long highestMs) {
    return new ResultAggregate(new Histogram(1, highestMs * 1000, DIGITS));
  }

  private ResultAggregate(Histogram histogram) {
    this.histogram = histogram;
    histogram.setAutoResize(true);
  }

  /** Back to no result. */
  void clear() {
    histogram.reset();
    reasons.clear();
    kind = null;
    total = 0;
    failures = 0;
    max = 0;
  }

  /** Adds one result: {@code reason} is null for a success. */
  void add(String kind, boolean ok, double valueMs, String reason) {
    this.kind = kind;
    total++;
    if (!ok) {
      failures++;
      reasons.merge(reason == null ? "unknown" : reason, 1L, Long::sum);
    }
    max = Math.max(max, valueMs);
    histogram.recordValue(Math.max(0, Math.round(valueMs * 1000)));
  }

  /** Adds a stored rollup, its histogram read by {@code reader} (one per thread). */
  void add(String kind, long total, long failures, String reasonsJson, double max, String encodedHistogram,
      HistogramReader reader) {
    this.kind = kind;
    this.total += total;
    this.failures += failures;
    if (failures > 0) {
      new JsonObject(reasonsJson).forEach(e -> reasons.merge(e.getKey(), ((Number) e.getValue()).longValue(), Long::sum));
    }
    this.max = Math.max(this.max, max);
    reader.addCompressed(encodedHistogram, histogram);
  }

  /** Adds a packed aggregate (see {@link #pack}), its histogram read by {@code reader}. */
  void add(PackedAggregate packed, HistogramReader reader) {
    if (packed.total() == 0) {
      return;
    }
    kind = packed.kind();
    total += packed.total();
    failures += packed.failures();
    packed.reasons().forEach((k, v) -> reasons.merge(k, v, Long::sum));
    max = Math.max(max, packed.max());
    reader.addPlain(packed.histogram(), histogram);
  }

  /** This aggregate in a compact form to keep in memory: the histogram as its plain V2 encoding. */
  PackedAggregate pack() {
    byte[] encoded = new byte[0];
    if (total > 0) {
      ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
      encoded = Arrays.copyOf(buffer.array(), histogram.encodeIntoByteBuffer(buffer));
    }
    return new PackedAggregate(kind, total, failures, reasons.isEmpty() ? Map.of() : Map.copyOf(reasons), max, encoded);
  }

  void add(ResultAggregate other) {
    if (other.total == 0) {
      return;
    }
    kind = other.kind;
    total += other.total;
    failures += other.failures;
    other.reasons.forEach((k, v) -> reasons.merge(k, v, Long::sum));
    max = Math.max(max, other.max);
    histogram.add(other.histogram);
  }

  String kind() {
    return kind;
  }

  long total() {
    return total;
  }

  long failures() {
    return failures;
  }

  double max() {
    return max;
  }

  String reasonsJson() {
    JsonObject json = new JsonObject();
    reasons.forEach(json::put);
    return json.encode();
  }

  /** The value at a percentile in milliseconds (to 0.1 ms), or null with no result. */
  Double percentileMs(double percentile) {
    if (total == 0) {
      return null;
    }
    return Math.round(histogram.getValueAtPercentile(percentile) / 100.0) / 10.0;
  }

  String encodedHistogram() {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
  }

  /** {@code {count, failures, uptimePercent, p50, p95, p99, maxMs, reasons}}; uptime and percentiles null when empty. */
  JsonObject toJson() {
    JsonObject json = new JsonObject().put("count", total).put("failures", failures)
        .put("uptimePercent", total == 0 ? null : Math.round(10_000.0 * (total - failures) / total) / 100.0)
        .put("p50", percentileMs(50)).put("p95", percentileMs(95)).put("p99", percentileMs(99))
        .put("maxMs", total == 0 ? null : max);
    if (!reasons.isEmpty()) {
      json.put("reasons", new JsonObject(reasonsJson()));
    }
    return json;
  }
}
