package dev.vigie.cache;

/**
 * An immutable reading of the archive index's statistics, Caffeine style: counters since start, plus the size
 * against the limits at the time of reading.
 */
public record ArchiveStats(long entries, long bytes, long maxBytes, long maxEntries, long hits, long misses,
    long evictions, long corruptedRemoved) {

  public long lookups() {
    return hits + misses;
  }

  /** Hits over lookups, 0..1; NaN before the first lookup (no data is not a bad hit rate). */
  public double hitRate() {
    long lookups = lookups();
    return lookups == 0 ? Double.NaN : (double) hits / lookups;
  }

  /** The larger of bytes against {@code maxBytes} and entries against {@code maxEntries}, in percent. */
  public double usedPercent() {
    double byBytes = maxBytes == 0 ? 0 : 100.0 * bytes / maxBytes;
    double byEntries = maxEntries == 0 ? 0 : 100.0 * entries / maxEntries;
    return Math.max(byBytes, byEntries);
  }
}
