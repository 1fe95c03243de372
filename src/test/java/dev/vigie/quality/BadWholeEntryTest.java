package dev.vigie.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Every broken archive of {@link BadArchiveTest}, read whole (the small-entry path, here up to 1 MB) instead of
 * streamed: the same codes. And a whole read and a streamed one give the same report.
 */
class BadWholeEntryTest extends BadArchiveTest {
  private static final long WHOLE_UP_TO = 1 << 20;

  @Override
  ArchiveScanner scanner(ScanLimits limits) {
    return new ArchiveScanner(limits, WHOLE_UP_TO);
  }

  @Test
  void aWholeReadAndAStreamedOneGiveTheSameReport() throws IOException {
    Path file = Archives.zip(dir, "BTCUSDT-1m-2024-03-01.zip", Archives.klinesDay(1, 3, 4, 900));
    String key = "data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-03-01.zip";
    JsonObject whole = scanner(ScanLimits.defaults()).scan(file, key, () -> false);
    JsonObject streamed = new ArchiveScanner(ScanLimits.defaults(), 0).scan(file, key, () -> false);
    for (JsonObject report : new JsonObject[] {whole, streamed}) {
      report.remove("durationMs");
      report.remove("mbPerSecond");
      report.remove("finishedAt");
    }
    assertEquals(streamed, whole);
    assertEquals("completed", whole.getString("state"));
    assertEquals(2L, whole.getJsonObject("gaps").getLong("count"), whole.encodePrettily());
    assertEquals(3L, whole.getJsonObject("gaps").getLong("missing"), whole.encodePrettily());
  }
}
