package dev.vigie.probe;

import dev.vigie.bus.RedirectPolicy;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@code probe} section of the configuration, validated. */
record ProbeSettings(List<Endpoint> endpoints, List<FreshnessSource> freshness, int maxConcurrent, long windowMs,
                     int historySize, int chartPoints, long publishIntervalMs, RedirectPolicy redirects,
                     List<Monitor> configured, int maxMonitors, long monitorsRetryMs, int worstShown,
                     long startRatePerSecond, long startRampMs, long lateMs, int raiseAfter, int clearAfter) {
  /** worstShown × chartPoints bounds the charts in the endpoints section: a push stays under 64 KB. */
  static final long MAX_CHARTED_POINTS = 2400;


  static ProbeSettings from(JsonObject config) {
    JsonObject probe = config.getJsonObject("probe");
    ConfigReader r = new ConfigReader(probe, "probe");
    List<Endpoint> endpoints = new ArrayList<>();
    List<Monitor> configured = new ArrayList<>();
    Set<String> names = new HashSet<>();
    JsonArray list = probe.getJsonArray("endpoints");
    for (int i = 0; i < list.size(); i++) {
      String key = "probe.endpoints[" + i + "]";
      if (!(list.getValue(i) instanceof JsonObject json)) {
        throw new IllegalArgumentException(key + " must be an object");
      }
      Endpoint e = Endpoint.fromJson(json, key);
      if (!names.add(e.name())) {
        throw new IllegalArgumentException(key + ".name '" + e.name() + "' is used twice");
      }
      endpoints.add(e);
      configured.add(Monitor.configured(e, json.copy()));
    }
    List<FreshnessSource> sources = new ArrayList<>();
    names.clear();
    JsonArray fresh = probe.getJsonArray("freshness");
    for (int i = 0; i < fresh.size(); i++) {
      String key = "probe.freshness[" + i + "]";
      if (!(fresh.getValue(i) instanceof JsonObject json)) {
        throw new IllegalArgumentException(key + " must be an object");
      }
      FreshnessSource s = FreshnessSource.fromJson(json, key);
      if (!names.add(s.name())) {
        throw new IllegalArgumentException(key + ".name '" + s.name() + "' is used twice");
      }
      sources.add(s);
      configured.add(Monitor.configured(s, json.copy()));
    }
    long history = r.positive("historySize", 300);
    long chart = r.positive("chartPoints", 120);
    if (chart > history) {
      throw new IllegalArgumentException("probe.chartPoints must not exceed probe.historySize");
    }
    long maxMonitors = r.positive("maxMonitors", 10_000);
    if (maxMonitors > 1_000_000) {
      throw new IllegalArgumentException("probe.maxMonitors must be at most 1000000");
    }
    long worst = r.positive("worstShown", 10);
    if (worst * chart > MAX_CHARTED_POINTS) {
      throw new IllegalArgumentException("probe.worstShown × probe.chartPoints must be at most " + MAX_CHARTED_POINTS
          + " (the endpoints section charts the worst endpoints, and a push stays under 64 KB)");
    }
    long raiseAfter = r.positive("raiseAfter", 3);
    long clearAfter = r.positive("clearAfter", 2);
    if (raiseAfter > 1000 || clearAfter > 1000) {
      throw new IllegalArgumentException("probe.raiseAfter and probe.clearAfter must be at most 1000");
    }
    return new ProbeSettings(List.copyOf(endpoints), List.copyOf(sources), (int) r.positive("maxConcurrent", 64),
        r.positive("windowMs", 300_000), (int) history, (int) chart, r.positive("publishIntervalMs", 1000),
        RedirectPolicy.from(probe, "probe"), List.copyOf(configured), (int) maxMonitors,
        r.positive("monitorsRetryMs", 1000), (int) worst, r.positive("startRatePerSecond", 1000),
        r.positive("startRampMs", 10_000),
        r.positive("lateMs", 1000), (int) raiseAfter, (int) clearAfter);
  }
}
