package dev.vigie.web;

import static dev.vigie.kit.Wait.await;
import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.MonitorBus;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Past its rate a client gets 429 with Retry-After and the error shape, and the "api" section counts it. */
class RateLimitTest {
  @TempDir
  Path dataDir;

  @Test
  void overTheRateAnswers429AndTheMonitorShowsIt() {
    TestConfig config = TestConfig.defaults(dataDir)
        .set("http.rateLimit.requestsPerSecond", 1).set("http.rateLimit.burst", 5);
    try (TestVigie vigie = TestVigie.start(config)) {
      // Sent together, so the bucket has no time to refill between them.
      List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(vigie.http().request(HttpMethod.GET, "/api/snapshot").send());
      }
      await("8 calls", Future.all(calls));
      long ok = calls.stream().filter(f -> f.result().statusCode() == 200).count();
      HttpResponse<Buffer> refused = calls.stream().map(Future::result).filter(r -> r.statusCode() == 429)
          .findFirst().orElseThrow(() -> new AssertionError("no 429 among 8 calls with a burst of 5"));
      assertTrue(ok <= 6, "at most the burst (plus one refill) passes: " + ok);
      assertTrue(Integer.parseInt(refused.getHeader("Retry-After")) >= 1);
      assertEquals("TOO_MANY_REQUESTS", refused.bodyAsJsonObject().getString("error"));

      JsonObject snapshot = eventually("the api section to count a refusal",
          () -> vigie.ask(MonitorBus.SNAPSHOT, null), s -> {
            JsonObject api = section(s, "api");
            return api != null && api.getJsonArray("metrics").getJsonObject(0).getInteger("value") > 0;
          });
      JsonObject api = section(snapshot, "api");
      assertEquals("warning", api.getString("status"));
      assertTrue(snapshot.getJsonArray("log").encode().contains("answering 429"));
    }
  }

  private static JsonObject section(JsonObject snapshot, String name) {
    return snapshot.getJsonArray("sections").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("section").equals(name)).findFirst().orElse(null);
  }
}
