package dev.vigie.download;

import static dev.vigie.kit.TestArchives.klines;
import static dev.vigie.kit.TestArchives.klinesKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vigie.bus.DownloadBus;
import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closed right after downloads were asked for, the download area writes its whole journal before the close ends. */
class JournalAtShutdownTest {
  @TempDir
  Path temp;

  @Test
  void everyDownloadAskedBeforeTheCloseIsInTheJournalWrittenWhole() throws Exception {
    Path data = temp.resolve("data");
    Set<String> keys = new TreeSet<>();
    // A source that never answers: one download runs (held), the others wait in the queue.
    try (LoopbackServer silent = LoopbackServer.start(req -> { })) {
      try (TestVigie vigie = TestVigie.start(TestConfig.defaults(data).only("download")
          .set("source.baseUrl", silent.url(""))
          .merge("download", new JsonObject().put("maxConcurrent", 1)))) {
        for (int day = 1; day <= 9; day++) {
          String date = "2024-07-0" + day;
          keys.add(klinesKey("XRPUSDT", date));
          vigie.ask(DownloadBus.REQUEST, klines("XRPUSDT", date));
        }
      }
    }
    Path journal = data.resolve("tmp").resolve("pending.json");
    Set<String> pending = new TreeSet<>();
    new JsonArray(Files.readString(journal)).forEach(entry -> pending.add(((JsonObject) entry).getString("key")));
    assertEquals(keys, pending, "running and queued alike");
    assertFalse(Files.exists(data.resolve("tmp").resolve("pending.json.tmp")), "no temporary file left");
  }
}
