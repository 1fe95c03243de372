package dev.vigie.stress;

import dev.vigie.bus.Refusal;
import dev.vigie.bus.RequestField;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What a run must achieve to pass: the seed's goal by default (100 % success, mean under 100 ms), plus an optional
 * p99 bound (0 = none). Latencies are the corrected ones: the honest figures.
 */
public record PassCriteria(double minSuccessPercent, double maxMeanMs, double maxP99Ms) {

  /** Reads {@code {minSuccessPercent, maxMeanMs, maxP99Ms}}; throws IllegalArgumentException naming the field. */
  public static PassCriteria from(JsonObject json, String prefix) {
    return new PassCriteria(
        number(json, "minSuccessPercent", prefix, 0, 100),
        number(json, "maxMeanMs", prefix, 0, Double.MAX_VALUE),
        number(json, "maxP99Ms", prefix, 0, Double.MAX_VALUE));
  }

  /** These criteria with any field of {@code overrides} replacing its own. */
  public PassCriteria with(JsonObject overrides, String prefix) {
    JsonObject merged = toJson().mergeIn(overrides);
    for (String key : overrides.fieldNames()) {
      if (!toJson().containsKey(key)) {
        throw new IllegalArgumentException(prefix + "." + key + " is not a criterion (minSuccessPercent, maxMeanMs, maxP99Ms)");
      }
    }
    return from(merged, prefix);
  }

  private static double number(JsonObject json, String key, String prefix, double min, double max) {
    if (json.getValue(key) == null) {
      throw new IllegalArgumentException(prefix + "." + key + " is required");
    }
    try {
      return RequestField.decimal(json, key, Double.NaN, min, max);
    } catch (Refusal e) {
      throw new IllegalArgumentException(prefix + "." + e.getMessage());
    }
  }

  /** {@code {pass, reasons: [...]}}: every criterion the run missed, in words. */
  public JsonObject verdict(long completed, double successPercent, double meanMs, double p99Ms) {
    JsonArray reasons = new JsonArray();
    if (completed == 0) {
      reasons.add("no request completed");
    }
    if (successPercent < minSuccessPercent) {
      reasons.add(String.format(java.util.Locale.ROOT, "success %.2f %% is under %.2f %%", successPercent, minSuccessPercent));
    }
    if (meanMs >= maxMeanMs) {
      reasons.add(String.format(java.util.Locale.ROOT, "mean %.1f ms is not under %.1f ms", meanMs, maxMeanMs));
    }
    if (maxP99Ms > 0 && p99Ms >= maxP99Ms) {
      reasons.add(String.format(java.util.Locale.ROOT, "p99 %.1f ms is not under %.1f ms", p99Ms, maxP99Ms));
    }
    return new JsonObject().put("pass", reasons.isEmpty()).put("reasons", reasons).put("criteria", toJson());
  }

  public JsonObject toJson() {
    return new JsonObject().put("minSuccessPercent", minSuccessPercent).put("maxMeanMs", maxMeanMs).put("maxP99Ms", maxP99Ms);
  }
}
