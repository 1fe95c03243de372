package dev.vigie.bus;

import dev.vigie.bus.Status;
import io.vertx.core.json.JsonObject;

/**
 * One metric's bounds: {@code {warning, critical, better: "lower"|"higher", minSamples?}}. With {@code better: "lower"}
 * (latency, error rate) a value under {@code warning} is good, up to {@code critical} a warning, above it critical.
 * With {@code "higher"} (hit rate, speed, quality) the scale is mirrored: at or above {@code warning} is good
 * (a quality score of exactly 95 % is good). Equal bounds mean there is no warning band.
 *
 * <p>A ratio (hit rate, error rate) judged on a handful of observations says nothing: evaluated with its sample
 * count, it is neutral below {@code minSamples} (the threshold's own, else {@code monitor.minSamples}).
 */
public record Threshold(double warning, double critical, boolean higherIsBetter, long minSamples) {

  /** @param defaultMinSamples {@code monitor.minSamples}, for a threshold without its own */
  public static Threshold fromJson(String name, JsonObject json, long defaultMinSamples) {
    Object w = json.getValue("warning");
    Object c = json.getValue("critical");
    if (!(w instanceof Number) || !(c instanceof Number)) {
      throw new IllegalArgumentException("thresholds." + name + " needs numeric 'warning' and 'critical'");
    }
    String better = json.getString("better", "lower");
    if (!better.equals("lower") && !better.equals("higher")) {
      throw new IllegalArgumentException("thresholds." + name + ".better must be 'lower' or 'higher'");
    }
    Object min = json.getValue("minSamples", defaultMinSamples);
    if (!(min instanceof Number m) || m.doubleValue() < 0 || m.doubleValue() != Math.rint(m.doubleValue())) {
      throw new IllegalArgumentException("thresholds." + name + ".minSamples must be a whole number, at least 0");
    }
    Threshold t = new Threshold(((Number) w).doubleValue(), ((Number) c).doubleValue(), better.equals("higher"), m.longValue());
    if (t.higherIsBetter ? t.warning < t.critical : t.warning > t.critical) {
      throw new IllegalArgumentException("thresholds." + name + ": 'warning' must come before 'critical'");
    }
    return t;
  }

  /** A ratio's status: neutral while it rests on fewer than {@link #minSamples} observations. */
  public Status evaluate(double value, long samples) {
    return samples < minSamples ? Status.NEUTRAL : evaluate(value);
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
