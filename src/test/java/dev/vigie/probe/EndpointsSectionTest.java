package dev.vigie.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.Status;
import dev.vigie.bus.Thresholds;
import dev.vigie.config.ConfigLoader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The endpoints section's size has a bound whatever the number of endpoints and whatever their results say. */
class EndpointsSectionTest {
  @Test
  void theSectionStaysUnder64KbWithTenThousandFailingEndpointsAndFullCharts() {
    JsonObject config = ConfigLoader.defaults();
    ProbeSettings settings = ProbeSettings.from(config);
    EndpointsSection section = new EndpointsSection(Thresholds.from(config), settings.chartPoints(),
        settings.worstShown(), settings.windowMs());
    List<EndpointState> states = new ArrayList<>();
    long now = System.currentTimeMillis();
    String longError = "x".repeat(5000);
    for (int i = 0; i < 10_000; i++) {
      Endpoint e = Endpoint.fromJson(new JsonObject().put("name", "endpoint-with-a-long-name-" + "n".repeat(60) + i)
          .put("url", "http://host-" + i + ".example:8080/a/rather/long/path/to/a/health/check?x=" + i), "e");
      EndpointState state = new EndpointState(e, i, settings.historySize());
      for (int r = 0; r < settings.historySize(); r++) {
        ProbeResult result = i % 2 == 0
            ? ProbeResult.failure(e, 503, 4999.9, Instant.ofEpochMilli(now - (300 - r) * 1000L), FailureReason.STATUS, longError)
            : ProbeResult.success(e, 200, 12.3 + r, Instant.ofEpochMilli(now - (300 - r) * 1000L));
        state.record(result, result.ok() ? Status.GOOD : Status.CRITICAL);
      }
      states.add(state);
    }
    JsonObject late = new Lateness(1000).toJson(now);
    JsonObject json = section.build(states, late, now, null).toJson();
    int bytes = json.encode().getBytes(StandardCharsets.UTF_8).length;
    assertTrue(bytes < 64 * 1024, "the section is " + bytes + " bytes");
    JsonObject counts = json.getJsonObject("details").getJsonObject("counts");
    assertEquals(5000, counts.getInteger("critical"));
    assertEquals(5000, counts.getInteger("good"));
    JsonArray worst = json.getJsonObject("details").getJsonArray("endpoints");
    assertEquals(10, worst.size());
    worst.forEach(w -> assertEquals("critical", ((JsonObject) w).getString("status")));
    assertEquals(settings.chartPoints(), worst.getJsonObject(0).getJsonObject("chart").getJsonArray("ms").size());
  }

  @Test
  void percentilesAreOverEveryEndpointsLastGoodAnswer() {
    JsonObject config = ConfigLoader.defaults();
    EndpointsSection section = new EndpointsSection(Thresholds.from(config), 10, 3, 300_000);
    List<EndpointState> states = new ArrayList<>();
    Instant now = Instant.now();
    for (int i = 1; i <= 100; i++) {
      Endpoint e = Endpoint.fromJson(new JsonObject().put("name", "e" + i).put("url", "http://h/" + i), "e");
      EndpointState state = new EndpointState(e, i, 10);
      ProbeResult r = ProbeResult.success(e, 200, i, now);
      state.record(r, section.judge(r));
      states.add(state);
    }
    JsonObject latency = section.build(states, new Lateness(1000).toJson(now.toEpochMilli()), now.toEpochMilli(), null)
        .toJson().getJsonObject("details").getJsonObject("latency");
    assertEquals(50.0, latency.getDouble("p50"));
    assertEquals(95.0, latency.getDouble("p95"));
    assertEquals(99.0, latency.getDouble("p99"));
  }
}
