package dev.vigie.download;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code download} section of the configuration, plus the source URL and data directory it works with. */
public record DownloadSettings(
    String baseUrl,
    Path dataDir,
    int maxConcurrent,
    int maxQueued,
    int maxRangeArchives,
    long retryBaseMs,
    long retryMaxMs,
    int retryAttempts,
    long retryAfterMaxMs,
    int breakerMaxFailures,
    long breakerResetMs,
    long breakerWindowMs,
    int connectTimeoutMs,
    long idleTimeoutMs,
    long progressIntervalMs,
    long sectionIntervalMs,
    int recentSize,
    int pageSize,
    int maxPageSize,
    int maxRedirects,
    List<String> redirectHosts,
    Revalidate revalidate) {

  /**
   * {@code download.revalidate}: how often the cached archives' checksums are checked again ({@code intervalMs}, 0 =
   * only on demand), how many {@code .CHECKSUM} requests at once, and how long one may stay silent.
   */
  public record Revalidate(long intervalMs, int concurrency, long timeoutMs) {
  }

  /** Reads and checks the settings; throws IllegalArgumentException naming the bad key. */
  public static DownloadSettings from(JsonObject config) {
    JsonObject d = config.getJsonObject("download");
    String baseUrl = config.getJsonObject("source").getString("baseUrl");
    URI uri;
    try {
      uri = URI.create(baseUrl);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("source.baseUrl is not a URL: " + baseUrl);
    }
    if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new IllegalArgumentException("source.baseUrl must be an http or https URL with a host, not " + baseUrl);
    }
    long retryBaseMs = positive(d, "retryBaseMs");
    long retryMaxMs = positive(d, "retryMaxMs");
    if (retryMaxMs < retryBaseMs) {
      throw new IllegalArgumentException("download.retryMaxMs must be at least download.retryBaseMs");
    }
    JsonObject r = d.getJsonObject("revalidate");
    long revalidateInterval = r.getLong("intervalMs");
    if (revalidateInterval < 0) {
      throw new IllegalArgumentException("download.revalidate.intervalMs must be 0 (off) or positive");
    }
    long progress = positive(d, "progressIntervalMs");
    if (progress < 250) {
      throw new IllegalArgumentException("download.progressIntervalMs must be at least 250 (4 events a second)");
    }
    int maxPageSize = (int) between(d, "maxPageSize", 1, 10_000);
    List<String> redirectHosts = new ArrayList<>();
    for (Object host : d.getJsonArray("redirectHosts")) {
      if (!(host instanceof String name) || name.isBlank() || name.contains("/")) {
        throw new IllegalArgumentException("download.redirectHosts must list host names or host:port pairs, not " + host);
      }
      redirectHosts.add(name.trim());
    }
    return new DownloadSettings(
        baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl,
        Path.of(config.getString("dataDir")),
        (int) between(d, "maxConcurrent", 1, 64),
        (int) between(d, "maxQueued", 1, 1_000_000),
        (int) between(d, "maxRangeArchives", 1, 100_000),
        retryBaseMs,
        retryMaxMs,
        (int) between(d, "retryAttempts", 1, 100),
        positive(d, "retryAfterMaxMs"),
        (int) between(d, "breakerMaxFailures", 1, 10_000),
        positive(d, "breakerResetMs"),
        between(d, "breakerWindowMs", 1000, 3_600_000),
        (int) between(d, "connectTimeoutMs", 1, 600_000),
        positive(d, "idleTimeoutMs"),
        progress,
        positive(d, "sectionIntervalMs"),
        (int) between(d, "recentSize", 1, 10_000),
        (int) between(d, "pageSize", 1, maxPageSize),
        maxPageSize,
        (int) between(d, "maxRedirects", 0, 10),
        List.copyOf(redirectHosts),
        new Revalidate(revalidateInterval, (int) between(r, "revalidate.", "concurrency", 1, Integer.MAX_VALUE),
            between(r, "revalidate.", "timeoutMs", 1, Long.MAX_VALUE)));
  }

  /** Where transfers in progress live: {@code <dataDir>/tmp}. */
  public Path tmpDir() {
    return dataDir.resolve("tmp");
  }

  /** The host the circuit breaker of the source is named for. */
  public String host() {
    URI uri = URI.create(baseUrl);
    return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }

  /** Seconds the breaker stays open, as refusals tell the user (at least 1). */
  public long breakerResetSeconds() {
    return Math.max(1, breakerResetMs / 1000);
  }

  private static long positive(JsonObject d, String key) {
    return between(d, key, 1, Long.MAX_VALUE);
  }

  private static long between(JsonObject d, String key, long min, long max) {
    return between(d, "", key, min, max);
  }

  private static long between(JsonObject section, String prefix, String key, long min, long max) {
    long value = section.getLong(key);
    if (value < min || value > max) {
      throw new IllegalArgumentException("download." + prefix + key + " must be between " + min + " and " + max
          + ", not " + value);
    }
    return value;
  }
}
