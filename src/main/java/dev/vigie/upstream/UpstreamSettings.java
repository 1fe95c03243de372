package dev.vigie.upstream;

import dev.vigie.bus.RedirectPolicy;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The upstream area's configuration, validated. It still lives under {@code cache.upstream} (where existing
 * configuration files put it) and shares {@code cache.sectionIntervalMs} with the archive cache.
 */
public record UpstreamSettings(UpstreamCache.Windows windows, long timeoutMs, List<UpstreamSource> sources,
    long sectionIntervalMs, RedirectPolicy redirects) {

  public static UpstreamSettings from(JsonObject config) {
    JsonObject cache = config.getJsonObject("cache");
    JsonObject upstream = cache.getJsonObject("upstream");
    long fresh = positive(upstream, "freshMs", "cache.upstream.freshMs");
    long stale = positive(upstream, "staleMs", "cache.upstream.staleMs");
    long expire = positive(upstream, "expireMs", "cache.upstream.expireMs");
    if (!(fresh <= stale && stale <= expire)) {
      throw new IllegalArgumentException("cache.upstream: freshMs <= staleMs <= expireMs must hold");
    }
    return new UpstreamSettings(new UpstreamCache.Windows(fresh, stale, expire),
        positive(upstream, "timeoutMs", "cache.upstream.timeoutMs"), sources(upstream.getJsonArray("sources")),
        positive(cache, "sectionIntervalMs", "cache.sectionIntervalMs"), RedirectPolicy.from(upstream, "cache.upstream"));
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
}
