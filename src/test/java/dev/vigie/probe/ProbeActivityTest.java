package dev.vigie.probe;

import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestHttp;
import dev.vigie.kit.TestVigie;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole process over HTTP: Refresh All and the probe list, the endpoints section (a summary, with the worst
 * endpoints' charts in its details), and
 * the activity log recording a probe failing, then recovering, and the manual operations that caused it.
 */
class ProbeActivityTest {
  @TempDir
  Path dataDir;

  @Test
  void failingAndRecoveringProbesAndManualRunsAreLogged() {
    AtomicBoolean healthy = new AtomicBoolean(false);
    try (LoopbackServer target = LoopbackServer.start(req ->
            req.response().setStatusCode(healthy.get() ? 200 : 503).end("{\"ok\":true}"));
        TestVigie vigie = TestVigie.start(TestConfig.defaults(dataDir).set("probe.endpoints", new JsonArray()
            .add(new JsonObject().put("name", "Backend")
                .put("url", "http://user:hunter2@127.0.0.1:" + target.port() + "/health?api_key=k123")
                .put("intervalMs", 3_600_000))))) {
      TestHttp http = vigie.http();
      HttpResponse<Buffer> first = http.post("/api/probes/run");
      assertEquals(200, first.statusCode());
      JsonObject result = first.bodyAsJsonObject().getJsonArray("results").getJsonObject(0);
      assertEquals("status", result.getString("reason"));
      assertFalse(result.getString("url").contains("hunter2") || result.getString("url").contains("k123"), result.getString("url"));
      healthy.set(true);
      http.post("/api/probes/run");

      JsonObject endpoint = http.get("/api/probes?history=true").bodyAsJsonObject().getJsonArray("endpoints").getJsonObject(0);
      // The probe also ran once at start, so the history holds two or three results, only the last one good.
      JsonArray history = endpoint.getJsonArray("history");
      assertTrue(history.size() >= 2, history.encode());
      assertTrue(history.getJsonObject(history.size() - 1).getBoolean("ok"));
      assertEquals(1.0 / history.size(), endpoint.getDouble("successRatio"), 1e-9);
      assertEquals(Math.round(1000.0 / history.size()) / 10.0, endpoint.getDouble("uptimePercent"), 1e-9);
      assertNotNull(endpoint.getDouble("p95"));

      // The monitor applies bus messages asynchronously.
      JsonObject snapshot = eventually("the log to record the failure, the recovery and the run, and the endpoints section",
          () -> http.get("/api/snapshot").bodyAsJsonObject(), body -> {
            String log = body.getJsonArray("log").encode();
            return log.contains("probe Backend failing: status") && log.contains("probe Backend recovered")
                && log.contains("operation POST /api/probes/run") && section(body, "endpoints") != null;
          });
      JsonObject endpoints = section(snapshot, "endpoints");
      assertEquals("Endpoint performance", endpoints.getString("title"));
      // A summary: counts by status (the one endpoint is good now) and latency percentiles, whatever the count.
      JsonObject good = endpoints.getJsonArray("metrics").stream().map(JsonObject.class::cast)
          .filter(m -> "Good".equals(m.getString("label"))).findFirst().orElseThrow();
      assertEquals(1, good.getInteger("value"));
      JsonObject p95 = endpoints.getJsonArray("metrics").stream().map(JsonObject.class::cast)
          .filter(m -> "p95".equals(m.getString("label"))).findFirst().orElseThrow();
      assertEquals("ms", p95.getString("unit"));
      JsonObject detail = endpoints.getJsonObject("details").getJsonArray("endpoints").getJsonObject(0);
      assertEquals(200, detail.getInteger("statusCode"));
      int results = detail.getJsonObject("chart").getJsonArray("ms").size();
      assertTrue(results >= 2);
      assertEquals(results, detail.getJsonObject("chart").getJsonArray("t").size());
      assertEquals(Math.round(1000.0 / results) / 10.0, detail.getDouble("uptimePercent"), 1e-9);
      assertFalse(endpoints.encode().contains("hunter2"));
    }
  }

  static JsonObject section(JsonObject snapshot, String name) {
    for (Object o : snapshot.getJsonArray("sections")) {
      if (((JsonObject) o).getString("section").equals(name)) {
        return (JsonObject) o;
      }
    }
    return null;
  }
}
