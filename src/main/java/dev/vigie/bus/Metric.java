package dev.vigie.bus;

import io.vertx.core.json.JsonObject;

/**
 * One metric of a section: {@code {label, value, unit, status, hint}}. {@code value} is a number or a string;
 * {@code hint} is the one-line explanation the page shows on hover (optional).
 */
public record Metric(String label, Object value, String unit, Status status, String hint) {

  public static Metric of(String label, Object value, String unit, Status status) {
    return new Metric(label, value, unit, status, null);
  }

  public Metric withHint(String text) {
    return new Metric(label, value, unit, status, text);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("label", label).put("value", value).put("status", status.wire());
    if (unit != null) {
      json.put("unit", unit);
    }
    if (hint != null) {
      json.put("hint", hint);
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
    return new Metric(l, value, (String) unit, Status.fromWire((String) status), hint instanceof String h ? h : null);
  }
}
