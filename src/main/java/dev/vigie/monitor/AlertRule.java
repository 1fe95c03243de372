package dev.vigie.monitor;

import dev.vigie.bus.Thresholds;

import dev.vigie.bus.Threshold;

import dev.vigie.bus.Metric;
import dev.vigie.bus.Status;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Set;

/**
 * One alert rule ({@code alerts.rules[]}): which metric of which section ({@code "*"} for each metric of it), the
 * condition, and the action text shown with the alert. Conditions: {@code above} or {@code below} a bound,
 * {@code threshold} (the named threshold's critical bound, on its side), {@code equals} a string value, or
 * {@code status} (the metric's own status at least that bad).
 *
 * <p>Hysteresis: a numeric condition is back to normal only past the bound by {@code clearMarginPercent}; in between
 * the reading changes nothing. The book raises an alert after {@code raiseAfter} breaching readings in a row
 * (default 1) and clears it after {@code clearAfter} normal readings in a row.
 *
 * <p>Evidence: a metric that says how many observations it rests on ({@code samples}, e.g. a hit rate's lookups)
 * says nothing to the rule below {@code minSamples} (the rule's own, else {@code monitor.minSamples}): a ratio of
 * one miss is no reason for an alert.
 */
public record AlertRule(String id, String section, String metric, Kind kind, double bound, String expected,
                        String severity, String action, int raiseAfter, int clearAfter, double clearMargin,
                        long minSamples) {

  public enum Kind { ABOVE, BELOW, EQUALS, STATUS }

  private static final Set<String> FIELDS = Set.of("id", "section", "metric", "above", "below", "threshold", "equals",
      "status", "severity", "action", "raiseAfter", "clearAfter", "clearMarginPercent", "minSamples");

  static AlertRule fromJson(JsonObject json, String key, Thresholds thresholds, int clearAfter, double marginPercent,
      long defaultMinSamples) {
    for (String name : json.fieldNames()) {
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException(key + ": unknown key '" + name + "'");
      }
    }
    String id = text(json, "id", key);
    String section = text(json, "section", key);
    String metric = text(json, "metric", key);
    String action = text(json, "action", key);
    String severity = json.getString("severity", "critical");
    if (!severity.equals("critical") && !severity.equals("warning")) {
      throw new IllegalArgumentException(key + ".severity must be critical or warning");
    }
    int conditions = 0;
    for (String c : new String[] {"above", "below", "threshold", "equals", "status"}) {
      conditions += json.containsKey(c) ? 1 : 0;
    }
    if (conditions != 1) {
      throw new IllegalArgumentException(key + " needs exactly one of above, below, threshold, equals, status");
    }
    int raise = json.getValue("raiseAfter", 1) instanceof Number n && n.intValue() > 0 ? n.intValue() : -1;
    int after = json.getValue("clearAfter", clearAfter) instanceof Number n && n.intValue() > 0 ? n.intValue() : -1;
    double margin = json.getValue("clearMarginPercent", marginPercent) instanceof Number n && n.doubleValue() >= 0 ? n.doubleValue() / 100 : -1;
    long minSamples = json.getValue("minSamples", defaultMinSamples) instanceof Number n && n.doubleValue() >= 0
        && n.doubleValue() == Math.rint(n.doubleValue()) ? n.longValue() : -1;
    if (raise < 1 || after < 1 || margin < 0 || minSamples < 0) {
      throw new IllegalArgumentException(key + ": raiseAfter and clearAfter must be at least 1, clearMarginPercent and"
          + " minSamples at least 0");
    }
    Kind kind;
    double bound = Double.NaN;
    String expected = null;
    if (json.containsKey("above") || json.containsKey("below")) {
      kind = json.containsKey("above") ? Kind.ABOVE : Kind.BELOW;
      if (!(json.getValue(kind == Kind.ABOVE ? "above" : "below") instanceof Number n)) {
        throw new IllegalArgumentException(key + "." + kind.name().toLowerCase(Locale.ROOT) + " must be a number");
      }
      bound = n.doubleValue();
    } else if (json.containsKey("threshold")) {
      Threshold t;
      try {
        t = thresholds.get(String.valueOf(json.getValue("threshold")));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(key + ".threshold: " + e.getMessage());
      }
      kind = t.higherIsBetter() ? Kind.BELOW : Kind.ABOVE;
      bound = t.critical();
    } else if (json.containsKey("equals")) {
      kind = Kind.EQUALS;
      expected = String.valueOf(json.getValue("equals"));
    } else {
      kind = Kind.STATUS;
      Status s = Status.fromWire(String.valueOf(json.getValue("status")));
      if (s == Status.NEUTRAL || s == Status.GOOD) {
        throw new IllegalArgumentException(key + ".status must be warning or critical");
      }
      expected = s.wire();
    }
    return new AlertRule(id, section, metric, kind, bound, expected, severity, action, raise, after, margin, minSamples);
  }

  private static String text(JsonObject json, String field, String key) {
    if (!(json.getValue(field) instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException(key + "." + field + " must be a non-empty string");
    }
    return s;
  }

  boolean covers(String sectionName, String label) {
    return section.equals(sectionName) && (metric.equals("*") || metric.equals(label));
  }

  /** TRUE when the metric breaches the rule, FALSE when it is clearly normal, null when it says nothing either way. */
  Boolean breached(Metric m) {
    if (m.samples() != null && m.samples() < minSamples) {
      return null;
    }
    switch (kind) {
      case ABOVE, BELOW -> {
        if (!(m.value() instanceof Number n)) {
          return null;
        }
        if (m.status() == Status.NEUTRAL) {
          // The area says the value is not judged now (e.g. speed with nothing transferring): nothing to alert on.
          return Boolean.FALSE;
        }
        double v = n.doubleValue();
        double slack = Math.abs(bound) * clearMargin;
        if (kind == Kind.ABOVE) {
          return v > bound ? Boolean.TRUE : v <= bound - slack ? Boolean.FALSE : null;
        }
        return v < bound ? Boolean.TRUE : v >= bound + slack ? Boolean.FALSE : null;
      }
      case EQUALS -> {
        return m.value() == null ? null : String.valueOf(m.value()).equalsIgnoreCase(expected);
      }
      default -> {
        if (m.status() == Status.NEUTRAL) {
          return null;
        }
        return m.status().ordinal() >= Status.fromWire(expected).ordinal();
      }
    }
  }

  /** The condition in words, e.g. "above 500" or "status critical". */
  String condition() {
    return switch (kind) {
      case ABOVE -> "above " + number(bound);
      case BELOW -> "below " + number(bound);
      case EQUALS -> "is " + expected;
      case STATUS -> "status " + expected;
    };
  }

  private static String number(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
