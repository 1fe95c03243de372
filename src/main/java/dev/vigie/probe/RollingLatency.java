package dev.vigie.probe;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.IntCountsHistogram;

/**
 * Latency percentiles and success ratio over a rolling window: the window is cut into slices, each with its own
 * histogram (microseconds, 2 significant digits), recycled as time moves on. Answers cover the last window plus
 * at most one slice.
 */
final class RollingLatency {
  private static final int SLICES = 5;
  private static final long HIGHEST_MICROS = 3_600_000_000L;

  private final long sliceMs;
  private final Slice[] slices = new Slice[SLICES + 1];
  private final AbstractHistogram merged = new IntCountsHistogram(1, HIGHEST_MICROS, 2);

  record Window(long samples, long ok, double p50, double p95, double p99) {
    double successRatio() {
      return samples == 0 ? Double.NaN : (double) ok / samples;
    }
  }

  private static final class Slice {
    long index;
    long ok;
    long total;
    final AbstractHistogram histogram = new IntCountsHistogram(1, HIGHEST_MICROS, 2);
  }

  RollingLatency(long windowMs) {
    this.sliceMs = Math.max(1, windowMs / SLICES);
  }

  void record(long nowMs, double latencyMs, boolean ok) {
    long index = nowMs / sliceMs;
    int at = (int) (index % slices.length);
    Slice slice = slices[at];
    if (slice == null) {
      slice = new Slice();
      slice.index = index;
      slices[at] = slice;
    } else if (slice.index != index) {
      slice.histogram.reset();
      slice.ok = 0;
      slice.total = 0;
      slice.index = index;
    }
    slice.total++;
    if (ok) {
      slice.ok++;
    }
    long micros = Math.max(1, Math.min(HIGHEST_MICROS, Math.round(latencyMs * 1000)));
    slice.histogram.recordValue(micros);
  }

  Window window(long nowMs) {
    long current = nowMs / sliceMs;
    merged.reset();
    long ok = 0;
    long total = 0;
    for (Slice slice : slices) {
      if (slice != null && current - slice.index <= SLICES) {
        merged.add(slice.histogram);
        ok += slice.ok;
        total += slice.total;
      }
    }
    if (total == 0) {
      return new Window(0, 0, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Window(total, ok, ms(merged.getValueAtPercentile(50)), ms(merged.getValueAtPercentile(95)),
        ms(merged.getValueAtPercentile(99)));
  }

  private static double ms(long micros) {
    return Math.round(micros / 100.0) / 10.0;
  }
}
