package dev.vigie.cache;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The cache's meters on the global registry ({@code /metrics}). Scrapes run on other threads, so the meters read a
 * published reading, never the index itself: the verticle calls {@link #update} from its event loop.
 */
final class CacheMeters {
  /** What the meters show, copied from the verticle's state. */
  record Reading(ArchiveStats archive, long orphansRemoved, int upstreamEntries, long upstreamRequests,
      long upstreamHits, long upstreamNetworkRequests, long upstreamFailures, long upstreamFallbacks) {
  }

  private final MeterRegistry registry = Metrics.globalRegistry;
  private final List<Meter> meters = new ArrayList<>();
  private volatile Reading reading;

  CacheMeters(Reading initial) {
    this.reading = initial;
    gauge("vigie.cache.entries", "archives in the cache", r -> r.archive().entries());
    gauge("vigie.cache.bytes", "bytes of archives in the cache", r -> r.archive().bytes());
    gauge("vigie.cache.max.bytes", "cache.maxBytes", r -> r.archive().maxBytes());
    gauge("vigie.cache.used.percent", "cache size against its limit", r -> r.archive().usedPercent());
    gauge("vigie.cache.hit.ratio", "archive lookups answered from the cache, 0..1", r -> r.archive().hitRate());
    counter("vigie.cache.hits", "archive lookups that found the archive", r -> r.archive().hits());
    counter("vigie.cache.misses", "archive lookups that did not", r -> r.archive().misses());
    counter("vigie.cache.evictions", "archives evicted (LRU or trim)", r -> r.archive().evictions());
    counter("vigie.cache.corrupted.removed", "archive files removed for a bad SHA-256 or a broken ZIP",
        r -> r.archive().corruptedRemoved());
    counter("vigie.cache.orphans.removed", "stray files removed from the archives directory", Reading::orphansRemoved);
    gauge("vigie.upstream.entries", "upstream answers in the SWR cache", Reading::upstreamEntries);
    counter("vigie.upstream.requests", "asks for upstream sources", Reading::upstreamRequests);
    counter("vigie.upstream.hits", "asks answered from the SWR cache", Reading::upstreamHits);
    counter("vigie.upstream.network.requests", "requests sent to upstream sources", Reading::upstreamNetworkRequests);
    counter("vigie.upstream.network.failures", "upstream requests that failed", Reading::upstreamFailures);
    counter("vigie.upstream.fallbacks", "answers served as stale_cache_fallback", Reading::upstreamFallbacks);
  }

  void update(Reading next) {
    reading = next;
  }

  /** Removes the meters, so a redeployed verticle registers fresh ones. */
  void close() {
    meters.forEach(registry::remove);
    meters.clear();
  }

  private void gauge(String name, String description, ToDoubleFunction<Reading> value) {
    meters.add(Gauge.builder(name, this, m -> value.applyAsDouble(m.reading)).description(description).register(registry));
  }

  private void counter(String name, String description, ToDoubleFunction<Reading> value) {
    meters.add(FunctionCounter.builder(name, this, m -> value.applyAsDouble(m.reading)).description(description)
        .register(registry));
  }
}
