package dev.vigie.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.ProbeBus;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conf/demo.json} probes the sample backend and tracks its freshness: every endpoint passes its assertions
 * and every HTTP freshness source reads a timestamp (the backend on a free port, as the demo runs it).
 */
class DemoConfigProbesTest {
  @TempDir
  Path dataDir;

  @Test
  void demoProbesAndFreshnessAllReadTheSampleBackend() {
    TestConfig config = TestConfig.demo(dataDir).only("probe").set("demo.backend.errorRate", 0.0)
        .set("demo.mirror.scheduleIntervalMs", 0);
    assertTrue(config.json().getJsonObject("demo").getJsonObject("backend").getBoolean("enabled"));
    try (TestVigie vigie = TestVigie.start(config)) {
      JsonObject reply = vigie.ask(ProbeBus.RUN, null);
      JsonArray results = reply.getJsonArray("results");
      assertEquals(4, results.size());
      results.forEach(r -> assertTrue(((JsonObject) r).getBoolean("ok"), ((JsonObject) r).encode()));
      for (Object o : reply.getJsonArray("freshness")) {
        JsonObject reading = (JsonObject) o;
        if (reading.getString("kind").equals("http")) {
          assertTrue(reading.containsKey("ageMs") && !reading.containsKey("error"), reading.encode());
          assertTrue(!reading.getString("status").equals("critical"), reading.encode());
        } else {
          assertEquals("neutral", reading.getString("status"), "no cache deployed here: " + reading.encode());
        }
      }
    }
  }
}
