package dev.vigie.bus;

import dev.vigie.bus.Status;
import io.vertx.core.json.JsonObject;

/**
 * One metric's bounds: {@code {warning, critical, better: "lower"|"higher"}}. With {@code better: "lower"}
 * (latency, error rate) a value under {@code warning} is good, up to {@code critical} a warning, above it critical.
 * With {@code "higher"} (hit rate, speed, quality) the scale is mirrored: at or above {@code warning} is good
 * (a quality score of exactly 95 % is good). Equal bounds mean there is no warning band.
 */
public record Threshold(double warning, double critical, boolean higherIsBetter) {

  public static Threshold fromJson(String name, JsonObject json) {
    Object w = json.getValue("warning");
    Object c = json.getValue("critical");
    if (!(w instanceof Number) || !(c instanceof Number)) {
      throw new IllegalArgumentException("thresholds." + name + " needs numeric 'warning' and 'critical'");
    }
    String better = json.getString("better", "lower");
    if (!better.equals("lower") && !better.equals("higher")) {
      throw new IllegalArgumentException("thresholds." + name + ".better must be 'lower' or 'higher'");
    }
    Threshold t = new Threshold(((Number) w).doubleValue(), ((Number) c).doubleValue(), better.equals("higher"));
    if (t.higherIsBetter ? t.warning < t.critical : t.warning > t.critical) {
      throw new IllegalArgumentException("thresholds." + name + ": 'warning' must come before 'critical'");
    }
    return t;
  }

  public Status evaluate(double value) {
    if (Double.isNaN(value)) {
      return Status.NEUTRAL;
    }
    if (higherIsBetter) {
      if (warning == critical) {
        return value >= warning ? Status.GOOD : Status.CRITICAL;
      }
      return value >= warning ? Status.GOOD : value >= critical ? Status.WARNING : Status.CRITICAL;
    }
    if (warning == critical) {
      return value <= warning ? Status.GOOD : Status.CRITICAL;
    }
    return value < warning ? Status.GOOD : value <= critical ? Status.WARNING : Status.CRITICAL;
  }
}
