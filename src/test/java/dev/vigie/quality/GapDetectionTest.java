package dev.vigie.quality;

import static dev.vigie.quality.Archives.MARCH_1_MS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Known holes give exactly those gaps; the time unit is read per file. */
class GapDetectionTest {
  private static final String KLINES = "data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-03-01.zip";
  private static final String TRADES = "data/spot/daily/trades/BTCUSDT/BTCUSDT-trades-2024-03-01.zip";
  private static final String AGG = "data/spot/daily/aggTrades/BTCUSDT/BTCUSDT-aggTrades-2024-03-01.zip";

  @TempDir
  Path dir;

  private JsonObject scan(String key, String csv) throws IOException {
    Path file = Archives.zip(dir, key.substring(key.lastIndexOf('/') + 1), csv);
    return new ArchiveScanner(ScanLimits.defaults()).scan(file, key, () -> false);
  }

  @Test
  void aKlinesDayWithTwoHolesHasExactlyThoseGaps() throws IOException {
    JsonObject report = scan(KLINES, Archives.klinesDay(1, 100, 101, 102, 700));
    JsonObject gaps = report.getJsonObject("gaps");
    assertEquals(2L, gaps.getLong("count"));
    assertEquals(4L, gaps.getLong("missing"));
    JsonArray examples = gaps.getJsonArray("examples");
    assertEquals(MARCH_1_MS + 100 * 60_000L, examples.getJsonObject(0).getLong("from"));
    assertEquals(MARCH_1_MS + 102 * 60_000L, examples.getJsonObject(0).getLong("to"));
    assertEquals(3L, examples.getJsonObject(0).getLong("missing"));
    assertEquals(101L, examples.getJsonObject(0).getLong("beforeLine"));
    assertEquals(MARCH_1_MS + 700 * 60_000L, examples.getJsonObject(1).getLong("from"));
    assertEquals(1L, examples.getJsonObject(1).getLong("missing"));
    assertEquals(3L, gaps.getJsonObject("largest").getLong("missing"));
    assertEquals(1436L, report.getJsonObject("coverage").getLong("present"));
    assertEquals(1440L, report.getJsonObject("coverage").getLong("expected"));
    assertEquals(99.72, report.getJsonObject("coverage").getDouble("percent"));
    assertEquals(100.0, report.getDouble("scorePercent"), "a gap is missing data, not a bad row");
  }

  @Test
  void aPartialDayShowsItsMissingHeadAndTail() throws IOException {
    StringBuilder rows = new StringBuilder();
    for (int m = 60; m < 1000; m++) {
      rows.append(Archives.kline(MARCH_1_MS + m * 60_000L, 60_000L, 1));
    }
    JsonObject report = scan(KLINES, rows.toString());
    JsonObject gaps = report.getJsonObject("gaps");
    assertEquals(2L, gaps.getLong("count"));
    assertEquals(60L, gaps.getJsonArray("examples").getJsonObject(0).getLong("missing"));
    assertEquals(MARCH_1_MS, gaps.getJsonArray("examples").getJsonObject(0).getLong("from"));
    assertEquals(440L, gaps.getJsonArray("examples").getJsonObject(1).getLong("missing"));
    assertEquals(MARCH_1_MS + 1439 * 60_000L, gaps.getJsonArray("examples").getJsonObject(1).getLong("to"));
    assertEquals(true, gaps.getJsonArray("examples").getJsonObject(1).getBoolean("afterLastRow"));
    assertEquals(940L, report.getJsonObject("coverage").getLong("present"));
    assertEquals(65.28, report.getJsonObject("coverage").getDouble("percent"));
  }

