package dev.vigie.quality;

import static dev.vigie.quality.Archives.MARCH_1_MS;
import static dev.vigie.quality.Archives.kline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each row rule, on a small archive holding good rows around exactly one bad row. */
class RowValidationTest {
  private static final String KLINES = "data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-03-01.zip";
  private static final String SPOT_TRADES = "data/spot/daily/trades/BTCUSDT/BTCUSDT-trades-2024-03-01.zip";
  private static final String FUTURES_AGG = "data/futures/um/daily/aggTrades/BTCUSDT/BTCUSDT-aggTrades-2024-03-01.zip";

  @TempDir
  Path dir;

  private JsonObject scan(String key, String csv) throws IOException {
    Path file = Archives.zip(dir, key.substring(key.lastIndexOf('/') + 1), csv);
    return new ArchiveScanner(ScanLimits.defaults()).scan(file, key, () -> false);
  }

  private static String minute(int m) {
    return kline(MARCH_1_MS + m * 60_000L, 60_000L, 1);
  }

  private static String klinesAround(String bad) {
    return minute(0) + minute(1) + bad + minute(3) + minute(4);
  }

  private static void assertOneBad(JsonObject report, String reason, long line) {
    assertEquals("completed", report.getString("state"), report.encodePrettily());
    assertEquals(1L, report.getLong("badRows"), report.encodePrettily());
    assertEquals(1L, report.getJsonObject("badByReason").getLong(reason), report.encodePrettily());
    JsonObject example = report.getJsonArray("badExamples").getJsonObject(0);
    assertEquals(reason, example.getString("reason"));
    assertEquals(line, example.getLong("line"));
  }

  @Test
  void aRowWithTheWrongColumnCountIsBad() throws IOException {
    String bad = minute(2).replace(",0\n", "\n");
    assertOneBad(scan(KLINES, klinesAround(bad)), "COLUMN_COUNT", 3);
  }

  @Test
  void aFieldThatIsNotANumberIsBad() throws IOException {
    String bad = minute(2).replace(",100.5,", ",1O0.5,");
    assertOneBad(scan(KLINES, klinesAround(bad)), "NOT_NUMERIC", 3);
  }

  @Test
  void anEmptyNumericFieldIsBad() throws IOException {
    String bad = minute(2).replace(",12.5,", ",,");
    assertOneBad(scan(KLINES, klinesAround(bad)), "NOT_NUMERIC", 3);
  }

  @Test
  void aLowAboveTheOpenBreaksOhlc() throws IOException {
    String bad = minute(2).replace(",99.5,", ",100.6,");
    assertOneBad(scan(KLINES, klinesAround(bad)), "OHLC_INCONSISTENT", 3);
  }

  @Test
  void aHighBelowTheCloseBreaksOhlc() throws IOException {
    String bad = minute(2).replace(",101.0,", ",100.2,");
    assertOneBad(scan(KLINES, klinesAround(bad)), "OHLC_INCONSISTENT", 3);
  }

  @Test
  void aNegativeVolumeIsBad() throws IOException {
    String bad = minute(2).replace(",12.5,", ",-12.5,");
    assertOneBad(scan(KLINES, klinesAround(bad)), "NEGATIVE_VALUE", 3);
  }

  @Test
  void aCloseTimeNotAfterTheOpenTimeIsBad() throws IOException {
    long open = MARCH_1_MS + 2 * 60_000L;
    String bad = minute(2).replace("," + (open + 59_999) + ",", "," + open + ",");
    assertOneBad(scan(KLINES, klinesAround(bad)), "CLOSE_NOT_AFTER_OPEN", 3);
  }

  @Test
  void aRepeatedOpenTimeIsADuplicate() throws IOException {
    JsonObject report = scan(KLINES, minute(0) + minute(1) + minute(1) + minute(2));
    assertOneBad(report, "DUPLICATE", 3);
    assertEquals(1L, report.getLong("duplicates"));
    JsonObject gaps = report.getJsonObject("gaps");
    assertEquals(1L, gaps.getLong("count"), "only the rest of the day is missing");
    assertTrue(gaps.getJsonArray("examples").getJsonObject(0).getBoolean("afterLastRow"));
  }

  @Test
  void anOpenTimeGoingBackwardsIsOutOfOrder() throws IOException {
    assertOneBad(scan(KLINES, minute(0) + minute(1) + minute(3) + minute(2) + minute(4)), "OUT_OF_ORDER", 4);
  }

  @Test
  void aRowOutsideTheFilesDayIsBad() throws IOException {
    String nextDay = kline(MARCH_1_MS + Archives.DAY_MS, 60_000L, 1);
    assertOneBad(scan(KLINES, minute(0) + minute(1) + nextDay), "OUTSIDE_PERIOD", 3);
  }

  @Test
  void aMicrosecondRowInAMillisecondFileIsAUnitMismatch() throws IOException {
    String micros = kline(MARCH_1_MS + 2 * 60_000L, 60_000L, 1000);
    assertOneBad(scan(KLINES, klinesAround(micros)), "UNIT_MISMATCH", 3);
  }

  @Test
  void aHeaderRowIsDetectedAndSkipped() throws IOException {
    String header = "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,"
        + "taker_buy_quote_volume,ignore\n";
    JsonObject report = scan(KLINES, header + minute(0) + minute(1));
    assertTrue(report.getBoolean("header"));
    assertEquals(2L, report.getLong("rows"));
    assertEquals(100.0, report.getDouble("scorePercent"));
  }

