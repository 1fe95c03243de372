package dev.vigie.cache;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@code cache} section of the configuration (plus {@code dataDir} and {@code source.baseUrl}), validated. */
public record CacheSettings(Path dataDir, String baseUrl, long maxBytes, long maxEntries, int trimTargetPercent,
    boolean verifyOnPut, boolean sweepAtStart, long sweepIntervalMs, long indexSaveIntervalMs, long sectionIntervalMs,
    long revalidateIntervalMs, int revalidateConcurrency, long revalidateTimeoutMs, UpstreamCache.Windows windows,
    long upstreamTimeoutMs, List<UpstreamSource> sources) {

  public static CacheSettings from(JsonObject config) {
    JsonObject cache = config.getJsonObject("cache");
    JsonObject revalidate = cache.getJsonObject("revalidate");
    JsonObject upstream = cache.getJsonObject("upstream");
    String baseUrl = config.getJsonObject("source").getString("baseUrl");
    httpUrl("source.baseUrl", baseUrl);
    long fresh = positive(upstream, "freshMs", "cache.upstream.freshMs");
    long stale = positive(upstream, "staleMs", "cache.upstream.staleMs");
    long expire = positive(upstream, "expireMs", "cache.upstream.expireMs");
    if (!(fresh <= stale && stale <= expire)) {
      throw new IllegalArgumentException("cache.upstream: freshMs <= staleMs <= expireMs must hold");
    }
    int trim = (int) positive(cache, "trimTargetPercent", "cache.trimTargetPercent");
    if (trim > 100) {
      throw new IllegalArgumentException("cache.trimTargetPercent must be between 1 and 100");
    }
    long revalidateInterval = revalidate.getLong("intervalMs");
    if (revalidateInterval < 0) {
      throw new IllegalArgumentException("cache.revalidate.intervalMs must be 0 (off) or positive");
    }
    long sweepInterval = cache.getLong("sweepIntervalMs");
    if (sweepInterval < 0) {
      throw new IllegalArgumentException("cache.sweepIntervalMs must be 0 (off) or positive");
    }
    return new CacheSettings(Path.of(config.getString("dataDir")), stripSlash(baseUrl),
        positive(cache, "maxBytes", "cache.maxBytes"), positive(cache, "maxEntries", "cache.maxEntries"), trim,
        cache.getBoolean("verifyOnPut"), cache.getBoolean("sweepAtStart"), sweepInterval,
        positive(cache, "indexSaveIntervalMs", "cache.indexSaveIntervalMs"),
        positive(cache, "sectionIntervalMs", "cache.sectionIntervalMs"), revalidateInterval,
        (int) positive(revalidate, "concurrency", "cache.revalidate.concurrency"),
        positive(revalidate, "timeoutMs", "cache.revalidate.timeoutMs"),
        new UpstreamCache.Windows(fresh, stale, expire), positive(upstream, "timeoutMs", "cache.upstream.timeoutMs"),
        sources(upstream.getJsonArray("sources")));
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

  private static List<UpstreamSource> sources(JsonArray array) {
    List<UpstreamSource> list = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String at = "cache.upstream.sources[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject source)) {
        throw new IllegalArgumentException(at + " must be an object {name, url}");
      }
      if (!(source.getValue("name") instanceof String name) || !name.matches("[A-Za-z0-9_.-]{1,64}")) {
        throw new IllegalArgumentException(at + ".name must be 1-64 characters of [A-Za-z0-9_.-]");
      }
      if (!names.add(name)) {
        throw new IllegalArgumentException(at + ".name '" + name + "' is used twice");
      }
      if (!(source.getValue("url") instanceof String url)) {
        throw new IllegalArgumentException(at + ".url must be a string");
      }
      httpUrl(at + ".url", url);
      for (String key : source.fieldNames()) {
        if (!key.equals("name") && !key.equals("url")) {
          throw new IllegalArgumentException(at + ": unknown key '" + key + "'");
        }
      }
      list.add(new UpstreamSource(name, url));
    }
    return List.copyOf(list);
  }

  private static void httpUrl(String key, String url) {
    try {
      URI uri = URI.create(url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new IllegalArgumentException(key + " must be an http or https URL, not '" + url + "'");
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + " must be an http or https URL, not '" + url + "'");
    }
  }

  private static long positive(JsonObject json, String field, String key) {
    long value = json.getLong(field);
    if (value <= 0) {
      throw new IllegalArgumentException(key + " must be positive, not " + value);
    }
    return value;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
