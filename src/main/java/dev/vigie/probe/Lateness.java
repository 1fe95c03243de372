package dev.vigie.probe;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/**
 * How late checks start: the actual start (once past the concurrency gate) minus the time the schedule gave it, in
 * ms, over the last minute (the current minute and the one before it) and since start.
 */
final class Lateness {
  static final long MINUTE_MS = 60_000;
  private static final long HIGHEST_MS = 3_600_000;

  private final long lateMs;
  private final Histogram[] minutes = {new Histogram(HIGHEST_MS, 2), new Histogram(HIGHEST_MS, 2)};
  private final long[] minuteOf = {-1, -1};
  private long maxSinceStart;
  private long lateSinceStart;

  /** @param lateMs a check starting later than this counts as late ({@code probe.lateMs}) */
  Lateness(long lateMs) {
    this.lateMs = lateMs;
  }

  void record(long latenessMs, long nowMs) {
    long ms = Math.max(0, Math.min(HIGHEST_MS, latenessMs));
    long minute = nowMs / MINUTE_MS;
    int at = (int) (minute % 2);
    if (minuteOf[at] != minute) {
      minutes[at].reset();
      minuteOf[at] = minute;
    }
    minutes[at].recordValue(ms);
    maxSinceStart = Math.max(maxSinceStart, ms);
    if (ms > lateMs) {
      lateSinceStart++;
    }
  }

  /** {@code {checks, p50, p99, max, late, lateMs, maxSinceStart, lateSinceStart}}: the first five over the last minute. */
  JsonObject toJson(long nowMs) {
    Histogram recent = new Histogram(HIGHEST_MS, 2);
    long minute = nowMs / MINUTE_MS;
    for (int i = 0; i < 2; i++) {
      if (minuteOf[i] >= minute - 1) {
        recent.add(minutes[i]);
      }
    }
    long checks = recent.getTotalCount();
    long late = checks == 0 ? 0 : checks - recent.getCountBetweenValues(0, lateMs);
    return new JsonObject().put("checks", checks)
        .put("p50", checks == 0 ? null : recent.getValueAtPercentile(50))
        .put("p99", checks == 0 ? null : recent.getValueAtPercentile(99))
        .put("max", checks == 0 ? null : recent.getMaxValue())
        .put("late", late).put("lateMs", lateMs)
        .put("maxSinceStart", maxSinceStart).put("lateSinceStart", lateSinceStart);
  }
}