  @Test
  void aFileWithoutHeaderStartsWithData() throws IOException {
    JsonObject report = scan(KLINES, minute(0) + minute(1));
    assertFalse(report.getBoolean("header"));
    assertEquals(2L, report.getLong("rows"));
  }

  @Test
  void aTextFieldAfterTheFirstLineIsABadRowNotAHeader() throws IOException {
    JsonObject report = scan(KLINES, minute(0) + "open_time,x,x,x,x,x,x,x,x,x,x,x\n" + minute(1));
    assertOneBad(report, "NOT_NUMERIC", 2);
  }

  @Test
  void spotTradesNeedSevenColumnsAndBooleans() throws IOException {
    String rows = Archives.spotTrade(1, MARCH_1_MS, 1) + Archives.spotTrade(2, MARCH_1_MS + 1, 1)
        + "3,100.25,0.5,50.125," + (MARCH_1_MS + 2) + ",maybe,true\n"
        + "4,100.25,0.5,50.125," + (MARCH_1_MS + 3) + ",true\n";
    JsonObject report = scan(SPOT_TRADES, rows);
    assertEquals(4L, report.getLong("rows"));
    assertEquals(1L, report.getJsonObject("badByReason").getLong("NOT_BOOLEAN"));
    assertEquals(1L, report.getJsonObject("badByReason").getLong("COLUMN_COUNT"));
    assertEquals("spot", report.getString("market"));
  }

  @Test
  void aTradeTimeGoingBackwardsIsBad() throws IOException {
    String rows = Archives.spotTrade(1, MARCH_1_MS + 10, 1) + Archives.spotTrade(2, MARCH_1_MS + 5, 1)
        + Archives.spotTrade(3, MARCH_1_MS + 11, 1);
    assertOneBad(scan(SPOT_TRADES, rows), "TIME_DECREASING", 2);
  }

  @Test
  void aTradeWithAZeroPriceIsBad() throws IOException {
    String rows = Archives.spotTrade(1, MARCH_1_MS, 1) + Archives.spotTrade(2, MARCH_1_MS, 1).replace(",100.25,", ",0,");
    assertOneBad(scan(SPOT_TRADES, rows), "NEGATIVE_VALUE", 2);
  }

  @Test
  void aRepeatedTradeIdIsADuplicate() throws IOException {
    String rows = Archives.spotTrade(1, MARCH_1_MS, 1) + Archives.spotTrade(1, MARCH_1_MS, 1) + Archives.spotTrade(2, MARCH_1_MS, 1);
    JsonObject report = scan(SPOT_TRADES, rows);
    assertOneBad(report, "DUPLICATE", 2);
    assertEquals(0L, report.getJsonObject("gaps").getLong("count"));
  }

  @Test
  void futuresAggTradesHaveSevenColumnsAndOrderedTradeRanges() throws IOException {
    String rows = "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n"
        + "10,100.1,0.5,100,102," + MARCH_1_MS + ",true\n"
        + "11,100.2,0.5,105,103," + (MARCH_1_MS + 1) + ",false\n"
        + "12,100.2,0.5,106,106," + (MARCH_1_MS + 2) + ",false,true\n"
        + "13,100.3,0.5,107,109," + (MARCH_1_MS + 3) + ",false\n";
    JsonObject report = scan(FUTURES_AGG, rows);
    assertTrue(report.getBoolean("header"));
    assertEquals(4L, report.getLong("rows"));
    assertEquals(1L, report.getJsonObject("badByReason").getLong("TRADE_RANGE_INVERTED"));
    assertEquals(1L, report.getJsonObject("badByReason").getLong("COLUMN_COUNT"));
    assertEquals(50.0, report.getDouble("scorePercent"));
  }

  @Test
  void theMarketComesFromTheFirstRowWhenTheNameDoesNotSayIt() throws IOException {
    Path file = Archives.zip(dir, "BTCUSDT-trades-2024-03-01.zip",
        Archives.futuresTrade(1, MARCH_1_MS) + Archives.futuresTrade(2, MARCH_1_MS + 1));
    JsonObject report = new ArchiveScanner(ScanLimits.defaults()).scan(file, file.toString(), () -> false);
    assertEquals("futures", report.getString("market"));
    assertEquals(100.0, report.getDouble("scorePercent"));
  }

  @Test
  void onlyTheFirstTenBadRowsAreKeptAsExamples() throws IOException {
    StringBuilder rows = new StringBuilder(minute(0));
    for (int i = 0; i < 25; i++) {
      rows.append("garbage\n");
    }
    JsonObject report = scan(KLINES, rows.toString());
    assertEquals(26L, report.getLong("rows"));
    assertEquals(25L, report.getLong("badRows"));
    assertEquals(ScanTally.EXAMPLES, report.getJsonArray("badExamples").size());
    assertEquals(2L, report.getJsonArray("badExamples").getJsonObject(0).getLong("line"));
    assertEquals(3.85, report.getDouble("scorePercent"));
  }

  @Test
  void scoreIsValidRowsOverRows() throws IOException {
    JsonObject report = scan(KLINES, minute(0) + minute(1) + minute(2) + minute(2));
    assertEquals(4L, report.getLong("rows"));
    assertEquals(3L, report.getLong("validRows"));
    assertEquals(75.0, report.getDouble("scorePercent"));
  }
}
