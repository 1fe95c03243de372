package dev.vigie.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Binance CSVs (testdata/binance-real), zipped as Binance does. */
class RealBinanceFilesTest {
  private static final Path REAL = Path.of(System.getProperty("vigie.testdata", "src/test/resources/binance-real"));

  @TempDir
  Path dir;

  @Test
  void theRealFuturesDayIsComplete() throws IOException {
    String name = "BTCUSDT-1m-2023-04-15.zip";
    Path file = Archives.zip(dir, name, Files.readAllBytes(REAL.resolve("BTCUSDT-1m-2023-04-15.csv")));
    JsonObject report = new ArchiveScanner(ScanLimits.defaults())
        .scan(file, "data/futures/um/daily/klines/BTCUSDT/1m/" + name, () -> false);
    assertEquals("completed", report.getString("state"), report.encodePrettily());
    assertTrue(report.getBoolean("header"));
    assertEquals(1440L, report.getLong("rows"));
    assertEquals(1440L, report.getLong("validRows"));
    assertEquals(100.0, report.getJsonObject("coverage").getDouble("percent"));
    assertEquals(100.0, report.getDouble("scorePercent"));
    assertEquals(0L, report.getJsonObject("gaps").getLong("count"));
    assertEquals("ms", report.getString("unit"));
    assertEquals("2023-04-15T00:00:00Z", report.getString("firstTimeIso"));
    assertEquals("2023-04-15T23:59:00Z", report.getString("lastTimeIso"));
    assertEquals(162_020L - 0, report.getLong("uncompressedBytes"));
  }

  @Test
  void theRealSpotRowsAreValidAndShowTheMissingRestOfTheDay() throws IOException {
    String name = "ADABTC-1m-2021-11-27.zip";
    Path file = Archives.zip(dir, name, Files.readAllBytes(REAL.resolve("ADABTC-1m-2021-11-27.csv")));
    JsonObject report = new ArchiveScanner(ScanLimits.defaults())
        .scan(file, "data/spot/daily/klines/ADABTC/1m/" + name, () -> false);
    assertEquals("completed", report.getString("state"), report.encodePrettily());
    assertFalse(report.getBoolean("header"));
    assertEquals(10L, report.getLong("rows"));
    assertEquals(100.0, report.getDouble("scorePercent"));
    assertEquals(10L, report.getJsonObject("coverage").getLong("present"));
    assertEquals(1L, report.getJsonObject("gaps").getLong("count"));
    assertEquals(1430L, report.getJsonObject("gaps").getLong("missing"));
  }
}
