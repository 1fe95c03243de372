package dev.vigie.cache;

import dev.vigie.bus.Metric;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import dev.vigie.bus.Thresholds;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** The monitor's "cache" (archive cache) section and the statistics it details. */
final class CacheSection {
  private static final double MB = 1024.0 * 1024.0;

  private final Thresholds thresholds;

  CacheSection(Thresholds thresholds) {
    this.thresholds = thresholds;
  }

  /** The {@code archive} object of the statistics; {@code lastSweep} is null until a sweep ran. */
  static JsonObject details(ArchiveStats a, long newestModifiedMs, long orphansRemoved, long adopted,
      JsonObject lastSweep) {
    double hitRate = a.hitRate();
    return new JsonObject().put("entries", a.entries()).put("bytes", a.bytes()).put("maxBytes", a.maxBytes())
        .put("maxEntries", a.maxEntries()).put("usedPercent", a.usedPercent()).put("hits", a.hits())
        .put("misses", a.misses()).put("hitRate", Double.isNaN(hitRate) ? null : hitRate)
        .put("evictions", a.evictions()).put("corruptedRemoved", a.corruptedRemoved())
        .put("orphansRemoved", orphansRemoved).put("adopted", adopted)
        .put("newestArchiveAt", instant(newestModifiedMs)).put("lastSweep", lastSweep);
  }

  /** ISO-8601 of an epoch-millisecond time, or null when it is unknown (negative). */
  static String instant(long epochMs) {
    return epochMs < 0 ? null : Instant.ofEpochMilli(epochMs).toString();
  }

  SectionUpdate of(ArchiveStats stats, JsonObject details) {
    Status used = thresholds.evaluate("cacheUsedPercent", stats.usedPercent());
    double hitRate = stats.hitRate();
    return new SectionUpdate("cache", "Archive cache", List.of(
        Metric.of("Entries", stats.entries(), null, Status.NEUTRAL)
            .withHint("archives on disk, limit " + stats.maxEntries()),
        Metric.of("Size", round(stats.bytes() / MB), "MB", used)
            .withHint("of " + round(stats.maxBytes() / MB) + " MB (cache.maxBytes)"),
        Metric.of("Used", round(stats.usedPercent()), "%", used)
            .withHint("the larger of size and entry count against their limits; trim when it is high"),
        Metric.of("Hit rate", Double.isNaN(hitRate) ? null : round(100 * hitRate), "%",
            thresholds.evaluate("cacheHitRate", 100 * hitRate, stats.hits() + stats.misses()))
            .withHint(stats.hits() + " hits, " + stats.misses() + " misses").withSamples(stats.hits() + stats.misses()),
        Metric.of("Evictions", stats.evictions(), null, Status.NEUTRAL)
            .withHint("least recently used archives removed to stay under the limits"),
        Metric.of("Corrupted removed", stats.corruptedRemoved(), null, Status.NEUTRAL)
            .withHint("files removed for a SHA-256 mismatch or a truncated ZIP")), details);
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
