package dev.vigie.cache;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/** The {@code cache} section of the configuration (plus {@code dataDir}), validated. */
public record CacheSettings(Path dataDir, long maxBytes, long maxEntries, int trimTargetPercent, boolean verifyOnPut,
    boolean sweepAtStart, long sweepIntervalMs, long indexSaveIntervalMs, long sectionIntervalMs) {

  public static CacheSettings from(JsonObject config) {
    JsonObject cache = config.getJsonObject("cache");
    int trim = (int) positive(cache, "trimTargetPercent", "cache.trimTargetPercent");
    if (trim > 100) {
      throw new IllegalArgumentException("cache.trimTargetPercent must be between 1 and 100");
    }
    long sweepInterval = cache.getLong("sweepIntervalMs");
    if (sweepInterval < 0) {
      throw new IllegalArgumentException("cache.sweepIntervalMs must be 0 (off) or positive");
    }
    return new CacheSettings(Path.of(config.getString("dataDir")),
        positive(cache, "maxBytes", "cache.maxBytes"), positive(cache, "maxEntries", "cache.maxEntries"), trim,
        cache.getBoolean("verifyOnPut"), cache.getBoolean("sweepAtStart"), sweepInterval,
        positive(cache, "indexSaveIntervalMs", "cache.indexSaveIntervalMs"),
        positive(cache, "sectionIntervalMs", "cache.sectionIntervalMs"));
  }

  public Path archivesDir() {
    return dataDir.resolve("archives");
  }

  public Path indexFile() {
    return dataDir.resolve("archive-index.json");
  }

  public Path tmpDir() {
    return dataDir.resolve("tmp");
  }

  /** The default trim target: {@code cache.trimTargetPercent} of {@code cache.maxBytes}. */
  public long trimTargetBytes() {
    return maxBytes * trimTargetPercent / 100;
  }

  private static long positive(JsonObject json, String field, String key) {
    long value = json.getLong(field);
    if (value <= 0) {
      throw new IllegalArgumentException(key + " must be positive, not " + value);
    }
    return value;
  }
}
