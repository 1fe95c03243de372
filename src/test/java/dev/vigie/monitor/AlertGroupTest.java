package dev.vigie.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigie.bus.Metric;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import dev.vigie.bus.Thresholds;
import dev.vigie.config.ConfigLoader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** An endpoint's alert is grouped by the host its URL names, so one dead host is one notification. */
class AlertGroupTest {
  @Test
  void endpointAlertsAreGroupedByHost() {
    JsonObject config = ConfigLoader.defaults();
    // A section that lists its endpoints (details.endpoints: {name, url}) under a per-metric rule: the probe's own
    // endpoints raise their alerts from their checks (probe/CheckAlertsTest), other sections may still list some.
    config.getJsonObject("alerts").put("rules", new JsonArray().add(new JsonObject().put("id", "endpoint-latency")
        .put("section", "endpoints").put("metric", "*").put("status", "critical").put("raiseAfter", 2)
        .put("action", "check backend logs")));
    AlertBook book = AlertBook.from(config, Thresholds.from(config));
    JsonArray endpoints = new JsonArray()
        .add(new JsonObject().put("name", "a1").put("url", "http://dead.example:8080/a1"))
        .add(new JsonObject().put("name", "a2").put("url", "http://dead.example:8080/a2"))
        .add(new JsonObject().put("name", "b1").put("url", "https://alive.example/b1"));
    SectionUpdate update = new SectionUpdate("endpoints", "Endpoints", List.of(
        Metric.of("a1", 900, "ms", Status.CRITICAL), Metric.of("a2", 900, "ms", Status.CRITICAL),
        Metric.of("b1", 900, "ms", Status.CRITICAL), Metric.of("c1", 900, "ms", Status.CRITICAL)),
        new JsonObject().put("endpoints", endpoints));
    Instant now = Instant.now();
    book.evaluate(update, now);
    // endpoint-latency raises after 2 bad readings.
    Map<String, String> groups = book.evaluate(update, now.plusSeconds(1)).stream()
        .collect(Collectors.toMap(a -> a.getString("metric"), a -> a.getString("group", "(section)")));
    assertEquals(Map.of("a1", "host dead.example", "a2", "host dead.example", "b1", "host alive.example",
        "c1", "(section)"), groups);
  }
}
