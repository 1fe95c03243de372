package dev.vigie.bus;

/** Archive cache addresses (keys as in {@link DownloadBus}); the upstream JSON (SWR) cache is {@link UpstreamBus}. */
public final class CacheBus {
  private CacheBus() {
  }

  /**
   * Request-reply, answered by this node's cache (every cache address is local to its node: a node's archives are on
   * its own disk): {@code {key}}; replies {@code {key, hit, path?, bytes?, sha256?, node?}} from the in-memory index.
   * {@code hit} and {@code path}: this node holds it. With {@code --cluster}, {@code node} says which member holds it:
   * this one on a hit, else another member found in the cluster's index of held archives (then {@code hit} is false,
   * with that member's {@code bytes} and {@code sha256}, and no path).
   */
  public static final String LOOKUP = "vigie.cache.lookup";
  /**
   * Request-reply: {@code {key, file, sha256, bytes}} where {@code file} is a verified temporary file; the cache
   * moves it to {@code <dataDir>/archives/<key>} and indexes it; replies {@code {key, path}}.
   */
  public static final String PUT = "vigie.cache.put";
  /** Request-reply: empty; replies the archive cache statistics {@code {newestArchiveAt, archive}} (docs/cache.md). */
  public static final String STATS = "vigie.cache.stats";
  /**
   * Request-reply: {@code {targetBytes?, all?, dryRun?}}; evicts least recently used archives down to the target
   * (default {@code cache.trimTargetPercent} of {@code cache.maxBytes}; emptying needs {@code all: true}, a target of 0
   * without it fails 400). Replies {@code {targetBytes, dryRun, evicted, freedBytes, removed: [{key, bytes}] (the first
   * 100), removedListed, entries, bytes}}; a dry run evicts nothing and answers what a trim would do.
   */
  public static final String TRIM = "vigie.cache.trim";
  /**
   * Request-reply: {@code {after?, limit?}}; replies {@code {archives: [{key, sha256, bytes}], next?}}: what the cache
   * holds, in key order, a page at a time ({@code next} is the {@code after} of the following page; {@code limit}
   * 1..1000, default 500). Fails 400 {@code BAD_PARAMETER} naming the field.
   */
  public static final String HELD = "vigie.cache.held";
  /**
   * Request-reply: {@code {dryRun?}}; re-hashes every cached archive now and removes corrupted and orphaned files;
   * replies the sweep's summary with {@code removed: [{key, why}]}. A dry run removes nothing and lists what would go.
   */
  public static final String SWEEP = "vigie.cache.sweep";
  /**
   * Publish: {@code {key, change: added|evicted|corrupted|replaced|removed, bytes}} whenever the archive index
   * changes ({@code removed}: the file vanished from disk).
   */
  public static final String CHANGED = "vigie.cache.changed";
}