  @Test
  void aTradesFileWithAnIdJumpHasExactlyThatGap() throws IOException {
    StringBuilder rows = new StringBuilder();
    for (long id = 1000; id < 1500; id++) {
      if (id < 1200 || id > 1249) {
        rows.append(Archives.spotTrade(id, MARCH_1_MS + id, 1));
      }
    }
    JsonObject report = scan(TRADES, rows.toString());
    JsonObject gaps = report.getJsonObject("gaps");
    assertEquals(1L, gaps.getLong("count"));
    assertEquals(50L, gaps.getLong("missing"));
    JsonObject gap = gaps.getJsonArray("examples").getJsonObject(0);
    assertEquals(1200L, gap.getLong("from"));
    assertEquals(1249L, gap.getLong("to"));
    assertEquals(201L, gap.getLong("beforeLine"));
    assertEquals(450L, report.getLong("rows"));
    assertEquals(100.0, report.getDouble("scorePercent"));
  }

  @Test
  void anAggTradesFileWithAnIdJumpHasExactlyThatGap() throws IOException {
    StringBuilder rows = new StringBuilder();
    long[] ids = {1, 2, 3, 7, 8};
    for (long id : ids) {
      rows.append(id).append(",100.0,1.0,").append(id * 10).append(',').append(id * 10 + 2).append(',')
          .append(MARCH_1_MS + id).append(",true,true\n");
    }
    JsonObject gaps = scan(AGG, rows.toString()).getJsonObject("gaps");
    assertEquals(1L, gaps.getLong("count"));
    assertEquals(3L, gaps.getLong("missing"));
    assertEquals(4L, gaps.getJsonArray("examples").getJsonObject(0).getLong("from"));
  }

  @Test
  void aMillisecondFileIsReadInMilliseconds() throws IOException {
    JsonObject report = scan(KLINES, Archives.klinesDay(1));
    assertEquals("ms", report.getString("unit"));
    assertEquals(MARCH_1_MS, report.getLong("firstTime"));
    assertEquals("2024-03-01T00:00:00Z", report.getString("firstTimeIso"));
    assertEquals("2024-03-01T23:59:00Z", report.getString("lastTimeIso"));
    assertEquals(0L, report.getJsonObject("gaps").getLong("count"));
    assertEquals(100.0, report.getJsonObject("coverage").getDouble("percent"));
  }

  @Test
  void aMicrosecondFileIsReadInMicrosecondsWithTheSameGaps() throws IOException {
    JsonObject report = scan(KLINES, Archives.klinesDay(1000, 5));
    assertEquals("us", report.getString("unit"));
    assertEquals(MARCH_1_MS * 1000, report.getLong("firstTime"));
    assertEquals("2024-03-01T00:00:00Z", report.getString("firstTimeIso"));
    JsonObject gaps = report.getJsonObject("gaps");
    assertEquals(1L, gaps.getLong("count"));
    assertEquals((MARCH_1_MS + 5 * 60_000L) * 1000, gaps.getJsonArray("examples").getJsonObject(0).getLong("from"));
    assertEquals(100.0, report.getDouble("scorePercent"));
  }

  @Test
  void microsecondTradesAreCheckedAgainstTheDayInMicroseconds() throws IOException {
    JsonObject report = scan(TRADES, Archives.spotTrade(1, MARCH_1_MS, 1000) + Archives.spotTrade(2, MARCH_1_MS + 1, 1000));
    assertEquals("us", report.getString("unit"));
    assertEquals(100.0, report.getDouble("scorePercent"));
  }

  @Test
  void aMonthlyKlinesFileExpectsEveryIntervalOfTheMonth() throws IOException {
    String key = "data/spot/monthly/klines/BTCUSDT/1h/BTCUSDT-1h-2024-02.zip";
    long feb1 = 1_706_745_600_000L;
    StringBuilder rows = new StringBuilder();
    for (int h = 0; h < 29 * 24; h++) {
      rows.append(Archives.kline(feb1 + h * 3_600_000L, 3_600_000L, 1));
    }
    JsonObject report = scan(key, rows.toString());
    assertEquals(696L, report.getJsonObject("coverage").getLong("expected"));
    assertEquals(100.0, report.getJsonObject("coverage").getDouble("percent"));
    assertEquals(0L, report.getJsonObject("gaps").getLong("count"));
  }
}
