package dev.vigie.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.Vigie;
import dev.vigie.config.ConfigLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole process over HTTP: Refresh All and the probe list, the endpoints section with its chart details, and
 * the activity log recording a probe failing, then recovering, and the manual operations that caused it.
 */
@ExtendWith(VertxExtension.class)
class ProbeActivityTest {
  private WebClient web;

  @Test
  void failingAndRecoveringProbesAndManualRunsAreLogged(Vertx vertx, VertxTestContext test) throws Exception {
    AtomicBoolean healthy = new AtomicBoolean(false);
    HttpServer target = vertx.createHttpServer().requestHandler(req ->
        req.response().setStatusCode(healthy.get() ? 200 : 503).end("{\"ok\":true}"));
    web = WebClient.create(vertx);
    Vigie[] vigie = new Vigie[1];
    target.listen(0, "127.0.0.1").compose(s -> {
      JsonObject config = ConfigLoader.defaults();
      config.getJsonObject("http").put("port", 0);
      config.getJsonObject("probe").put("endpoints", new JsonArray().add(new JsonObject().put("name", "Backend")
          .put("url", "http://user:hunter2@127.0.0.1:" + target.actualPort() + "/health?api_key=k123")
          .put("intervalMs", 3_600_000)));
      return Vigie.start(config);
    }).compose(v -> {
      vigie[0] = v;
      return post(v, "/api/probes/run");
    }).compose(first -> {
      test.verify(() -> {
        assertEquals(200, first.statusCode());
        JsonObject result = first.bodyAsJsonObject().getJsonArray("results").getJsonObject(0);
        assertEquals("status", result.getString("reason"));
        assertFalse(result.getString("url").contains("hunter2") || result.getString("url").contains("k123"), result.getString("url"));
      });
      healthy.set(true);
      return post(vigie[0], "/api/probes/run");
    }).compose(second -> get(vigie[0], "/api/probes?history=true").map(list -> {
      test.verify(() -> {
        JsonObject endpoint = list.bodyAsJsonObject().getJsonArray("endpoints").getJsonObject(0);
        // The probe also ran once at start, so the history holds two or three results, only the last one good.
        JsonArray history = endpoint.getJsonArray("history");
        assertTrue(history.size() >= 2, history.encode());
        assertTrue(history.getJsonObject(history.size() - 1).getBoolean("ok"));
        assertEquals(1.0 / history.size(), endpoint.getDouble("successRatio"), 1e-9);
        assertEquals(Math.round(1000.0 / history.size()) / 10.0, endpoint.getDouble("uptimePercent"), 1e-9);
        assertNotNull(endpoint.getDouble("p95"));
      });
      return list;
    })).compose(x -> eventually(vertx, () -> get(vigie[0], "/api/snapshot"), snapshot -> {
      JsonObject body = snapshot.bodyAsJsonObject();
      String log = body.getJsonArray("log").encode();
      return log.contains("probe Backend failing: status") && log.contains("probe Backend recovered")
          && log.contains("operation POST /api/probes/run") && section(body, "endpoints") != null;
    })).onComplete(test.succeeding(snapshot -> test.verify(() -> {
      JsonObject endpoints = section(snapshot.bodyAsJsonObject(), "endpoints");
      assertEquals("Endpoint performance", endpoints.getString("title"));
      JsonObject metric = endpoints.getJsonArray("metrics").getJsonObject(0);
      assertEquals("Backend", metric.getString("label"));
      assertEquals("ms", metric.getString("unit"));
      JsonObject detail = endpoints.getJsonObject("details").getJsonArray("endpoints").getJsonObject(0);
      assertEquals(200, detail.getInteger("statusCode"));
      int results = detail.getJsonObject("chart").getJsonArray("ms").size();
      assertTrue(results >= 2);
      assertEquals(results, detail.getJsonObject("chart").getJsonArray("t").size());
      assertEquals(Math.round(1000.0 / results) / 10.0, detail.getDouble("uptimePercent"), 1e-9);
      assertFalse(endpoints.encode().contains("hunter2"));
      vigie[0].close().onComplete(c -> test.completeNow());
    })));
    assertTrue(test.awaitCompletion(20, TimeUnit.SECONDS));
    if (test.failed()) {
      throw new AssertionError(test.causeOfFailure());
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

  private Future<HttpResponse<io.vertx.core.buffer.Buffer>> post(Vigie v, String path) {
    return web.post(v.httpPort(), "127.0.0.1", path).send();
  }

  private Future<HttpResponse<io.vertx.core.buffer.Buffer>> get(Vigie v, String path) {
    return web.get(v.httpPort(), "127.0.0.1", path).send();
  }

  /** Repeats {@code call} every 50 ms until {@code done} holds (the monitor applies bus messages asynchronously). */
  static <T> Future<T> eventually(Vertx vertx, java.util.function.Supplier<Future<T>> call, java.util.function.Predicate<T> done) {
    return call.get().compose(r -> done.test(r) ? Future.succeededFuture(r)
        : Future.<Void>future(p -> vertx.setTimer(50, id -> p.complete())).compose(v -> eventually(vertx, call, done)));
  }
}
