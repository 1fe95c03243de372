package dev.vigie.download;

import static dev.vigie.download.MirroredDownloads.outcome;
import static dev.vigie.kit.TestArchives.klines;
import static dev.vigie.kit.TestArchives.klinesKey;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigie.bus.DownloadBus;
import dev.vigie.bus.Failures;
import dev.vigie.bus.MonitorBus;
import dev.vigie.demo.MirrorFaults;
import dev.vigie.kit.Heard;
import dev.vigie.kit.TestVigie;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CircuitBreakerTest {
  @TempDir
  Path temp;

  @Test
  void theBreakerOpensFailsFastGoesHalfOpenAndClosesAgain() throws Exception {
    JsonObject download = new JsonObject().put("breakerMaxFailures", 2).put("breakerResetMs", 700)
        .put("retryAttempts", 1);
    try (TestVigie vigie = TestVigie.start(MirroredDownloads.config(temp).only("cache", "download")
        .merge("download", download))) {
      Heard outcomes = vigie.listen(DownloadBus.DONE, DownloadBus.FAILED);
      Heard sections = vigie.listen(MonitorBus.SECTION);
      String cachedKey = klinesKey("BTCUSDT", "2024-01-01");
      vigie.ask(DownloadBus.REQUEST, klines("BTCUSDT", "2024-01-01"));
      assertEquals(null, outcome(outcomes, cachedKey).getString("error"));

      for (String date : new String[] {"2024-01-02", "2024-01-03"}) {
        String key = klinesKey("BTCUSDT", date);
        vigie.mirror().faults().set(key, MirrorFaults.Fault.status(500, -1, -1));
        vigie.ask(DownloadBus.REQUEST, klines("BTCUSDT", date));
        assertEquals("HTTP_ERROR", outcome(outcomes, key).getString("error"));
      }
      assertEquals("open", vigie.ask(DownloadBus.LIST, null).getJsonObject("breaker").getString("state"));
      awaitBreaker(sections, "open/critical");

      // Open: what is cached is still answered, anything else fails fast with BREAKER_OPEN (503 at the API).
      JsonObject fromCache = vigie.ask(DownloadBus.REQUEST, klines("BTCUSDT", "2024-01-01"));
      assertEquals(cachedKey, fromCache.getJsonArray("cached").getString(0));
      int seenBefore = vigie.mirror().seen().size();
      ReplyException refused = vigie.refusal(DownloadBus.REQUEST, klines("BTCUSDT", "2024-01-04"));
      assertEquals(503, refused.failureCode());
      assertEquals("BREAKER_OPEN", Failures.bodyOf(refused).getString("error"));
      assertEquals(seenBefore, vigie.mirror().seen().size(), "nothing reached the host while open");

      awaitBreaker(sections, "half_open/warning");
      // Closed again is news only from here on: the section showed it closed before the failures too.
      Heard afterHalfOpen = vigie.listen(MonitorBus.SECTION);
      String healthy = klinesKey("BTCUSDT", "2024-01-04");
      vigie.ask(DownloadBus.REQUEST, klines("BTCUSDT", "2024-01-04"));
      assertEquals(null, outcome(outcomes, healthy).getString("error"));
      assertEquals("closed", vigie.ask(DownloadBus.LIST, null).getJsonObject("breaker").getString("state"));
      awaitBreaker(afterHalfOpen, "closed/good");
    }
  }

  private static void awaitBreaker(Heard sections, String wanted) {
    sections.await("the downloads section showing the breaker as " + wanted,
        s -> s.getString("section").equals("downloads") && s.getJsonArray("metrics").stream()
            .map(JsonObject.class::cast).filter(m -> m.getString("label").equals("Breaker"))
            .anyMatch(m -> wanted.equals(m.getString("value") + "/" + m.getString("status"))));
  }
}
