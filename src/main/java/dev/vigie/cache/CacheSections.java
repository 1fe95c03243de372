package dev.vigie.cache;

import dev.vigie.bus.Metric;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import dev.vigie.bus.Thresholds;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The monitor's "cache" (archive cache) and "upstream" (SWR cache) sections, from the verticle's statistics. */
final class CacheSections {
  private static final double MB = 1024.0 * 1024.0;

  private final Thresholds thresholds;

  CacheSections(Thresholds thresholds) {
    this.thresholds = thresholds;
  }

  SectionUpdate archive(ArchiveStats stats, JsonObject details) {
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
            thresholds.evaluate("cacheHitRate", 100 * hitRate))
            .withHint(stats.hits() + " hits, " + stats.misses() + " misses"),
        Metric.of("Evictions", stats.evictions(), null, Status.NEUTRAL)
            .withHint("least recently used archives removed to stay under the limits"),
        Metric.of("Corrupted removed", stats.corruptedRemoved(), null, Status.NEUTRAL)
            .withHint("files removed for a SHA-256 mismatch or a truncated ZIP")), details);
  }

  SectionUpdate upstream(UpstreamCache cache, JsonObject details) {
    double hitRate = cache.hitRate();
    String source = cache.lastSource();
    Status sourceStatus = source == null ? Status.NEUTRAL
        : source.equals(UpstreamCache.FALLBACK) ? Status.WARNING : Status.GOOD;
    long age = cache.lastAgeMs();
    UpstreamCache.Windows w = cache.windows();
    Status ageStatus = age < 0 ? Status.NEUTRAL
        : age < w.freshMs() ? Status.GOOD : age < w.staleMs() ? Status.WARNING : Status.CRITICAL;
    return new SectionUpdate("upstream", "Upstream cache", List.of(
        Metric.of("Entries", cache.entries(), null, Status.NEUTRAL),
        Metric.of("Hit rate", Double.isNaN(hitRate) ? null : round(100 * hitRate), "%",
            thresholds.evaluate("cacheHitRate", 100 * hitRate))
            .withHint(cache.hits() + " of " + cache.requests() + " asks answered from the cache"),
        Metric.of("Requests", cache.requests(), null, Status.NEUTRAL)
            .withHint(cache.networkRequests() + " sent upstream, " + cache.networkFailures() + " failed"),
        Metric.of("Last source", source == null ? "none" : source, null, sourceStatus)
            .withHint("network, cache, or stale_cache_fallback when the upstream failed"),
        Metric.of("Age", age < 0 ? null : round(age / 60_000.0), "min", ageStatus)
            .withHint("fresh under " + w.freshMs() / 60_000 + " min, stale until " + w.staleMs() / 60_000
                + " min, gone at " + w.expireMs() / 60_000 + " min")), details);
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
