package dev.vigie.quality;

import static dev.vigie.quality.Archives.DAY_MS;
import static dev.vigie.quality.Archives.MARCH_1_MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every data type's own rules, on fixtures in each type's documented columns: a valid file scores 100 %, and each
 * invariant broken on purpose is found, named and counted (twice, on two rows, so the count is proven).
 */
class DataTypeRulesTest {
  private static final long HOUR_MS = 3_600_000L;
  private static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
      .withZone(ZoneOffset.UTC);

  @TempDir
  Path dir;

  /** A CSV as rows, so a test can swap some for broken ones. */
  private record Csv(String header, List<String> rows) {
    static Csv of(String header, int count, IntFunction<String> row) {
      List<String> rows = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        rows.add(row.apply(i));
      }
      return new Csv(header, rows);
    }

    Csv with(int index, String row) {
      List<String> copy = new ArrayList<>(rows);
      copy.set(index, row);
      return new Csv(header, copy);
    }

    Csv without(int... indexes) {
      List<String> copy = new ArrayList<>();
      outer:
      for (int i = 0; i < rows.size(); i++) {
        for (int skip : indexes) {
          if (skip == i) {
            continue outer;
          }
        }
        copy.add(rows.get(i));
      }
      return new Csv(header, copy);
    }

    String text() {
      StringBuilder sb = new StringBuilder();
      if (header != null) {
        sb.append(header).append('\n');
      }
      rows.forEach(row -> sb.append(row).append('\n'));
      return sb.toString();
    }
  }

  private JsonObject scan(String key, Csv csv) throws IOException {
    Path file = Archives.zip(dir, key.substring(key.lastIndexOf('/') + 1), csv.text());
    return new ArchiveScanner(ScanLimits.defaults()).scan(file, key, () -> false);
  }

  private void assertValid(String key, Csv csv) throws IOException {
    JsonObject report = scan(key, csv);
    assertEquals("completed", report.getString("state"), report.encodePrettily());
    assertEquals(100.0, report.getDouble("scorePercent"), report.encodePrettily());
    assertEquals((long) csv.rows().size(), report.getLong("rows"));
    assertEquals(0L, report.getJsonObject("gaps").getLong("count"), report.encodePrettily());
    assertEquals(csv.header() != null, report.getBoolean("header"));
    if (report.containsKey("coverage")) {
      assertEquals(100.0, report.getJsonObject("coverage").getDouble("percent"), report.encodePrettily());
    }
  }

  /** Rows {@code a} and {@code b} broken the same way: both are found under {@code reason}, and nothing else. */
  private void assertBroken(String key, Csv csv, String reason, int a, IntFunction<String> broken)
      throws IOException {
    int b = a + 3;
    JsonObject report = scan(key, csv.with(a, broken.apply(a)).with(b, broken.apply(b)));
    assertEquals("completed", report.getString("state"), report.encodePrettily());
    assertEquals(2L, report.getLong("badRows"), reason + ": " + report.encodePrettily());
    assertEquals(2L, report.getJsonObject("badByReason").getLong(reason), report.encodePrettily());
    JsonObject example = report.getJsonArray("badExamples").getJsonObject(0);
    assertEquals(reason, example.getString("reason"));
    assertEquals(a + 1L + (csv.header() == null ? 0 : 1), example.getLong("line"));
    assertTrue(report.getDouble("scorePercent") < 100.0);
  }

  private JsonObject assertGap(String key, Csv csv, long missing) throws IOException {
    JsonObject report = scan(key, csv);
    assertEquals("completed", report.getString("state"), report.encodePrettily());
    assertEquals(100.0, report.getDouble("scorePercent"), "a gap is missing data, not bad rows");
    assertEquals(1L, report.getJsonObject("gaps").getLong("count"), report.encodePrettily());
    assertEquals(missing, report.getJsonObject("gaps").getLong("missing"), report.encodePrettily());
    return report;
  }

  private static String text(long ms) {
    return TEXT_TIME.format(Instant.ofEpochMilli(ms));
  }

  // --- bookTicker -------------------------------------------------------------------------------------------------

  private static final String BOOK_TICKER = "data/futures/um/daily/bookTicker/BTCUSDT/BTCUSDT-bookTicker-2024-03-01.zip";

  private static String ticker(long id, double bid, double ask, long timeMs) {
    return id + "," + bid + ",1.5," + ask + ",2.25," + timeMs + "," + (timeMs + 1);
  }

  private static Csv tickers(long scale) {
    return Csv.of("update_id,best_bid_price,best_bid_qty,best_ask_price,best_ask_qty,transaction_time,event_time",
        100, i -> ticker(1000 + 7L * i, 100.1, 100.2, (MARCH_1_MS + i * 1000L) * scale));
  }

  @Test
  void bookTickerKeepsTheBidUnderTheAskAndUpdateIdsRising() throws IOException {
    assertValid(BOOK_TICKER, tickers(1));
    JsonObject micros = scan(BOOK_TICKER, tickers(1000));
    assertEquals("us", micros.getString("unit"), "the unit is detected per file");
    assertEquals(100.0, micros.getDouble("scorePercent"));
    assertEquals("ms", scan(BOOK_TICKER, tickers(1)).getString("unit"));
    Csv csv = tickers(1);
    assertBroken(BOOK_TICKER, csv, "BID_ABOVE_ASK", 10, i -> ticker(1000 + 7L * i, 100.3, 100.2, MARCH_1_MS + i * 1000L));
    assertBroken(BOOK_TICKER, csv, "DUPLICATE", 10, i -> ticker(1000 + 7L * (i - 1), 100.1, 100.2, MARCH_1_MS + i * 1000L));
    assertBroken(BOOK_TICKER, csv, "OUT_OF_ORDER", 10, i -> ticker(5, 100.1, 100.2, MARCH_1_MS + i * 1000L));
    assertBroken(BOOK_TICKER, csv, "OUTSIDE_PERIOD", 10, i -> ticker(1000 + 7L * i, 100.1, 100.2, MARCH_1_MS + DAY_MS));
    assertBroken(BOOK_TICKER, csv, "UNIT_MISMATCH", 10,
        i -> ticker(1000 + 7L * i, 100.1, 100.2, (MARCH_1_MS + i * 1000L) * 1000));
    assertBroken(BOOK_TICKER, csv, "NEGATIVE_VALUE", 10,
        i -> ticker(1000 + 7L * i, 100.1, 100.2, MARCH_1_MS + i * 1000L).replace(",1.5,", ",-1.5,"));
    assertBroken(BOOK_TICKER, csv, "COLUMN_COUNT", 10, i -> ticker(1000 + 7L * i, 100.1, 100.2, MARCH_1_MS) + ",9");
    assertBroken(BOOK_TICKER, csv, "NOT_NUMERIC", 10, i -> ticker(1000 + 7L * i, 100.1, 100.2, MARCH_1_MS)
        .replace("100.1", "x"));
  }

  // --- every kline kind -------------------------------------------------------------------------------------------

  private static String kline(long openMs, long stepMs, String open, String high, String low, String close, String volume) {
    return openMs + "," + open + "," + high + "," + low + "," + close + "," + volume + "," + (openMs + stepMs - 1)
        + ",0,0,0,0,0";
  }

  private static Csv hourlyKlines(String low) {
    return Csv.of(Archives.KLINES_HEADER, 24,
        i -> kline(MARCH_1_MS + i * HOUR_MS, HOUR_MS, "0.0010", "0.0020", low, "0.0015", "0"));
  }

  @Test
  void everyKlineKindKeepsOhlcOrderingAndItsIntervalCadence() throws IOException {
    for (String kind : List.of("klines", "indexPriceKlines", "markPriceKlines", "premiumIndexKlines")) {
      String key = "data/futures/um/daily/" + kind + "/BTCUSDT/1h/BTCUSDT-1h-2024-03-01.zip";
      Csv csv = hourlyKlines("0.0005");
      assertValid(key, csv);
      assertBroken(key, csv, "OHLC_INCONSISTENT", 4,
          i -> kline(MARCH_1_MS + i * HOUR_MS, HOUR_MS, "0.0010", "0.0012", "0.0005", "0.0015", "0"));
      assertBroken(key, csv, "DUPLICATE", 4,
          i -> kline(MARCH_1_MS + (i - 1) * HOUR_MS, HOUR_MS, "0.0010", "0.0020", "0.0005", "0.0015", "0"));
      assertBroken(key, csv, "CLOSE_NOT_AFTER_OPEN", 4,
          i -> (MARCH_1_MS + i * HOUR_MS) + ",0.0010,0.0020,0.0005,0.0015,0," + (MARCH_1_MS + i * HOUR_MS) + ",0,0,0,0,0");
      JsonObject gap = assertGap(key, csv.without(7, 8), 2);
      assertEquals(22L, gap.getJsonObject("coverage").getLong("present"));
      assertEquals(24L, gap.getJsonObject("coverage").getLong("expected"));
    }
    String premium = "data/futures/um/daily/premiumIndexKlines/BTCUSDT/1h/BTCUSDT-1h-2024-03-01.zip";
    assertValid(premium, Csv.of(Archives.KLINES_HEADER, 24,
        i -> kline(MARCH_1_MS + i * HOUR_MS, HOUR_MS, "-0.0010", "0.0002", "-0.0020", "-0.0015", "0")));
    String mark = "data/futures/um/daily/markPriceKlines/BTCUSDT/1h/BTCUSDT-1h-2024-03-01.zip";
    assertBroken(mark, hourlyKlines("0.0005"), "NEGATIVE_VALUE", 4,
        i -> kline(MARCH_1_MS + i * HOUR_MS, HOUR_MS, "0.0010", "0.0020", "-0.0005", "0.0015", "0"));
  }

  @Test
  void longKlinesAreMeasuredAgainstTheirOwnCadence() throws IOException {
    // March 2024's Mondays: the 4th, 11th, 18th and 25th.
    long week = 7 * DAY_MS;
    String weekly = "data/spot/monthly/klines/BTCUSDT/1w/BTCUSDT-1w-2024-03.zip";
    Csv weeks = Csv.of(null, 4, i -> kline(MARCH_1_MS + 3 * DAY_MS + i * week, week, "1", "2", "0.5", "1.5", "3"));
    assertValid(weekly, weeks);
    assertEquals(4L, scan(weekly, weeks).getJsonObject("coverage").getLong("expected"));
    assertGap(weekly, weeks.without(1), 1);
    long threeDays = 3 * DAY_MS;
    String threeDay = "data/futures/cm/monthly/klines/BTCUSD_PERP/3d/BTCUSD_PERP-3d-2024-03.zip";
    Csv spans = Csv.of(Archives.KLINES_HEADER, 10,
        i -> kline(MARCH_1_MS + DAY_MS + i * threeDays, threeDays, "1", "2", "0.5", "1.5", "3"));
    assertValid(threeDay, spans);
    assertEquals(10L, scan(threeDay, spans).getJsonObject("coverage").getLong("expected"));
    assertTrue(assertGap(threeDay, spans.without(9), 1).getJsonObject("gaps").getJsonObject("largest")
        .getBoolean("afterLastRow"));
    String monthly = "data/spot/monthly/klines/BTCUSDT/1mo/BTCUSDT-1mo-2024-03.zip";
    Csv month = Csv.of(null, 1, i -> kline(MARCH_1_MS, 31 * DAY_MS, "1", "2", "0.5", "1.5", "3"));
    assertValid(monthly, month);
    assertEquals(1L, scan(monthly, month).getJsonObject("coverage").getLong("expected"));
  }

  // --- fundingRate ------------------------------------------------------------------------------------------------

  private static final String FUNDING = "data/futures/um/monthly/fundingRate/BTCUSDT/BTCUSDT-fundingRate-2024-03.zip";

  private static String funding(long timeMs, String hours, String rate) {
    return timeMs + "," + hours + "," + rate;
  }

  @Test
  void fundingRatesComeEveryEightHours() throws IOException {
    Csv csv = Csv.of("calc_time,funding_interval_hours,last_funding_rate", 93,
        i -> funding(MARCH_1_MS + i * 8 * HOUR_MS + 3, "8", i % 2 == 0 ? "0.00010000" : "-0.00002500"));
    assertValid(FUNDING, csv);
    assertEquals(93L, scan(FUNDING, csv).getJsonObject("coverage").getLong("expected"), "3 fundings a day in March");
    JsonObject gap = assertGap(FUNDING, csv.without(40), 1);
    assertEquals(92L, gap.getJsonObject("coverage").getLong("present"));
    assertGap(FUNDING, csv.without(92), 1);
    assertBroken(FUNDING, csv, "OUT_OF_RANGE", 10, i -> funding(MARCH_1_MS + i * 8 * HOUR_MS, "0", "0.0001"));
    assertBroken(FUNDING, csv, "DUPLICATE", 10, i -> funding(MARCH_1_MS + (i - 1) * 8 * HOUR_MS + 3, "8", "0.0001"));
    assertBroken(FUNDING, csv, "NOT_NUMERIC", 10, i -> funding(MARCH_1_MS + i * 8 * HOUR_MS, "8", ""));
    assertBroken(FUNDING, csv, "OUTSIDE_PERIOD", 10, i -> funding(MARCH_1_MS - 1, "8", "0.0001"));
  }

  // --- metrics ----------------------------------------------------------------------------------------------------

  private static final String METRICS = "data/futures/um/daily/metrics/BTCUSDT/BTCUSDT-metrics-2024-03-01.zip";
  private static final String METRICS_HEADER = "create_time,symbol,sum_open_interest,sum_open_interest_value,"
      + "count_toptrader_long_short_ratio,sum_toptrader_long_short_ratio,count_long_short_ratio,"
      + "sum_taker_long_short_vol_ratio";

  private static String metric(long timeMs, String symbol, String openInterest) {
    return text(timeMs) + "," + symbol + "," + openInterest + ",5480000000.5,1.71,1.52,2.01,0.98";
  }

  @Test
  void metricsComeEveryFiveMinutes() throws IOException {
    Csv csv = Csv.of(METRICS_HEADER, 288, i -> metric(MARCH_1_MS + i * 300_000L, "BTCUSDT", "80123.456"));
    assertValid(METRICS, csv);
    assertValid(METRICS, new Csv(null, csv.rows()));
    assertEquals(288L, scan(METRICS, csv).getJsonObject("coverage").getLong("expected"));
    assertGap(METRICS, csv.without(100, 101), 2);
    assertBroken(METRICS, csv, "SYMBOL_MISMATCH", 10, i -> metric(MARCH_1_MS + i * 300_000L, "ETHUSDT", "1"));
    assertBroken(METRICS, csv, "NEGATIVE_VALUE", 10, i -> metric(MARCH_1_MS + i * 300_000L, "BTCUSDT", "-1"));
    assertBroken(METRICS, csv, "OUT_OF_ORDER", 10, i -> metric(MARCH_1_MS, "BTCUSDT", "1"));
    assertBroken(METRICS, csv, "NOT_NUMERIC", 10, i -> "2024-03-01T00:00:00Z" + metric(0, "BTCUSDT", "1").substring(19));
  }

  // --- bookDepth --------------------------------------------------------------------------------------------------

  private static final String BOOK_DEPTH = "data/futures/cm/daily/bookDepth/BTCUSD_PERP/BTCUSD_PERP-bookDepth-2024-03-01.zip";

  private static String level(int snapshot, int level) {
    int side = level < 5 ? -1 : 1;
    int width = level < 5 ? 5 - level : level - 4;
    long depth = 100L * width;
    return text(MARCH_1_MS + snapshot * 30_000L + 7_000) + "," + side * width + ".00," + depth + ".5," + depth * 60_000;
  }

  @Test
  void bookDepthIsCumulativeWithinEachSnapshot() throws IOException {
    Csv csv = Csv.of("timestamp,percentage,depth,notional", 400, i -> level(i / 10, i % 10));
    assertValid(BOOK_DEPTH, csv);
    // Row 13 is the -2 % bid level (more than the -3 % above it), row 16 the +2 % ask level (less than +1 %).
    assertBroken(BOOK_DEPTH, csv, "DEPTH_NOT_CUMULATIVE", 13, i -> {
      String time = text(MARCH_1_MS + (i / 10) * 30_000L + 7_000);
      return i % 10 < 5 ? time + ",-2.00,9999.0,1" : time + ",2.00,1.0,1";
    });
    assertBroken(BOOK_DEPTH, csv, "OUT_OF_RANGE", 20, i -> text(MARCH_1_MS + (i / 10) * 30_000L + 7_000) + ",7.00,100.0,1");
    assertBroken(BOOK_DEPTH, csv, "TIME_DECREASING", 30, i -> level(0, i % 10));
    assertBroken(BOOK_DEPTH, csv, "NEGATIVE_VALUE", 30, i -> text(MARCH_1_MS + 3 * 30_000L + 7_000) + ",-5.00,-1,1");
  }

  // --- liquidationSnapshot ----------------------------------------------------------------------------------------

  private static final String LIQUIDATIONS =
      "data/futures/um/daily/liquidationSnapshot/BTCUSDT/BTCUSDT-liquidationSnapshot-2024-03-01.zip";

  private static String liquidation(long timeMs, String side, String original, String lastFill, String accumulated) {
    return timeMs + "," + side + ",LIMIT,IOC," + original + ",61000.5,61010.2,FILLED," + lastFill + "," + accumulated;
  }

  @Test
  void liquidationsNeverFillMoreThanTheirOrder() throws IOException {
    Csv csv = Csv.of("time,side,order_type,time_in_force,original_quantity,price,average_price,order_status,"
        + "last_fill_quantity,accumulated_fill_quantity", 30,
        i -> liquidation(MARCH_1_MS + i * 60_000L, i % 2 == 0 ? "BUY" : "SELL", "0.5", "0.2", "0.5"));
    assertValid(LIQUIDATIONS, csv);
    assertBroken(LIQUIDATIONS, csv, "FILL_EXCEEDS_ORDER", 5,
        i -> liquidation(MARCH_1_MS + i * 60_000L, "BUY", "0.5", "0.2", "0.6"));
    assertBroken(LIQUIDATIONS, csv, "FILL_EXCEEDS_ORDER", 15,
        i -> liquidation(MARCH_1_MS + i * 60_000L, "SELL", "0.5", "0.4", "0.3"));
    assertBroken(LIQUIDATIONS, csv, "UNKNOWN_VALUE", 5, i -> liquidation(MARCH_1_MS + i * 60_000L, "HOLD", "1", "1", "1"));
    assertBroken(LIQUIDATIONS, csv, "TIME_DECREASING", 5, i -> liquidation(MARCH_1_MS, "BUY", "1", "1", "1"));
  }

  // --- BVOLIndex --------------------------------------------------------------------------------------------------

  private static final String BVOL = "data/option/daily/BVOLIndex/BTCBVOLUSDT/BTCBVOLUSDT-BVOLIndex-2024-03-01.zip";

  private static String bvol(long timeMs, String symbol, String index) {
    return timeMs + "," + symbol + ",BTCBVOL,USDT," + index;
  }

  @Test
  void volatilityIndicesArePositiveAndInOrder() throws IOException {
    Csv csv = Csv.of("calc_time,symbol,base_asset,quote_asset,index_value", 60,
        i -> bvol(MARCH_1_MS + i * 1_000L, "BTCBVOLUSDT", "52.31"));
    assertValid(BVOL, csv);
    assertBroken(BVOL, csv, "SYMBOL_MISMATCH", 5, i -> bvol(MARCH_1_MS + i * 1_000L, "ETHBVOLUSDT", "52.31"));
    assertBroken(BVOL, csv, "NEGATIVE_VALUE", 5, i -> bvol(MARCH_1_MS + i * 1_000L, "BTCBVOLUSDT", "0"));
    assertBroken(BVOL, csv, "DUPLICATE", 5, i -> bvol(MARCH_1_MS + (i - 1) * 1_000L, "BTCBVOLUSDT", "52.31"));
  }

  // --- EOHSummary -------------------------------------------------------------------------------------------------

  private static final String EOH = "data/option/daily/EOHSummary/BTCUSDT/BTCUSDT-EOHSummary-2024-03-01.zip";
  private static final String EOH_HEADER = "date,hour,symbol,underlying,type,strike,open,high,low,close,"
      + "volume_contracts,volume_usdt,best_bid_price,best_ask_price,best_bid_qty,best_ask_qty,best_buy_iv,"
      + "best_sell_iv,mark_price,mark_iv,delta,gamma,vega,theta,openinterest_contracts,openinterest_usdt";

  private static String summary(String date, int hour, String high, String bid, String ask) {
    return date + "," + hour + ",BTC-240308-62000-C,BTCUSDT,C,62000,1200," + high + ",1100,1250,3.5,4300,"
        + bid + "," + ask + ",2,3,0.55,0.57,1230,0.56,0.52,0.0001,12.5,-30.2,45,55000";
  }

  @Test
  void endOfHourSummariesCoverEveryHourOfTheDay() throws IOException {
    Csv csv = Csv.of(EOH_HEADER, 48, i -> summary("2024-03-01", i / 2, "1300", "1220", "1240"));
    assertValid(EOH, csv);
    assertEquals(24L, scan(EOH, csv).getJsonObject("coverage").getLong("expected"));
    JsonObject gap = assertGap(EOH, csv.without(10, 11), 1);
    assertEquals(23L, gap.getJsonObject("coverage").getLong("present"));
    assertBroken(EOH, csv, "BID_ABOVE_ASK", 6, i -> summary("2024-03-01", i / 2, "1300", "1250", "1240"));
    assertBroken(EOH, csv, "OHLC_INCONSISTENT", 6, i -> summary("2024-03-01", i / 2, "1150", "1220", "1240"));
    assertBroken(EOH, csv, "OUT_OF_RANGE", 6, i -> summary("2024-03-01", 24, "1300", "1220", "1240"));
    assertBroken(EOH, csv, "OUTSIDE_PERIOD", 6, i -> summary("2024-03-02", i / 2, "1300", "1220", "1240"));
    assertBroken(EOH, csv, "COLUMN_COUNT", 6, i -> summary("2024-03-01", i / 2, "1300", "1220", "1240") + ",1");
  }

  /**
   * As Binance publishes them (docs/quality.md, "Checked against published files"): an option not quoted leaves its
   * best bid, ask, ivs and mark empty, and zero figures are printed as BigDecimal does, {@code 0E-8}.
   */
  @Test
  void endOfHourSummariesReadEmptyFiguresAsAbsentAndScientificNotation() throws IOException {
    Csv csv = Csv.of(EOH_HEADER, 24, i -> "2024-03-01," + i + ",BTC-240308-62000-C,BTCUSDT,C,62000,0E-8,0E-8,0E-8,"
        + "0E-8,0E-8,0E-8,,,0E-8,0E-8,,,1230.5,0.56,0.52,1.2E-5,12.5,-30.2,0E-8,0E-8");
    assertValid(EOH, csv);
    assertBroken(EOH, csv, "NOT_NUMERIC", 3, i -> csv.rows().get(i).replace(",1230.5,", ",12x,"));
    assertBroken(EOH, csv, "NOT_NUMERIC", 5, i -> csv.rows().get(i).replace(",62000,", ",,"));
    assertBroken(EOH, csv, "NEGATIVE_VALUE", 7, i -> csv.rows().get(i).replace(",1230.5,", ",-1.2E2,"));
  }

  /** Published liquidation snapshots write every row twice, one after the other: a repeat is not an error. */
  @Test
  void liquidationRowsWrittenTwiceAreValid() throws IOException {
    Csv csv = Csv.of(null, 20, i -> liquidation(MARCH_1_MS + (i / 2) * 60_000L, "SELL", "0.5", "0.5", "0.5"));
    assertValid(LIQUIDATIONS, csv);
  }

  @Test
  void aHeaderIsDetectedPerTypeFromItsFirstColumn() throws IOException {
    JsonObject withHeader = scan(METRICS, Csv.of(METRICS_HEADER, 3,
        i -> metric(MARCH_1_MS + i * 300_000L, "BTCUSDT", "1")));
    assertTrue(withHeader.getBoolean("header"));
    assertEquals(3L, withHeader.getLong("rows"));
    JsonObject without = scan(EOH, Csv.of(null, 2, i -> summary("2024-03-01", i, "1300", "1220", "1240")));
    assertFalse(without.getBoolean("header"));
    assertEquals(2L, without.getLong("rows"));
  }
}
