package dev.vigie.bus;

/** Upstream addresses: the stale-while-revalidate cache in front of upstream JSON sources (see docs/upstream.md). */
public final class UpstreamBus {
  private UpstreamBus() {
  }

  /**
   * Request-reply: {@code {name}}; answers an upstream JSON source through the SWR cache:
   * {@code {name, body, source: network|cache|stale_cache_fallback, ageMs, state: fresh|stale|expired|absent}}.
   * Fails 404 {@code UNKNOWN_SOURCE}, 502 {@code UPSTREAM_FAILED} when nothing usable is cached.
   */
  public static final String GET = "vigie.upstream.get";
  /** Request-reply: empty; empties the SWR cache (counters stay); replies {@code {cleared}}, the entries dropped. */
  public static final String CLEAR = "vigie.upstream.clear";
  /**
   * Request-reply: empty; replies {@code {entries, requests, hits, misses, hitRate, networkRequests, networkFailures,
   * fallbacks, lastSource, lastAgeMs, freshMs, staleMs, expireMs, sources: [{name, state, ageMs, revalidating,
   * lastError}]}}.
   */
  public static final String STATS = "vigie.upstream.stats";
}
