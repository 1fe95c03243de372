package dev.vigie.stress;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import org.HdrHistogram.Histogram;

/**
 * Latencies, twice over: corrected (from the intended send time of the schedule, free of coordinated omission) and
 * uncorrected (from the moment the request went out on a connection). Each generator thread records into its own,
 * on its own event loop; the run adds their copies together (histograms are merged, never averaged) and takes an
 * interval as the difference between two such totals, so a response costs two histogram increments and nothing
 * more. Values are kept in microseconds and shown in milliseconds.
 */
public final class LatencyRecorder {
  private static final int DIGITS = 3;
  private static final double MICROS_PER_MS = 1000.0;

  private final Histogram corrected;
  private final Histogram uncorrected;

  public LatencyRecorder() {
    this(new Histogram(DIGITS), new Histogram(DIGITS));
  }

  private LatencyRecorder(Histogram corrected, Histogram uncorrected) {
    this.corrected = corrected;
    this.uncorrected = uncorrected;
  }

  /** Records one response that ended at {@code endNanos}, intended at {@code intendedNanos}, sent at {@code sentNanos}. */
  public void record(long intendedNanos, long sentNanos, long endNanos) {
    corrected.recordValue(micros(endNanos - intendedNanos));
    uncorrected.recordValue(micros(endNanos - sentNanos));
  }

  /** A copy, for another thread to read. */
  LatencyRecorder copy() {
    return new LatencyRecorder(corrected.copy(), uncorrected.copy());
  }

  /** Adds another recorder's values to this one's. */
  void add(LatencyRecorder other) {
    corrected.add(other.corrected);
    uncorrected.add(other.uncorrected);
  }

  /**
   * What was recorded since {@code earlier} (a previous copy, or null for everything), as a generator reports it to
   * the coordinator of a distributed run: {@code {corrected, uncorrected}}, each a compressed histogram in base64.
   */
  JsonObject encodeSince(LatencyRecorder earlier) {
    return new JsonObject().put("corrected", encode(since(corrected, earlier == null ? null : earlier.corrected)))
        .put("uncorrected", encode(since(uncorrected, earlier == null ? null : earlier.uncorrected)));
  }

  /** What {@code now} recorded after {@code earlier}, an earlier copy of it (null: everything), as a new histogram. */
  static Histogram since(Histogram now, Histogram earlier) {
    Histogram delta = now.copy();
    if (earlier != null) {
      delta.subtract(earlier);
    }
    return delta;
  }

  /** Adds what {@link #encodeSince} encoded; throws IllegalArgumentException when it is not a histogram. */
  void addEncoded(JsonObject encoded) {
    corrected.add(decode(encoded.getString("corrected")));
    uncorrected.add(decode(encoded.getString("uncorrected")));
  }

  /** The corrected ({@code true}) or uncorrected histogram, compressed in base64 (HdrHistogram's own encoding). */
  String encoded(boolean correctedLatency) {
    return encode(correctedLatency ? corrected : uncorrected);
  }

  /** HdrHistogram's compressed encoding, in base64: what any HdrHistogram library decodes. */
  static String encode(Histogram h) {
    ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
    int length = h.encodeIntoCompressedByteBuffer(buffer, Deflater.BEST_SPEED);
    return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
  }

  static Histogram decode(String base64) {
    try {
      return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
    } catch (DataFormatException | RuntimeException e) {
      throw new IllegalArgumentException("not an encoded histogram: " + e.getMessage(), e);
    }
  }

  /** {@code {count, mean, p50, p90, p99, p999, max}} in ms for the whole run. */
  public JsonObject summary(boolean correctedLatency) {
    Histogram h = correctedLatency ? corrected : uncorrected;
    return quantiles(h).put("count", h.getTotalCount()).put("mean", round(h.getMean() / MICROS_PER_MS))
        .put("p999", ms(h, 99.9));
  }

  /** {@code {p50, p90, p99, max}} (corrected, ms) of the whole run so far. */
  public JsonObject soFar() {
    return quantiles(corrected);
  }

  /** {@code {p50, p90, p99, max, count, uncorrectedP99}} (ms) of what was recorded since {@code earlier}, a previous total. */
  public JsonObject since(LatencyRecorder earlier) {
    Histogram c = corrected.copy();
    Histogram u = uncorrected.copy();
    if (earlier != null) {
      c.subtract(earlier.corrected);
      u.subtract(earlier.uncorrected);
    }
    return quantiles(c).put("count", c.getTotalCount()).put("uncorrectedP99", ms(u, 99));
  }

  public double meanMs() {
    return corrected.getTotalCount() == 0 ? 0 : corrected.getMean() / MICROS_PER_MS;
  }

  public double p99Ms() {
    return ms(corrected, 99);
  }

  /** The percentile distribution in HdrHistogram's standard text form ({@code .hgrm}), values in milliseconds. */
  public String hgrm(boolean correctedLatency) {
    Histogram h = correctedLatency ? corrected : uncorrected;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      if (h.getTotalCount() > 0) {
        h.outputPercentileDistribution(out, MICROS_PER_MS);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  static JsonObject quantiles(Histogram h) {
    return new JsonObject().put("p50", ms(h, 50)).put("p90", ms(h, 90)).put("p99", ms(h, 99))
        .put("max", round(h.getMaxValue() / MICROS_PER_MS));
  }

  static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? 0 : round(h.getValueAtPercentile(percentile) / MICROS_PER_MS);
  }

  static long micros(long nanos) {
    return Math.max(0, nanos / 1000);
  }

  static double round(double ms) {
    return Math.round(ms * 1000) / 1000.0;
  }
}
