package dev.vigie.bus;

import dev.vigie.bus.Status;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * The configured thresholds ({@code thresholds.*} in the configuration), by metric name. Every area evaluates
 * its metrics through this one engine, so a threshold is data in {@code conf/}, never an {@code if} in code.
 */
public final class Thresholds {
  private final Map<String, Threshold> byName;

  private Thresholds(Map<String, Threshold> byName) {
    this.byName = byName;
  }

  /** Reads {@code thresholds} (and {@code monitor.minSamples}, their default minimum sample count) from the whole configuration. */
  public static Thresholds from(JsonObject config) {
    JsonObject section = config.getJsonObject("thresholds", new JsonObject());
    long minSamples = minSamples(config);
    Map<String, Threshold> map = new HashMap<>();
    for (String name : section.fieldNames()) {
      map.put(name, Threshold.fromJson(name, section.getJsonObject(name), minSamples));
    }
    return new Thresholds(Map.copyOf(map));
  }

  public Threshold get(String name) {
    Threshold t = byName.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no threshold named '" + name + "' in the configuration");
    }
    return t;
  }

  public Status evaluate(String name, double value) {
    return get(name).evaluate(value);
  }

  /** A ratio's status from {@code samples} observations: neutral below the threshold's minimum sample count. */
  public Status evaluate(String name, double value, long samples) {
    return get(name).evaluate(value, samples);
  }

  /** {@code monitor.minSamples}: how many observations a ratio needs before it is judged or alerted on. */
  public static long minSamples(JsonObject config) {
    Object value = config.getJsonObject("monitor", new JsonObject()).getValue("minSamples", 0);
    if (!(value instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw new IllegalArgumentException("monitor.minSamples must be a whole number, at least 0");
    }
    return n.longValue();
  }
}
