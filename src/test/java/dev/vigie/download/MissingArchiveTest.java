package dev.vigie.download;

import static dev.vigie.download.MirroredDownloads.outcome;
import static dev.vigie.kit.TestArchives.klines;
import static dev.vigie.kit.TestArchives.klinesKey;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigie.bus.DownloadBus;
import dev.vigie.demo.MirrorFaults;
import dev.vigie.kit.Heard;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MissingArchiveTest {
  @TempDir
  Path temp;

  @Test
  void a404IsReportedAsMissingWithoutRetrying() throws Exception {
    try (TestVigie vigie = TestVigie.start(MirroredDownloads.config(temp).only("cache", "download"))) {
      Heard outcomes = vigie.listen(DownloadBus.DONE, DownloadBus.FAILED);
      String key = klinesKey("BTCUSDT", "2021-02-03");
      vigie.mirror().faults().set(key, MirrorFaults.Fault.status(404, -1, -1));

      vigie.ask(DownloadBus.REQUEST, klines("BTCUSDT", "2021-02-03"));
      JsonObject failed = outcome(outcomes, key);

      assertEquals("MISSING", failed.getString("error"), failed.encode());
      assertEquals(1, failed.getInteger("attempts"));
      assertEquals(1, vigie.mirror().seen().size(), vigie.mirror().seen().toString());
      JsonObject counts = vigie.ask(DownloadBus.LIST, null).getJsonObject("counts");
      assertEquals(1, counts.getInteger("missing"));
      assertEquals(0, counts.getInteger("failed"));
    }
  }
}
