package dev.vigie.stress;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code stress} section of the configuration, validated, plus the probe endpoints ({@code probe.endpoints[].url})
 * that the allowlist admits besides loopback.
 */
public record StressSettings(String defaultTarget, long maxRequests, long maxDurationMs, long maxRate,
    int maxConcurrency, long requestTimeoutMs, long saturationLagMs, int historySize, PassCriteria pass,
    List<String> probeEndpoints, String dataDir) {

  /** Reads the whole configuration; throws IllegalArgumentException naming the bad key. */
  public static StressSettings from(JsonObject config) {
    JsonObject s = config.getJsonObject("stress");
    StressSettings settings = new StressSettings(
        s.getString("defaultTarget", ""),
        positive(s, "maxRequests"),
        positive(s, "maxDurationMs"),
        positive(s, "maxRate"),
        (int) positive(s, "maxConcurrency"),
        positive(s, "requestTimeoutMs"),
        positive(s, "saturationLagMs"),
        (int) positive(s, "historySize"),
        PassCriteria.from(s.getJsonObject("pass"), "stress.pass"),
        probeEndpoints(config),
        config.getString("dataDir"));
    if (settings.maxConcurrency > 10_000) {
      throw new IllegalArgumentException("stress.maxConcurrency must be at most 10000");
    }
    return settings;
  }

  private static long positive(JsonObject s, String key) {
    Object v = s.getValue(key);
    if (!(v instanceof Number n) || n.longValue() <= 0) {
      throw new IllegalArgumentException("stress." + key + " must be a positive whole number, not " + v);
    }
    return n.longValue();
  }

  /** Probe endpoints, when the probe area is configured; none otherwise. */
  private static List<String> probeEndpoints(JsonObject config) {
    JsonObject probe = config.getJsonObject("probe");
    JsonArray endpoints = probe == null ? null : probe.getJsonArray("endpoints");
    List<String> urls = new ArrayList<>();
    if (endpoints == null) {
      return urls;
    }
    for (int i = 0; i < endpoints.size(); i++) {
      Object e = endpoints.getValue(i);
      if (e instanceof JsonObject o && o.getValue("url") instanceof String url && !url.isBlank()) {
        urls.add(url);
      }
    }
    return List.copyOf(urls);
  }
}
