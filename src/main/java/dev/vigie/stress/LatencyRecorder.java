package dev.vigie.stress;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.HdrHistogram.Histogram;

/**
 * A run's latencies, twice over: corrected (from the intended send time of the schedule, free of coordinated
 * omission) and uncorrected (from the moment the request went out on a connection), each for the whole run and for
 * the current progress interval. Values are kept in microseconds and shown in milliseconds. One event loop only.
 */
public final class LatencyRecorder {
  private static final int DIGITS = 3;
  private static final double MICROS_PER_MS = 1000.0;

  private final Histogram corrected = new Histogram(DIGITS);
  private final Histogram uncorrected = new Histogram(DIGITS);
  private final Histogram intervalCorrected = new Histogram(DIGITS);
  private final Histogram intervalUncorrected = new Histogram(DIGITS);

  /** Records one response that ended at {@code endNanos}, intended at {@code intendedNanos}, sent at {@code sentNanos}. */
  public void record(long intendedNanos, long sentNanos, long endNanos) {
    long c = micros(endNanos - intendedNanos);
    long u = micros(endNanos - sentNanos);
    corrected.recordValue(c);
    intervalCorrected.recordValue(c);
    uncorrected.recordValue(u);
    intervalUncorrected.recordValue(u);
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

  /** {@code {p50, p90, p99, max, count}} (corrected, ms) since the last call, then starts a new interval. */
  public JsonObject takeInterval() {
    JsonObject json = quantiles(intervalCorrected).put("count", intervalCorrected.getTotalCount())
        .put("uncorrectedP99", ms(intervalUncorrected, 99));
    intervalCorrected.reset();
    intervalUncorrected.reset();
    return json;
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
