package dev.vigie.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What any verticle publishes on {@link MonitorBus#SECTION} to add or replace a section of the monitor:
 * {@code {section, title, metrics: [...], details?}}. {@code details} is free JSON that a section's own view may
 * use (e.g. the list of active transfers); the generic view ignores it. The section's status is the worst of its
 * metrics' statuses.
 */
public record SectionUpdate(String section, String title, List<Metric> metrics, JsonObject details) {

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    metrics.forEach(m -> array.add(m.toJson()));
    JsonObject json = new JsonObject().put("section", section).put("title", title).put("metrics", array);
    if (details != null) {
      json.put("details", details);
    }
    return json;
  }

  public Status status() {
    Status status = Status.NEUTRAL;
    for (Metric m : metrics) {
      status = Status.worst(status, m.status());
    }
    return status;
  }

  /** Reads and validates a section update; throws IllegalArgumentException naming the bad field. */
  public static SectionUpdate fromJson(JsonObject json) {
    Object section = json.getValue("section");
    if (!(section instanceof String s) || !s.matches("[a-zA-Z0-9_.-]{1,64}")) {
      throw new IllegalArgumentException("section must be 1-64 characters of [a-zA-Z0-9_.-]");
    }
    Object title = json.getValue("title", s);
    if (!(title instanceof String t)) {
      throw new IllegalArgumentException("title must be a string");
    }
    Object metrics = json.getValue("metrics");
    if (!(metrics instanceof JsonArray array)) {
      throw new IllegalArgumentException("metrics must be an array");
    }
    if (array.size() > 200) {
      throw new IllegalArgumentException("metrics holds at most 200 entries");
    }
    List<Metric> list = new ArrayList<>(array.size());
    for (Object o : array) {
      if (!(o instanceof JsonObject m)) {
        throw new IllegalArgumentException("metrics entries must be objects");
      }
      list.add(Metric.fromJson(m));
    }
    Object details = json.getValue("details");
    if (details != null && !(details instanceof JsonObject)) {
      throw new IllegalArgumentException("details must be an object");
    }
    return new SectionUpdate(s, t, List.copyOf(list), (JsonObject) details);
  }
}
