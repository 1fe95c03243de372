package dev.vigie.stress;

import dev.vigie.bus.Refusal;
import dev.vigie.bus.RequestField;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code stress} section of the configuration, validated, plus the probe endpoints ({@code probe.endpoints[].url})
 * that the allowlist admits besides {@code stress.defaultTarget} and {@code stress.allowedTargets}.
 *
 * @param maxConcurrentRuns runs under way at once, whatever their targets
 * @param allowedTargets {@code host:port} (or {@code host:*}) pairs a run may target on any path
 * @param generatorTimeoutMs how long the coordinator of a distributed run waits for a generator's next report before
 *     it counts that generator's share as lost
 */
public record StressSettings(String defaultTarget, long maxRequests, long maxDurationMs, long maxRate,
    int maxConcurrency, long requestTimeoutMs, long saturationLagMs, int historySize, PassCriteria pass,
    List<String> probeEndpoints, String dataDir, int maxConcurrentRuns, List<String> allowedTargets,
    long generatorTimeoutMs) {

  /** Reads the whole configuration; throws IllegalArgumentException naming the bad key. */
  public static StressSettings from(JsonObject config) {
    JsonObject s = config.getJsonObject("stress");
    StressSettings settings = new StressSettings(
        s.getString("defaultTarget", ""),
        positive(s, "maxRequests", Long.MAX_VALUE),
        positive(s, "maxDurationMs", Long.MAX_VALUE),
        positive(s, "maxRate", Long.MAX_VALUE),
        (int) positive(s, "maxConcurrency", 10_000),
        positive(s, "requestTimeoutMs", Long.MAX_VALUE),
        positive(s, "saturationLagMs", Long.MAX_VALUE),
        (int) positive(s, "historySize", Integer.MAX_VALUE),
        PassCriteria.from(s.getJsonObject("pass"), "stress.pass"),
        probeEndpoints(config),
        config.getString("dataDir"),
        (int) positive(s, "maxConcurrentRuns", 1000),
        strings(s.getJsonArray("allowedTargets"), "stress.allowedTargets"),
        positive(s, "generatorTimeoutMs", 600_000));
    return settings;
  }

  private static long positive(JsonObject s, String key, long max) {
    try {
      return RequestField.whole(s.getValue(key), key, 1, max);
    } catch (Refusal e) {
      throw new IllegalArgumentException("stress." + e.getMessage());
    }
  }

  private static List<String> strings(JsonArray array, String key) {
    List<String> list = new ArrayList<>();
    for (int i = 0; array != null && i < array.size(); i++) {
      if (!(array.getValue(i) instanceof String text)) {
        throw new IllegalArgumentException(key + "[" + i + "] must be a string host:port");
      }
      list.add(text);
    }
    return List.copyOf(list);
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
