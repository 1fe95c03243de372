package dev.vigie.store;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * The {@code store} configuration section (see docs/store.md).
 *
 * @param url empty for the embedded H2 file under the data directory, or {@code postgresql://user:pass@host:port/db}
 * @param bufferRows rows held in memory while the database is slow or down; past it the oldest are dropped
 * @param batchRows rows written in one batch; a full batch is flushed at once, the rest every {@code flushIntervalMs}
 */
record StoreSettings(String url, Path dataDir, int poolSize, int bufferRows, int batchRows, long flushIntervalMs,
                     long retryMs, int rawDays, int minuteDays, int hourDays, int eventDays, long maxBytes,
                     long rollupIntervalMs, long rollupDelayMs, long retentionIntervalMs, int maxPoints,
                     long sectionIntervalMs) {

  static final long DAY_MS = 86_400_000L;

  /** Reads {@code store} from the whole configuration; throws IllegalArgumentException naming the bad key. */
  static StoreSettings from(JsonObject config) {
    JsonObject s = config.getJsonObject("store");
    String url = s.getString("url").trim();
    if (!url.isEmpty() && !url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
      throw new IllegalArgumentException("store.url must be empty (embedded H2) or a postgresql:// URL");
    }
    StoreSettings settings = new StoreSettings(url, Path.of(config.getString("dataDir")),
        atLeast(s, "poolSize", 1), atLeast(s, "bufferRows", 1), atLeast(s, "batchRows", 1),
        atLeast(s, "flushIntervalMs", 10), atLeast(s, "retryMs", 100),
        atLeast(s, "rawDays", 1), atLeast(s, "minuteDays", 1), atLeast(s, "hourDays", 1), atLeast(s, "eventDays", 1),
        s.getLong("maxBytes"), atLeast(s, "rollupIntervalMs", 1000), s.getLong("rollupDelayMs"),
        atLeast(s, "retentionIntervalMs", 1000), atLeast(s, "maxPoints", 1), atLeast(s, "sectionIntervalMs", 100));
    if (settings.maxBytes < 1 << 20) {
      throw new IllegalArgumentException("store.maxBytes must be at least 1048576 (1 MiB)");
    }
    if (settings.rollupDelayMs < 0) {
      throw new IllegalArgumentException("store.rollupDelayMs must be 0 or more");
    }
    return settings;
  }

  private static int atLeast(JsonObject s, String key, int min) {
    long value = s.getLong(key);
    if (value < min || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("store." + key + " must be at least " + min);
    }
    return (int) value;
  }

  boolean embedded() {
    return url.isEmpty();
  }

  /** The H2 database file's base path: {@code <dataDir>/store/vigie} (H2 adds {@code .mv.db}). */
  Path h2Base() {
    return dataDir.resolve("store").resolve("vigie").toAbsolutePath();
  }
}
