package dev.vigie.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.ProbeBus;
import dev.vigie.config.ConfigLoader;
import dev.vigie.probe.ProbeVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code conf/demo.json} probes the sample backend and tracks its freshness: every endpoint passes its assertions
 * and every HTTP freshness source reads a timestamp (run here on a random port instead of the demo's fixed one).
 */
@ExtendWith(VertxExtension.class)
class DemoConfigProbesTest {

  @Test
  void demoProbesAndFreshnessAllReadTheSampleBackend(Vertx vertx, VertxTestContext test) throws Exception {
    JsonObject config = ConfigLoader.load(ConfigLoader.Arguments.parse("--demo"), Map.of());
    JsonObject backendConf = config.getJsonObject("demo").getJsonObject("backend");
    assertTrue(backendConf.getBoolean("enabled"));
    int demoPort = backendConf.getInteger("port");
    backendConf.put("port", 0).put("errorRate", 0.0);
    SampleBackendVerticle backend = new SampleBackendVerticle();
    vertx.deployVerticle(backend, new DeploymentOptions().setConfig(config)).compose(id -> {
      String from = "127.0.0.1:" + demoPort;
      String to = "127.0.0.1:" + backend.actualPort();
      JsonObject probe = new JsonObject(config.getJsonObject("probe").encode().replace(from, to));
      config.put("probe", probe);
      return vertx.deployVerticle(new ProbeVerticle(), new DeploymentOptions().setConfig(config));
    }).compose(id -> vertx.eventBus().<JsonObject>request(ProbeBus.RUN, null)).onComplete(test.succeeding(reply -> test.verify(() -> {
      JsonArray results = reply.body().getJsonArray("results");
      assertEquals(4, results.size());
      results.forEach(r -> assertTrue(((JsonObject) r).getBoolean("ok"), ((JsonObject) r).encode()));
      for (Object o : reply.body().getJsonArray("freshness")) {
        JsonObject reading = (JsonObject) o;
        if (reading.getString("kind").equals("http")) {
          assertTrue(reading.containsKey("ageMs") && !reading.containsKey("error"), reading.encode());
          assertTrue(!reading.getString("status").equals("critical"), reading.encode());
        } else {
          assertEquals("neutral", reading.getString("status"), "no cache deployed here: " + reading.encode());
        }
      }
      test.completeNow();
    })));
    assertTrue(test.awaitCompletion(10, TimeUnit.SECONDS));
    if (test.failed()) {
      throw new AssertionError(test.causeOfFailure());
    }
  }
}
