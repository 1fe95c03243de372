package dev.vigie.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Every broken archive of {@link BadArchiveTest}, inflated on the scan's own thread (entries up to 1 MB, as the small
 * types are) instead of on an inflate thread: the same codes. And both ways give the same report.
 */
class BadArchiveOnOneThreadTest extends BadArchiveTest {
  private static final long ONE_THREAD_UP_TO = 1 << 20;

  @Override
  ArchiveScanner scanner(ScanLimits limits) {
    return new ArchiveScanner(limits, ONE_THREAD_UP_TO);
  }

  @Test
  void bothWaysGiveTheSameReport() throws IOException {
    Path file = Archives.zip(dir, NAME, Archives.klinesDay(1, 3, 4, 900));
    JsonObject whole = scanner(ScanLimits.defaults()).scan(file, KEY, () -> false);
    JsonObject streamed = new ArchiveScanner(ScanLimits.defaults(), 0).scan(file, KEY, () -> false);
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

  @Test
  void aBrokenEntryLeavesNothingInThePooledInflaterForTheNextScan() throws IOException {
    ArchiveScanner scanner = scanner(ScanLimits.defaults());
    Path good = Archives.zip(dir, NAME, Archives.klinesDay(1));
    Path bad = flipped(good);
    for (int round = 0; round < 3; round++) {
      assertEquals("failed", scanner.scan(bad, KEY, () -> false).getString("state"));
      JsonObject after = scanner.scan(good, KEY, () -> false);
      assertEquals("completed", after.getString("state"), after.encodePrettily());
      assertEquals(1440L, after.getLong("rows"));
      assertEquals(100.0, after.getDouble("scorePercent"));
    }
  }
}
