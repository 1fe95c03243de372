package dev.vigie.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.config.ConfigLoader;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The demo backend answers the product's endpoints with timestamped JSON, and fails on demand. */
@ExtendWith(VertxExtension.class)
class SampleBackendTest {
  private WebClient web;

  @Test
  void answersEveryEndpointWithTimestamps(Vertx vertx, VertxTestContext test) throws Exception {
    web = WebClient.create(vertx);
    SampleBackendVerticle backend = new SampleBackendVerticle();
    vertx.deployVerticle(backend, options(0.0)).compose(id -> {
      int port = backend.actualPort();
      return Future.all(get(port, "/portfolio/metrics"), get(port, "/balances/current"), get(port, "/api/ml/status"),
          get(port, "/api/indicators"));
    }).onComplete(test.succeeding(all -> test.verify(() -> {
      JsonObject portfolio = all.resultAt(0);
      assertTrue(portfolio.getLong("last_snapshot") < Instant.now().getEpochSecond());
      JsonObject balances = all.resultAt(1);
      assertTrue(balances.getJsonArray("balances").size() > 0);
      assertEquals("ok", ((JsonObject) all.resultAt(2)).getString("status"));
      JsonObject indicators = all.resultAt(3);
      JsonArray list = indicators.getJsonArray("indicators");
      assertTrue(list.size() >= 30, "30+ indicators: " + list.size());
      list.forEach(o -> Instant.parse(((JsonObject) o).getString("timestamp")));
      Instant.parse(indicators.getString("updated_at"));
      test.completeNow();
    })));
    assertTrue(test.awaitCompletion(10, TimeUnit.SECONDS));
    if (test.failed()) {
      throw new AssertionError(test.causeOfFailure());
    }
  }

  @Test
  void errorRateOfOneFailsEveryCall(Vertx vertx, VertxTestContext test) throws Exception {
    web = WebClient.create(vertx);
    SampleBackendVerticle backend = new SampleBackendVerticle();
    vertx.deployVerticle(backend, options(1.0))
        .compose(id -> web.get(backend.actualPort(), "127.0.0.1", "/balances/current").send())
        .onComplete(test.succeeding(resp -> test.verify(() -> {
          assertEquals(500, resp.statusCode());
          test.completeNow();
        })));
    assertTrue(test.awaitCompletion(10, TimeUnit.SECONDS));
    if (test.failed()) {
      throw new AssertionError(test.causeOfFailure());
    }
  }

  private Future<JsonObject> get(int port, String path) {
    return web.get(port, "127.0.0.1", path).send().map(r -> {
      if (r.statusCode() != 200) {
        throw new AssertionError(path + " answered " + r.statusCode());
      }
      return r.bodyAsJsonObject();
    });
  }

  private static DeploymentOptions options(double errorRate) {
    JsonObject config = ConfigLoader.defaults();
    config.getJsonObject("demo").getJsonObject("backend").put("port", 0).put("latencyMs", 0).put("jitterMs", 0)
        .put("errorRate", errorRate);
    return new DeploymentOptions().setConfig(config);
  }
}
