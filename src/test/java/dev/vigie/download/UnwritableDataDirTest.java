package dev.vigie.download;

import static dev.vigie.download.MirroredDownloads.outcome;
import static dev.vigie.kit.TestArchives.klines;
import static dev.vigie.kit.TestArchives.klinesKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.DownloadBus;
import dev.vigie.bus.MonitorBus;
import dev.vigie.kit.Heard;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnwritableDataDirTest {
  @TempDir
  Path temp;

  /** The downloads section's Storage metric, if {@code section} is that section. */
  private static Optional<JsonObject> storage(JsonObject section) {
    if (!section.getString("section").equals("downloads")) {
      return Optional.empty();
    }
    return section.getJsonArray("metrics").stream().map(JsonObject.class::cast)
        .filter(m -> m.getString("label").equals("Storage")).findFirst();
  }

  @Test
  void aDataDirThatCannotBeWrittenFailsClearlyAndLeavesNothingInTheCache() throws Exception {
    Path data = temp.resolve("data");
    Files.createDirectories(data);
    // A file where the tmp directory should be: no process, root included, can create files under it.
    Files.writeString(data.resolve("tmp"), "not a directory");
    // Without the cache, which would not start on this directory (nor would it be asked: nothing is downloaded).
    try (TestVigie vigie = TestVigie.start(MirroredDownloads.config(temp, data).only("download"))) {
      Heard outcomes = vigie.listen(DownloadBus.DONE, DownloadBus.FAILED);
      Heard sections = vigie.listen(MonitorBus.SECTION);
      String key = klinesKey("XRPUSDT", "2024-02-02");
      vigie.ask(DownloadBus.REQUEST, klines("XRPUSDT", "2024-02-02"));
      JsonObject failed = outcome(outcomes, key);

      assertEquals("IO_ERROR", failed.getString("error"), failed.encode());
      assertTrue(failed.getString("message").contains("tmp"), failed.getString("message"));
      JsonObject metric = storage(sections.await("a Storage metric", s -> storage(s).isPresent())).orElseThrow();
      assertEquals("critical", metric.getString("status"), metric.encode());
      assertTrue(metric.getString("hint").contains("tmp"), metric.encode());
      assertFalse(Files.exists(data.resolve("archives")), "nothing entered the cache");
    }
  }
}
