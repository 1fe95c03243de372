package dev.vigie.bus;

import io.vertx.core.json.JsonObject;

/**
 * One metric of a section: {@code {label, value, unit, status, hint, samples}}. {@code value} is a number or a
 * string; {@code hint} is the one-line explanation the page shows on hover (optional); {@code samples} is how many
 * observations a ratio rests on (optional: alerts need enough of them, see {@code monitor.minSamples}).
 */
public record Metric(String label, Object value, String unit, Status status, String hint, Long samples) {

  /** A metric that does not say how many observations it rests on. */
  public Metric(String label, Object value, String unit, Status status, String hint) {
    this(label, value, unit, status, hint, null);
  }

  public static Metric of(String label, Object value, String unit, Status status) {
    return new Metric(label, value, unit, status, null);
  }

  public Metric withHint(String text) {
    return new Metric(label, value, unit, status, text, samples);
  }

  /** The number of observations the value rests on (a ratio's denominator). */
  public Metric withSamples(long count) {
    return new Metric(label, value, unit, status, hint, count);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("label", label).put("value", value).put("status", status.wire());
    if (unit != null) {
      json.put("unit", unit);
    }
    if (hint != null) {
      json.put("hint", hint);
    }
    if (samples != null) {
      json.put("samples", samples);
    }
    return json;
  }

  /** Reads a metric from its wire form; throws IllegalArgumentException naming the bad field. */
  public static Metric fromJson(JsonObject json) {
    Object label = json.getValue("label");
    if (!(label instanceof String l) || l.isBlank()) {
      throw new IllegalArgumentException("metric.label must be a non-empty string");
    }
    Object value = json.getValue("value");
    if (value != null && !(value instanceof Number) && !(value instanceof String) && !(value instanceof Boolean)) {
      throw new IllegalArgumentException("metric.value must be a number, a string or a boolean");
    }
    Object unit = json.getValue("unit");
    if (unit != null && !(unit instanceof String)) {
      throw new IllegalArgumentException("metric.unit must be a string");
    }
    Object status = json.getValue("status");
    if (status != null && !(status instanceof String)) {
      throw new IllegalArgumentException("metric.status must be a string");
    }
    Object hint = json.getValue("hint");
    Object samples = json.getValue("samples");
    if (samples != null && !(samples instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() == Math.rint(n.doubleValue())
        && n.doubleValue() <= Long.MAX_VALUE)) {
      throw new IllegalArgumentException("metric.samples must be a whole number, at least 0");
    }
    return new Metric(l, value, (String) unit, Status.fromWire((String) status), hint instanceof String h ? h : null,
        samples == null ? null : ((Number) samples).longValue());
  }
}
