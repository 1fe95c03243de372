package dev.vigie.download;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigie.demo.MirrorFaults;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MissingArchiveTest {
  @TempDir
  Path temp;

  @Test
  void a404IsReportedAsMissingWithoutRetrying() throws Exception {
    try (DownloadHarness h = new DownloadHarness(temp, new JsonObject())) {
      String key = DownloadHarness.klinesKey("BTCUSDT", "2021-02-03");
      h.mirror.faults().set(key, MirrorFaults.Fault.status(404, -1, -1));

      h.request(DownloadHarness.klines("BTCUSDT", "2021-02-03"));
      JsonObject failed = h.outcome(key);

      assertEquals("MISSING", failed.getString("error"), failed.encode());
      assertEquals(1, failed.getInteger("attempts"));
      assertEquals(1, h.mirror.seen().size(), h.mirror.seen().toString());
      JsonObject counts = h.list().getJsonObject("counts");
      assertEquals(1, counts.getInteger("missing"));
      assertEquals(0, counts.getInteger("failed"));
    }
  }
}
