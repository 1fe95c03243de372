package dev.vigie.web;

import static dev.vigie.kit.Wait.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.HealthBus;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthAndMetricsTest {
  @TempDir
  Path dataDir;
  private TestVigie vigie;
  private HttpClient http;

  @BeforeEach
  void start() {
    vigie = TestVigie.start(TestConfig.defaults(dataDir));
    http = vigie.vertx().createHttpClient();
  }

  @AfterEach
  void stop() {
    vigie.close();
  }

  private String get(String uri, int expectedStatus) {
    return await(http.request(HttpMethod.GET, vigie.httpPort(), "127.0.0.1", uri)
        // body() asked within send()'s own callback: chained after it from this thread, the body can be lost
        // (docs/testing.md, "A hung exchange").
        .compose(req -> req.send().compose(resp -> {
          assertEquals(expectedStatus, resp.statusCode(), uri);
          return resp.body();
        }))).toString();
  }

  @Test
  void metricsHaveHttpServerAndJvmMeters() {
    get("/api/snapshot", 200);
    String text = get("/metrics", 200);
    assertTrue(text.contains("vertx_http_server_requests_total"), "HTTP server meters");
    assertTrue(text.contains("vertx_eventbus_"), "event-bus meters");
    assertTrue(text.contains("jvm_memory_used_bytes"), "JVM memory");
    assertTrue(text.contains("jvm_gc_"), "GC");
    assertTrue(text.contains("process_cpu_usage") || text.contains("system_cpu_usage"), "CPU");
    assertTrue(text.contains("jvm_threads_live_threads"), "threads");
    assertTrue(text.contains("vigie_ws_clients_dropped_total"), "Vigie's own meters");
  }

  @Test
  void healthListsEveryArea() {
    JsonObject up = new JsonObject(get("/health", 200));
    assertEquals("UP", up.getString("outcome"));
    assertTrue(up.getJsonArray("checks").stream().anyMatch(c -> "monitor".equals(((JsonObject) c).getString("id"))));
  }

  @Test
  void healthAnswers503WhileAnAreaIsDownAnd200OnceItIsBack() {
    // A second web server that also watches an area nobody has deployed yet.
    WebVerticle web = new WebVerticle(null, List.of("monitor", "ghost"));
    vigie.deploy(web);
    String down = await(http.request(HttpMethod.GET, web.actualPort(), "127.0.0.1", "/health")
        .compose(req -> req.send().compose(resp -> {
          assertEquals(503, resp.statusCode());
          return resp.body();
        }))).toString();
    JsonObject ghost = new JsonObject(down).getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(c -> "ghost".equals(c.getString("id"))).findFirst().orElseThrow();
    assertEquals("DOWN", ghost.getString("status"));

    await(vigie.vertx().eventBus().consumer(HealthBus.ping("ghost"), msg -> msg.reply(new JsonObject())).completion());
    int status = await(http.request(HttpMethod.GET, web.actualPort(), "127.0.0.1", "/health")
        .compose(req -> req.send()).map(resp -> resp.statusCode()));
    assertEquals(200, status);
  }
}
