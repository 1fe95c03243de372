package dev.vigie.cache;

import dev.vigie.bus.Refusal;
import dev.vigie.bus.RequestField;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/** The {@code cache} section of the configuration (plus {@code dataDir}), validated. */
public record CacheSettings(Path dataDir, long maxBytes, long maxEntries, int trimTargetPercent, boolean verifyOnPut,
    boolean sweepAtStart, long sweepIntervalMs, long indexSaveIntervalMs, long sectionIntervalMs) {

  public static CacheSettings from(JsonObject config) {
    JsonObject cache = config.getJsonObject("cache");
    int trim = (int) whole(cache, "trimTargetPercent", 1, 100);
    long sweepInterval = whole(cache, "sweepIntervalMs", 0, Long.MAX_VALUE);
    return new CacheSettings(Path.of(config.getString("dataDir")),
        whole(cache, "maxBytes", 1, Long.MAX_VALUE), whole(cache, "maxEntries", 1, Long.MAX_VALUE), trim,
        cache.getBoolean("verifyOnPut"), cache.getBoolean("sweepAtStart"), sweepInterval,
        whole(cache, "indexSaveIntervalMs", 1, Long.MAX_VALUE), whole(cache, "sectionIntervalMs", 1, Long.MAX_VALUE));
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
    return maxBytes / 100 * trimTargetPercent + maxBytes % 100 * trimTargetPercent / 100; // no overflow near 2^63
  }

  /** {@code cache.<field>} as a whole number in {@code [min, max]}, read on its raw value (1e30 is not Long.MAX_VALUE). */
  private static long whole(JsonObject cache, String field, long min, long max) {
    try {
      return RequestField.whole(cache.getValue(field), field, min, max);
    } catch (Refusal e) {
      throw new IllegalArgumentException("cache." + e.getMessage());
    }
  }
}
