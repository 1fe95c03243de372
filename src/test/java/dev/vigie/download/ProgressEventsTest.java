package dev.vigie.download;

import static dev.vigie.download.MirroredDownloads.mirrorSize;
import static dev.vigie.download.MirroredDownloads.outcome;
import static dev.vigie.kit.TestArchives.trades;
import static dev.vigie.kit.TestArchives.tradesKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vigie.bus.DownloadBus;
import dev.vigie.demo.MirrorFaults;
import dev.vigie.kit.Heard;
import dev.vigie.kit.TestVigie;
import dev.vigie.kit.Wait;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ProgressEventsTest {
  @TempDir
  Path temp;

  private record Event(long atMs, JsonObject body) {
  }

  @Test
  void progressComesAtMostFourTimesASecondAndTheCompletionIsLogged() throws Exception {
    try (TestVigie vigie = TestVigie.start(MirroredDownloads.config(temp).only("cache", "download"))) {
      Heard outcomes = vigie.listen(DownloadBus.DONE, DownloadBus.FAILED);
      String key = tradesKey("ADAUSDT", "2024-07-01");
      long size = mirrorSize(vigie, key);
      vigie.mirror().faults().set(key, MirrorFaults.Fault.throttle(size / 2));
      List<Event> events = new CopyOnWriteArrayList<>();
      Wait.await("listening to progress", vigie.vertx().eventBus().<JsonObject>consumer(DownloadBus.PROGRESS,
          msg -> events.add(new Event(System.currentTimeMillis(), msg.body()))).completion());

      ListAppender<ILoggingEvent> log = new ListAppender<>();
      log.start();
      ((Logger) LoggerFactory.getLogger("downloader")).addAppender(log);

      vigie.ask(DownloadBus.REQUEST, trades("ADAUSDT", "2024-07-01"));
      assertEquals(null, outcome(outcomes, key).getString("error"));

      // Another Vigie may run beside this test (FreshDemoAlertsTest runs concurrently) and log to the same logger.
      ILoggingEvent completed = List.copyOf(log.list).stream().filter(e -> e.getMessage().equals("download_completed")
          && String.valueOf(e.getArgumentArray()[0]).contains("symbol=ADAUSDT")).findFirst().orElseThrow();
      String context = String.valueOf(completed.getArgumentArray()[0]);
      for (String field : List.of("symbol=ADAUSDT", "date=2024-07-01", "size_mb=", "duration_ms=")) {
        assertTrue(context.contains(field), context);
      }
      ((Logger) LoggerFactory.getLogger("downloader")).detachAppender(log);

      assertTrue(events.size() >= 3, "a two-second transfer reports progress: " + events.size());
      for (int i = 1; i < events.size(); i++) {
        JsonObject previous = events.get(i - 1).body();
        JsonObject event = events.get(i).body();
        assertTrue(event.getLong("bytes") > previous.getLong("bytes"));
      }
      long spanMs = events.get(events.size() - 1).atMs() - events.get(0).atMs();
      assertTrue(events.size() <= spanMs / 250 + 2, "at most 4 a second: " + events.size() + " in " + spanMs + " ms");
      JsonObject last = events.get(events.size() - 1).body();
      assertEquals(size, last.getLong("total"));
      assertTrue(last.getLong("bytesPerSecond") > 0 && last.getLong("etaSeconds") >= 0, last.encode());
      assertEquals(key, last.getString("key"));
    }
  }
}
