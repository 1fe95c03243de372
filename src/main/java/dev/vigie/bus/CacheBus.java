package dev.vigie.bus;

/** Cache addresses: the archive cache (keys as in {@link DownloadBus}) and the upstream JSON (SWR) cache. */
public final class CacheBus {
  private CacheBus() {
  }

  /** Request-reply: {@code {key}}; replies {@code {key, hit, path?, bytes?, sha256?}} from the in-memory index. */
  public static final String LOOKUP = "vigie.cache.lookup";
  /**
   * Request-reply: {@code {key, file, sha256, bytes}} where {@code file} is a verified temporary file; the cache
   * moves it to {@code <dataDir>/archives/<key>} and indexes it; replies {@code {key, path}}.
   */
  public static final String PUT = "vigie.cache.put";
  /** Request-reply: empty; replies the archive and upstream cache statistics (see docs/cache.md). */
  public static final String STATS = "vigie.cache.stats";
  /** Request-reply: {@code {targetBytes?}}; evicts least recently used archives down to the target. */
  public static final String TRIM = "vigie.cache.trim";
  /** Request-reply: empty; re-fetches cached archives' {@code .CHECKSUM}. Replaced by {@link DownloadBus#REVALIDATE}. */
  public static final String REVALIDATE = "vigie.cache.revalidate";
  /**
   * Request-reply: {@code {after?, limit?}}; replies {@code {archives: [{key, sha256, bytes}], next?}}: what the cache
   * holds, in key order, a page at a time ({@code next} is the {@code after} of the following page).
   */
  public static final String HELD = "vigie.cache.held";
  /** Request-reply: empty; empties the upstream (SWR) cache, leaves archives alone. */
  public static final String CLEAR = "vigie.cache.clear";
  /**
   * Request-reply: {@code {name}}; answers an upstream JSON source through the SWR cache:
   * {@code {name, body, source: network|cache|stale_cache_fallback, ageMs, state: fresh|stale|expired|absent}}.
   */
  public static final String UPSTREAM = "vigie.cache.upstream";
  /** Request-reply: empty; re-hashes every cached archive now and removes corrupted and orphaned files. */
  public static final String SWEEP = "vigie.cache.sweep";
  /**
   * Publish: {@code {key, change: added|evicted|corrupted|replaced|removed, bytes}} whenever the archive index
   * changes ({@code removed}: the file vanished from disk).
   */
  public static final String CHANGED = "vigie.cache.changed";
}
