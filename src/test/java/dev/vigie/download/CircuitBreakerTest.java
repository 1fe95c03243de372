package dev.vigie.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigie.bus.DownloadBus;
import dev.vigie.bus.Failures;
import dev.vigie.bus.MonitorBus;
import dev.vigie.demo.MirrorFaults;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CircuitBreakerTest {
  @TempDir
  Path temp;

  @Test
  void theBreakerOpensFailsFastGoesHalfOpenAndClosesAgain() throws Exception {
    JsonObject download = new JsonObject().put("breakerMaxFailures", 2).put("breakerResetMs", 700)
        .put("retryAttempts", 1);
    try (DownloadHarness h = new DownloadHarness(temp, download)) {
      LinkedBlockingQueue<String> breakerMetric = new LinkedBlockingQueue<>();
      h.vertx.eventBus().<JsonObject>consumer(MonitorBus.SECTION, msg -> {
        if (msg.body().getString("section").equals("downloads")) {
          msg.body().getJsonArray("metrics").stream().map(JsonObject.class::cast)
              .filter(m -> m.getString("label").equals("Breaker"))
              .forEach(m -> breakerMetric.add(m.getString("value") + "/" + m.getString("status")));
        }
      });
      String cachedKey = DownloadHarness.klinesKey("BTCUSDT", "2024-01-01");
      h.request(DownloadHarness.klines("BTCUSDT", "2024-01-01"));
      assertEquals(null, h.outcome(cachedKey).getString("error"));

      for (String date : new String[] {"2024-01-02", "2024-01-03"}) {
        String key = DownloadHarness.klinesKey("BTCUSDT", date);
        h.mirror.faults().set(key, MirrorFaults.Fault.status(500, -1, -1));
        h.request(DownloadHarness.klines("BTCUSDT", date));
        assertEquals("HTTP_ERROR", h.outcome(key).getString("error"));
      }
      assertEquals("open", h.list().getJsonObject("breaker").getString("state"));
      awaitValue(breakerMetric, "open/critical");

      // Open: what is cached is still answered, anything else fails fast with BREAKER_OPEN (503 at the API).
      JsonObject fromCache = h.vertx.eventBus().<JsonObject>request(DownloadBus.REQUEST,
          DownloadHarness.klines("BTCUSDT", "2024-01-01")).await(5, TimeUnit.SECONDS).body();
      assertEquals(cachedKey, fromCache.getJsonArray("cached").getString(0));
      int seenBefore = h.mirror.seen().size();
      ReplyException refused = (ReplyException) unwrap(assertThrows(Exception.class,
          () -> h.request(DownloadHarness.klines("BTCUSDT", "2024-01-04"))));
      assertEquals(503, refused.failureCode());
      assertEquals("BREAKER_OPEN", Failures.bodyOf(refused).getString("error"));
      assertEquals(seenBefore, h.mirror.seen().size(), "nothing reached the host while open");

      awaitValue(breakerMetric, "half_open/warning");
      String healthy = DownloadHarness.klinesKey("BTCUSDT", "2024-01-04");
      h.request(DownloadHarness.klines("BTCUSDT", "2024-01-04"));
      assertEquals(null, h.outcome(healthy).getString("error"));
      assertEquals("closed", h.list().getJsonObject("breaker").getString("state"));
      awaitValue(breakerMetric, "closed/good");
    }
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  private static void awaitValue(LinkedBlockingQueue<String> values, String wanted) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      String value = values.poll(100, TimeUnit.MILLISECONDS);
      if (wanted.equals(value)) {
        return;
      }
    }
    throw new AssertionError("the downloads section never showed the breaker as " + wanted);
  }
}
