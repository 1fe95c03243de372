package dev.vigie.cache;

/**
 * One cached archive: its key (the Binance Vision relative path, also its path under {@code <dataDir>/archives/}),
 * size, SHA-256 (lower-case hex), file modification time and last access (epoch milliseconds).
 */
public record ArchiveEntry(String key, long bytes, String sha256, long modifiedMs, long lastAccessMs) {

  ArchiveEntry withLastAccess(long ms) {
    return new ArchiveEntry(key, bytes, sha256, modifiedMs, ms);
  }
}
