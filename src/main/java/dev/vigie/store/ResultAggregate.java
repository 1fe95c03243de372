package dev.vigie.store;

import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
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

  /** Adds a stored rollup. */
  void add(String kind, long total, long failures, String reasonsJson, double max, String encodedHistogram) {
    this.kind = kind;
    this.total += total;
    this.failures += failures;
    if (failures > 0) {
      new JsonObject(reasonsJson).forEach(e -> reasons.merge(e.getKey(), ((Number) e.getValue()).longValue(), Long::sum));
    }
    this.max = Math.max(this.max, max);
    histogram.add(decode(encodedHistogram));
  }

  void add(ResultAggregate other) {
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

  private static Histogram decode(String encoded) {
    try {
      return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), 0);
    } catch (DataFormatException e) {
      throw new IllegalStateException("a stored latency histogram does not decode: " + e.getMessage(), e);
    }
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
