package dev.vigie.quality;

import dev.vigie.bus.Refusal;
import dev.vigie.bus.RequestField;
import io.vertx.core.json.JsonObject;

/**
 * The {@code quality} configuration section.
 *
 * @param maxConcurrent scans at once (0 in the configuration: one per core); the rest wait in a queue
 * @param maxQueued scans waiting at most; past it a request is refused (429 {@code QUEUE_FULL})
 * @param scanAfterDownload scan every archive once its download completes
 * @param recentReports finished reports kept in memory for the API and the section
 */
public record QualitySettings(int maxConcurrent, int maxQueued, boolean scanAfterDownload, int recentReports,
    ScanLimits limits) {

  public static QualitySettings from(JsonObject config) {
    JsonObject q = config.getJsonObject("quality");
    int max = (int) whole(q, "maxConcurrent", 0, 64, " (0: one per core)");
    int maxQueued = (int) whole(q, "maxQueued", 1, 100_000, "");
    int recent = (int) whole(q, "recentReports", 1, 10_000, "");
    long maxBytes = whole(q, "maxUncompressedBytes", 1, Long.MAX_VALUE, "");
    long ratio = whole(q, "maxCompressionRatio", 1, Long.MAX_VALUE, "");
    int line = (int) whole(q, "maxLineBytes", 64, 1 << 20, "");
    int buffer = (int) whole(q, "bufferBytes", 2L * line, 1 << 26, " (at least twice quality.maxLineBytes, at most 64 MiB)");
    int concurrent = max == 0 ? Runtime.getRuntime().availableProcessors() : max;
    return new QualitySettings(concurrent, maxQueued, q.getBoolean("scanAfterDownload"), recent,
        new ScanLimits(maxBytes, ratio, line, buffer, q.getBoolean("inflateThread")));
  }

  private static long whole(JsonObject q, String key, long min, long max, String hint) {
    try {
      return RequestField.whole(q.getValue(key), key, min, max);
    } catch (Refusal e) {
      throw new IllegalArgumentException("quality." + e.getMessage() + hint);
    }
  }
}
