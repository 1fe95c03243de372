package dev.vigie.upstream;

import dev.vigie.meters.AreaMeters;
import java.util.function.ToDoubleFunction;

/**
 * The upstream area's meters ({@code vigie.upstream.*} on {@code /metrics}). Scrapes run on other threads, so they
 * read a published {@link Reading}, never the SWR policy itself: the verticle calls {@link #update} from its loop.
 */
final class UpstreamMeters implements AutoCloseable {
  /** What the meters show, copied from the policy's counters. */
  record Reading(int entries, long requests, long hits, long networkRequests, long networkFailures, long fallbacks) {
    static Reading of(UpstreamCache cache) {
      return new Reading(cache.entries(), cache.requests(), cache.hits(), cache.networkRequests(),
          cache.networkFailures(), cache.fallbacks());
    }
  }

  private final AreaMeters meters = new AreaMeters();
  private volatile Reading reading;

  UpstreamMeters(Reading initial) {
    reading = initial;
    meters.gauge("vigie.upstream.entries", "upstream answers in the SWR cache", this, read(Reading::entries));
    meters.countOf("vigie.upstream.requests", "asks for upstream sources", this, read(Reading::requests));
    meters.countOf("vigie.upstream.hits", "asks answered from the SWR cache", this, read(Reading::hits));
    meters.countOf("vigie.upstream.network.requests", "requests sent to upstream sources", this,
        read(Reading::networkRequests));
    meters.countOf("vigie.upstream.network.failures", "upstream requests that failed", this,
        read(Reading::networkFailures));
    meters.countOf("vigie.upstream.fallbacks", "answers served as stale_cache_fallback", this,
        read(Reading::fallbacks));
  }

  void update(Reading next) {
    reading = next;
  }

  @Override
  public void close() {
    meters.close();
  }

  private static ToDoubleFunction<UpstreamMeters> read(ToDoubleFunction<Reading> value) {
    return m -> value.applyAsDouble(m.reading);
  }
}
