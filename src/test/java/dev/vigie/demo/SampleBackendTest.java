package dev.vigie.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestHttp;
import dev.vigie.kit.TestVigie;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo backend answers the product's endpoints with timestamped JSON, and fails on demand. */
class SampleBackendTest {
  @TempDir
  Path dataDir;

  private TestVigie start(double errorRate) {
    return TestVigie.start(TestConfig.defaults(dataDir).only().backend().set("demo.backend.latencyMs", 0)
        .set("demo.backend.jitterMs", 0).set("demo.backend.errorRate", errorRate));
  }

  @Test
  void answersEveryEndpointWithTimestamps() {
    try (TestVigie vigie = start(0.0)) {
      JsonObject portfolio = get(vigie, "/portfolio/metrics");
      assertTrue(portfolio.getLong("last_snapshot") < Instant.now().getEpochSecond());
      JsonObject balances = get(vigie, "/balances/current");
      assertTrue(balances.getJsonArray("balances").size() > 0);
      assertEquals("ok", get(vigie, "/api/ml/status").getString("status"));
      JsonObject indicators = get(vigie, "/api/indicators");
      JsonArray list = indicators.getJsonArray("indicators");
      assertTrue(list.size() >= 30, "30+ indicators: " + list.size());
      list.forEach(o -> Instant.parse(((JsonObject) o).getString("timestamp")));
      Instant.parse(indicators.getString("updated_at"));
    }
  }

  @Test
  void errorRateOfOneFailsEveryCall() {
    try (TestVigie vigie = start(1.0)) {
      assertEquals(500, backend(vigie).get("/balances/current").statusCode());
    }
  }

  private static TestHttp backend(TestVigie vigie) {
    return new TestHttp(vigie.vertx(), URI.create(vigie.backendUrl()).getPort());
  }

  private static JsonObject get(TestVigie vigie, String path) {
    HttpResponse<Buffer> r = backend(vigie).get(path);
    if (r.statusCode() != 200) {
      throw new AssertionError(path + " answered " + r.statusCode());
    }
    return r.bodyAsJsonObject();
  }
}
