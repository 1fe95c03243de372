package dev.vigie.quality;

import io.vertx.core.json.JsonObject;

/**
 * The {@code quality} configuration section.
 *
 * @param maxConcurrent scans at once (0 in the configuration: one per core); the rest wait in a queue
 * @param scanAfterDownload scan every archive once its download completes
 * @param recentReports finished reports kept in memory for the API and the section
 */
public record QualitySettings(int maxConcurrent, boolean scanAfterDownload, int recentReports, ScanLimits limits) {

  public static QualitySettings from(JsonObject config) {
    JsonObject q = config.getJsonObject("quality");
    int max = q.getInteger("maxConcurrent");
    if (max < 0 || max > 64) {
      throw new IllegalArgumentException("quality.maxConcurrent must be 0 (one per core) to 64");
    }
    int recent = q.getInteger("recentReports");
    if (recent < 1 || recent > 10_000) {
      throw new IllegalArgumentException("quality.recentReports must be 1 to 10000");
    }
    long maxBytes = q.getLong("maxUncompressedBytes");
    if (maxBytes < 1) {
      throw new IllegalArgumentException("quality.maxUncompressedBytes must be positive");
    }
    long ratio = q.getLong("maxCompressionRatio");
    if (ratio < 1) {
      throw new IllegalArgumentException("quality.maxCompressionRatio must be at least 1");
    }
    int line = q.getInteger("maxLineBytes");
    if (line < 64 || line > 1 << 20) {
      throw new IllegalArgumentException("quality.maxLineBytes must be 64 to 1048576");
    }
    int buffer = q.getInteger("bufferBytes");
    if (buffer < 2 * line || buffer > 1 << 26) {
      throw new IllegalArgumentException("quality.bufferBytes must be at least twice quality.maxLineBytes and at most 64 MiB");
    }
    int concurrent = max == 0 ? Runtime.getRuntime().availableProcessors() : max;
    return new QualitySettings(concurrent, q.getBoolean("scanAfterDownload"), recent,
        new ScanLimits(maxBytes, ratio, line, buffer, q.getBoolean("inflateThread")));
  }
}
