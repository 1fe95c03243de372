package dev.vigie.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.Vigie;
import dev.vigie.config.ConfigLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Past its rate a client gets 429 with Retry-After and the error shape, and the "api" section counts it. */
@ExtendWith(VertxExtension.class)
class RateLimitTest {
  private WebClient web;

  @Test
  void overTheRateAnswers429AndTheMonitorShowsIt(Vertx vertx, VertxTestContext test) throws Exception {
    web = WebClient.create(vertx);
    JsonObject config = ConfigLoader.defaults();
    config.getJsonObject("http").put("port", 0).put("rateLimit", new JsonObject().put("requestsPerSecond", 1).put("burst", 5));
    Vigie[] vigie = new Vigie[1];
    Vigie.start(config).compose(v -> {
      vigie[0] = v;
      List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(web.get(v.httpPort(), "127.0.0.1", "/api/snapshot").send());
      }
      return Future.all(calls).map(all -> calls);
    }).compose(calls -> {
      test.verify(() -> {
        long ok = calls.stream().filter(f -> f.result().statusCode() == 200).count();
        HttpResponse<Buffer> refused = calls.stream().map(Future::result).filter(r -> r.statusCode() == 429)
            .findFirst().orElseThrow(() -> new AssertionError("no 429 among 8 calls with a burst of 5"));
        assertTrue(ok <= 6, "at most the burst (plus one refill) passes: " + ok);
        assertTrue(Integer.parseInt(refused.getHeader("Retry-After")) >= 1);
        assertEquals("TOO_MANY_REQUESTS", refused.bodyAsJsonObject().getString("error"));
      });
      return eventually(vertx, () -> vigie[0].vertx().eventBus().<JsonObject>request(dev.vigie.bus.MonitorBus.SNAPSHOT, null)
          .map(m -> m.body()), snapshot -> {
            JsonObject api = section(snapshot, "api");
            return api != null && api.getJsonArray("metrics").getJsonObject(0).getInteger("value") > 0;
          });
    }).onComplete(test.succeeding(snapshot -> test.verify(() -> {
      JsonObject api = section(snapshot, "api");
      assertEquals("warning", api.getString("status"));
      assertTrue(snapshot.getJsonArray("log").encode().contains("answering 429"));
      vigie[0].close().onComplete(c -> test.completeNow());
    })));
    assertTrue(test.awaitCompletion(15, TimeUnit.SECONDS));
    if (test.failed()) {
      throw new AssertionError(test.causeOfFailure());
    }
  }

  private static JsonObject section(JsonObject snapshot, String name) {
    return snapshot.getJsonArray("sections").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("section").equals(name)).findFirst().orElse(null);
  }

  private static <T> Future<T> eventually(Vertx vertx, java.util.function.Supplier<Future<T>> call, java.util.function.Predicate<T> done) {
    return call.get().compose(r -> done.test(r) ? Future.succeededFuture(r)
        : Future.<Void>future(p -> vertx.setTimer(50, id -> p.complete())).compose(v -> eventually(vertx, call, done)));
  }
}
