package dev.vigie.download;

import static dev.vigie.download.MirroredDownloads.mirrorSha;
import static dev.vigie.download.MirroredDownloads.outcome;
import static dev.vigie.kit.TestArchives.klines;
import static dev.vigie.kit.TestArchives.klinesKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.DownloadBus;
import dev.vigie.bus.MonitorBus;
import dev.vigie.demo.MirrorFaults;
import dev.vigie.kit.Heard;
import dev.vigie.kit.TestVigie;
import dev.vigie.kit.Wait;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source's breaker keeps the work, not just itself: while it is open, running and newly asked downloads wait for
 * the source (shown as waiting), nothing fails with BREAKER_OPEN, and once a half-open trial succeeds every one of
 * them completes, verified.
 */
class CircuitBreakerTest {
  @TempDir
  Path temp;

  @Test
  void whileTheBreakerIsOpenDownloadsWaitAndAllCompleteOnceTheSourceHeals() throws Exception {
    JsonObject download = new JsonObject().put("breakerMaxFailures", 2).put("breakerResetMs", 500)
        .put("retryAttempts", 3);
    try (TestVigie vigie = TestVigie.start(MirroredDownloads.config(temp).only("cache", "download")
        .merge("download", download))) {
      Heard outcomes = vigie.listen(DownloadBus.DONE, DownloadBus.FAILED);
      Heard sections = vigie.listen(MonitorBus.SECTION);
      String cachedKey = klinesKey("BTCUSDT", "2024-01-01");
      vigie.ask(DownloadBus.REQUEST, klines("BTCUSDT", "2024-01-01"));
      assertNull(outcome(outcomes, cachedKey).getString("error"));

      List<String> dates = List.of("2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-06");
      for (String date : dates) {
        vigie.mirror().faults().set(klinesKey("BTCUSDT", date), MirrorFaults.Fault.status(500, -1, -1));
      }
      // The source is down: two downloads fail against it until the breaker opens, then wait.
      vigie.ask(DownloadBus.REQUEST, klines("BTCUSDT", "2024-01-02"));
      vigie.ask(DownloadBus.REQUEST, klines("BTCUSDT", "2024-01-03"));
      awaitMetric(sections, "Breaker", "open/critical");
      JsonObject waiting = awaitMetric(sections, "Waiting", "2/warning");
      assertEquals(2, waiting.getJsonObject("details").getInteger("waitingForSource"), waiting.encode());

      // Asked while open: accepted, and said to wait; what is cached is still answered from the cache.
      for (String date : dates.subList(2, dates.size())) {
        JsonObject reply = vigie.ask(DownloadBus.REQUEST, klines("BTCUSDT", date));
        assertEquals(1, reply.getJsonArray("queued").size(), reply.encode());
      }
      assertEquals(cachedKey, vigie.ask(DownloadBus.REQUEST, klines("BTCUSDT", "2024-01-01"))
          .getJsonArray("cached").getString(0));
      JsonObject list = vigie.ask(DownloadBus.LIST, null);
      assertTrue(list.getJsonArray("items").stream().map(JsonObject.class::cast)
          .anyMatch(job -> "waiting".equals(job.getString("state")) && "source".equals(job.getString("waitingFor"))),
          list.encode());

      // Half-open trials fail while the outage lasts, each opening the breaker again; nothing is given up. (The
      // half-open state lasts as long as one failed request to a local mirror, too short for a section push to show
      // it reliably: the breaker's own "opened" entries in the activity log count the trials.)
      Heard activity = vigie.listen(MonitorBus.ACTIVITY);
      Wait.eventually("two failed half-open trials, each opening the breaker again", () -> activity.all().stream()
          .filter(entry -> entry.getString("message").startsWith("circuit breaker for ")
              && entry.getString("message").contains(" opened"))
          .count() >= 2);
      assertTrue(outcomes.all().stream().noneMatch(o -> o.containsKey("error")), outcomes.all().toString());

      vigie.mirror().faults().clearAll();
      for (String date : dates) {
        String key = klinesKey("BTCUSDT", date);
        JsonObject done = outcome(outcomes, key);
        assertNull(done.getString("error"), done.encode());
        assertEquals(mirrorSha(vigie, key), done.getString("sha256"), key);
      }
      assertTrue(outcomes.all().stream().noneMatch(o -> o.containsKey("error")), "no job failed: " + outcomes.all());
      Wait.eventually("the breaker closed", () -> "closed".equals(
          vigie.ask(DownloadBus.LIST, null).getJsonObject("breaker").getString("state")));
      assertEquals(0, vigie.ask(DownloadBus.LIST, null).getInteger("waitingForSource"));
    }
  }

  private static JsonObject awaitMetric(Heard sections, String label, String wanted) {
    return sections.await("the downloads section showing " + label + " as " + wanted,
        s -> s.getString("section").equals("downloads") && s.getJsonArray("metrics").stream()
            .map(JsonObject.class::cast).filter(m -> m.getString("label").equals(label))
            .anyMatch(m -> wanted.equals(m.getValue("value") + "/" + m.getString("status"))));
  }
}
