package dev.vigie.upstream;

import dev.vigie.bus.Metric;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import dev.vigie.bus.Thresholds;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The monitor's "upstream" section and the statistics it details, read from the SWR policy. */
final class UpstreamSection {
  private final Thresholds thresholds;

  UpstreamSection(Thresholds thresholds) {
    this.thresholds = thresholds;
  }

  /** The statistics ({@code vigie.upstream.stats}, the section's details); {@code sources} per source. */
  static JsonObject stats(UpstreamCache cache, JsonArray sources) {
    double hitRate = cache.hitRate();
    UpstreamCache.Windows w = cache.windows();
    return new JsonObject().put("entries", cache.entries()).put("requests", cache.requests())
        .put("hits", cache.hits()).put("misses", cache.misses())
        .put("hitRate", Double.isNaN(hitRate) ? null : hitRate).put("networkRequests", cache.networkRequests())
        .put("networkFailures", cache.networkFailures()).put("fallbacks", cache.fallbacks())
        .put("lastSource", cache.lastSource()).put("lastAgeMs", cache.lastAgeMs() < 0 ? null : cache.lastAgeMs())
        .put("freshMs", w.freshMs()).put("staleMs", w.staleMs()).put("expireMs", w.expireMs())
        .put("sources", sources);
  }

  SectionUpdate of(UpstreamCache cache, JsonObject details) {
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
            thresholds.evaluate("cacheHitRate", 100 * hitRate, cache.requests()))
            .withHint(cache.hits() + " of " + cache.requests() + " asks answered from the cache").withSamples(cache.requests()),
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
