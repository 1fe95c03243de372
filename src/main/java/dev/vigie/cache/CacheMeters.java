package dev.vigie.cache;

import dev.vigie.meters.AreaMeters;
import java.util.function.ToDoubleFunction;

/**
 * The archive cache's meters ({@code vigie.cache.*} on {@code /metrics}). Scrapes run on other threads, so they read
 * a published {@link Reading}, never the index itself: the verticle calls {@link #update} from its event loop.
 */
final class CacheMeters implements AutoCloseable {
  /** What the meters show, copied from the verticle's state. */
  record Reading(ArchiveStats archive, long orphansRemoved) {
  }

  private final AreaMeters meters = new AreaMeters();
  private volatile Reading reading;

  CacheMeters(Reading initial) {
    reading = initial;
    gauge("vigie.cache.entries", "archives in the cache", r -> r.archive().entries());
    gauge("vigie.cache.bytes", "bytes of archives in the cache", r -> r.archive().bytes());
    gauge("vigie.cache.max.bytes", "cache.maxBytes", r -> r.archive().maxBytes());
    gauge("vigie.cache.used.percent", "cache size against its limit", r -> r.archive().usedPercent());
    gauge("vigie.cache.hit.ratio", "archive lookups answered from the cache, 0..1", r -> r.archive().hitRate());
    count("vigie.cache.hits", "archive lookups that found the archive", r -> r.archive().hits());
    count("vigie.cache.misses", "archive lookups that did not", r -> r.archive().misses());
    count("vigie.cache.evictions", "archives evicted (LRU or trim)", r -> r.archive().evictions());
    count("vigie.cache.corrupted.removed", "archive files removed for a bad SHA-256 or a broken ZIP",
        r -> r.archive().corruptedRemoved());
    count("vigie.cache.orphans.removed", "stray files removed from the archives directory", Reading::orphansRemoved);
  }

  void update(Reading next) {
    reading = next;
  }

  /** Removes the meters, so a redeployed verticle registers fresh ones. */
  @Override
  public void close() {
    meters.close();
  }

  private void gauge(String name, String description, ToDoubleFunction<Reading> value) {
    meters.gauge(name, description, this, m -> value.applyAsDouble(m.reading));
  }

  private void count(String name, String description, ToDoubleFunction<Reading> value) {
    meters.countOf(name, description, this, m -> value.applyAsDouble(m.reading));
  }
}
