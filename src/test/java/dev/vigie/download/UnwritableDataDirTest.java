package dev.vigie.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.MonitorBus;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnwritableDataDirTest {
  @TempDir
  Path temp;

  @Test
  void aDataDirThatCannotBeWrittenFailsClearlyAndLeavesNothingInTheCache() throws Exception {
    Path data = temp.resolve("data");
    Files.createDirectories(data);
    // A file where the tmp directory should be: no process, root included, can create files under it.
    Files.writeString(data.resolve("tmp"), "not a directory");
    try (DownloadHarness h = new DownloadHarness(temp, new JsonObject(), data)) {
      LinkedBlockingQueue<JsonObject> storage = new LinkedBlockingQueue<>();
      h.vertx.eventBus().<JsonObject>consumer(MonitorBus.SECTION, msg -> {
        if (msg.body().getString("section").equals("downloads")) {
          msg.body().getJsonArray("metrics").stream().map(JsonObject.class::cast)
              .filter(m -> m.getString("label").equals("Storage")).forEach(storage::add);
        }
      });
      String key = DownloadHarness.klinesKey("XRPUSDT", "2024-02-02");
      h.request(DownloadHarness.klines("XRPUSDT", "2024-02-02"));
      JsonObject failed = h.outcome(key);

      assertEquals("IO_ERROR", failed.getString("error"), failed.encode());
      assertTrue(failed.getString("message").contains("tmp"), failed.getString("message"));
      JsonObject metric = storage.poll(5, TimeUnit.SECONDS);
      assertEquals("critical", metric.getString("status"), metric.encode());
      assertTrue(metric.getString("hint").contains("tmp"), metric.encode());
      assertFalse(Files.exists(data.resolve("archives")), "nothing entered the cache");
    }
  }
}
