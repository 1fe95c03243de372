package dev.vigie.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.quality.ArchiveScanner;
import dev.vigie.quality.ScanLimits;
import dev.vigie.vision.ArchiveSpec;
import dev.vigie.vision.DataType;
import dev.vigie.vision.Interval;
import dev.vigie.vision.Market;
import dev.vigie.vision.Period;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mirror can serve every published data type, and what it serves is valid: the scanner gives it 100 %. */
class ArchiveGeneratorTest {
  @TempDir
  Path dir;

  private static List<ArchiveSpec> onePerTypeMarketAndPeriod() {
    List<ArchiveSpec> specs = new ArrayList<>();
    for (Market market : Market.values()) {
      String symbol = market == Market.CM ? "BTCUSD_PERP" : market == Market.OPTION ? "BTCBVOLUSDT" : "BTCUSDT";
      for (DataType type : DataType.values()) {
        for (Period period : type.periods()) {
          Interval interval = type.klineKind() ? (period == Period.DAILY ? Interval.FIVE_MINUTES : Interval.ONE_WEEK) : null;
          if (type.unpublished(market, period, interval).isEmpty()) {
            // Spot's 2025 files are in microseconds; the others in milliseconds.
            String date = period == Period.DAILY ? (market == Market.SPOT ? "2025-02-03" : "2024-03-01") : "2024-02";
            specs.add(new ArchiveSpec(market, period, type, symbol, interval, date));
          }
        }
      }
    }
    return specs;
  }

  @Test
  void everyPublishedTypeIsGeneratedValidAndComplete() throws IOException {
    ArchiveGenerator generator = new ArchiveGenerator(500);
    ArchiveScanner scanner = new ArchiveScanner(ScanLimits.defaults());
    List<ArchiveSpec> specs = onePerTypeMarketAndPeriod();
    assertEquals(6 + 2 * 18 + 2, specs.size());
    for (ArchiveSpec spec : specs) {
      ArchiveGenerator.Generated archive = generator.write(spec, dir.resolve(spec.key()));
      JsonObject report = scanner.scan(archive.path(), spec.key(), () -> false);
      String what = spec.key() + ": " + report.encodePrettily();
      assertEquals("completed", report.getString("state"), what);
      assertEquals(100.0, report.getDouble("scorePercent"), what);
      assertEquals(0L, report.getJsonObject("gaps").getLong("count"), what);
      assertEquals(spec.market() != Market.SPOT, report.getBoolean("header"), what);
      if (report.containsKey("coverage")) {
        assertEquals(100.0, report.getJsonObject("coverage").getDouble("percent"), what);
      }
      if (spec.market() == Market.SPOT) {
        assertEquals(spec.period() == Period.DAILY ? "us" : "ms", report.getString("unit"), what);
      }
    }
  }

  @Test
  void aRevisionRepublishesTheSameArchiveWithOtherBytes() throws IOException {
    ArchiveGenerator generator = new ArchiveGenerator(500);
    ArchiveSpec spec = new ArchiveSpec(Market.UM, Period.DAILY, DataType.METRICS, "BTCUSDT", null, "2024-03-01");
    String first = generator.write(spec, dir.resolve("a.zip"), 0, false).sha256();
    assertEquals(first, generator.write(spec, dir.resolve("b.zip"), 0, false).sha256(), "the same path gives the same bytes");
    String republished = generator.write(spec, dir.resolve("c.zip"), 1, false).sha256();
    assertNotEquals(first, republished);
    JsonObject report = new ArchiveScanner(ScanLimits.defaults()).scan(dir.resolve("c.zip"), spec.key(), () -> false);
    assertTrue(report.getDouble("scorePercent") == 100.0, report.encodePrettily());
  }
}
