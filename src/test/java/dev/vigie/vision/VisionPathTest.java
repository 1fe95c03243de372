package dev.vigie.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The layout written and read back: every market, period and data type, and the paths Binance never writes. */
class VisionPathTest {
  private static List<ArchiveSpec> everyKind() {
    List<ArchiveSpec> specs = new ArrayList<>();
    for (Market market : Market.values()) {
      for (Period period : Period.values()) {
        String date = period == Period.DAILY ? "2024-03-01" : "2024-03";
        for (DataType type : DataType.values()) {
          if (!type.klineKind()) {
            if (type.unpublished(market, period, null).isEmpty()) {
              specs.add(new ArchiveSpec(market, period, type, "BTCUSD_PERP", null, date));
            }
            continue;
          }
          for (Interval interval : Interval.values()) {
            if (type.unpublished(market, period, interval).isEmpty()) {
              specs.add(new ArchiveSpec(market, period, type, "BTCUSDT", interval, date));
            }
          }
        }
      }
    }
    return specs;
  }

  @Test
  void everyArchiveReadsBackFromItsKey() {
    List<ArchiveSpec> specs = everyKind();
    // spot: trades and aggTrades daily and monthly, klines 13 daily intervals and 16 monthly;
    // each futures market: aggTrades, bookTicker, trades both periods, bookDepth, liquidationSnapshot, metrics daily,
    // fundingRate monthly, four kline kinds without 1s (12 daily, 15 monthly); options: BVOLIndex, EOHSummary daily.
    assertEquals((2 + 2 + 13 + 16) + 2 * (3 * 2 + 3 + 1 + 4 * (12 + 15)) + 2, specs.size());
    for (ArchiveSpec spec : specs) {
      assertEquals(spec, VisionPath.parse(spec.key()), spec.key());
      ArchiveName name = ArchiveName.parse(spec.key());
      assertEquals(spec.fileName(), name.fileName());
      assertEquals(spec.dataType(), name.dataType());
      assertEquals(spec.interval(), name.interval());
      assertEquals(spec.period(), name.period());
      assertEquals(spec.market(), name.market().orElseThrow(), spec.key());
    }
  }

  @Test
  void keysFollowBinancesLayout() {
    assertEquals("data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-03-01.zip",
        new ArchiveSpec(Market.SPOT, Period.DAILY, DataType.KLINES, "BTCUSDT", Interval.ONE_MINUTE, "2024-03-01").key());
    assertEquals("data/futures/um/monthly/aggTrades/ETHUSDT/ETHUSDT-aggTrades-2023-07.zip",
        new ArchiveSpec(Market.UM, Period.MONTHLY, DataType.AGG_TRADES, "ETHUSDT", null, "2023-07").key());
    assertEquals("data/futures/cm/monthly/klines/BTCUSD_PERP/1mo/BTCUSD_PERP-1mo-2024-03.zip",
        new ArchiveSpec(Market.CM, Period.MONTHLY, DataType.KLINES, "BTCUSD_PERP", Interval.ONE_MONTH, "2024-03").key());
    assertEquals("futures_um_daily_trades_X_X-trades-2024-01-01.zip.part",
        VisionPath.partName("data/futures/um/daily/trades/X/X-trades-2024-01-01.zip"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "../etc/passwd",
      "data/margin/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-03-01.zip",
      "data/futures/xm/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-03-01.zip",
      "data/spot/weekly/klines/BTCUSDT/1m/BTCUSDT-1m-2024-03-01.zip",
      "data/spot/daily/klines/BTCUSDT/2m/BTCUSDT-2m-2024-03-01.zip",
      "data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-03-01.zip.CHECKSUM",
      "data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-03-01.csv",
      "data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-02-30.zip",
      "/data/spot/daily/trades/BTCUSDT/BTCUSDT-trades-2024-03-01.zip"})
  void pathsOutsideTheLayoutAreNotBinanceVisionPaths(String key) {
    assertEquals("not a Binance Vision archive path: " + key,
        assertThrows(IllegalArgumentException.class, () -> VisionPath.parse(key)).getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "data/spot/daily/klines/BTCUSDT/1m/ETHUSDT-1m-2024-03-01.zip",
      "data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1m-2024-03-01.zip",
      "data/spot/daily/klines/BTCUSDT/BTCUSDT-1m-2024-03-01.zip",
      "data/spot/daily/trades/BTCUSDT/1m/BTCUSDT-trades-2024-03-01.zip",
      "data/spot/daily/trades/BTCUSDT/BTCUSDT-aggTrades-2024-03-01.zip",
      "data/spot/daily/trades/BTCUSDT/BTCUSDT-1m-2024-03-01.zip",
      "data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-03.zip",
      "data/spot/monthly/trades/BTCUSDT/BTCUSDT-trades-2024-03-01.zip"})
  void directoriesThatDisagreeWithTheNameAreInconsistent(String key) {
    assertEquals("inconsistent Binance Vision archive path: " + key,
        assertThrows(IllegalArgumentException.class, () -> VisionPath.parse(key)).getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "data/spot/daily/klines/BTCUSDT/1w/BTCUSDT-1w-2024-03-01.zip|daily files exist only up to 1d; ask for 1w monthly",
      "data/spot/daily/bookTicker/BTCUSDT/BTCUSDT-bookTicker-2024-03-01.zip|bookTicker is not published for spot (it has aggTrades, klines, trades)",
      "data/futures/um/monthly/metrics/BTCUSDT/BTCUSDT-metrics-2024-03.zip|metrics is published daily only, not monthly",
      "data/futures/cm/daily/fundingRate/BTCUSD_PERP/BTCUSD_PERP-fundingRate-2024-03-01.zip|fundingRate is published monthly only, not daily",
      "data/futures/um/daily/klines/BTCUSDT/1s/BTCUSDT-1s-2024-03-01.zip|1s klines are published for spot only",
      "data/option/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-03-01.zip|klines is not published for option (it has BVOLIndex, EOHSummary)",
      "data/option/monthly/EOHSummary/BTCUSDT/BTCUSDT-EOHSummary-2024-03.zip|EOHSummary is published daily only, not monthly"})
  void combinationsTheSourceNeverPublishesAreRefusedWithTheReason(String keyAndReason) {
    String key = keyAndReason.substring(0, keyAndReason.indexOf('|'));
    String reason = keyAndReason.substring(keyAndReason.indexOf('|') + 1);
    assertEquals("not a published Binance Vision archive: " + key + " (" + reason + ")",
        assertThrows(IllegalArgumentException.class, () -> VisionPath.parse(key)).getMessage());
  }

  @Test
  void anArchiveIsConsistentByConstruction() {
    assertEquals("klines need an interval", assertThrows(IllegalArgumentException.class,
        () -> new ArchiveSpec(Market.SPOT, Period.DAILY, DataType.KLINES, "BTCUSDT", null, "2024-03-01")).getMessage());
    assertEquals("only kline kinds have an interval, not trades", assertThrows(IllegalArgumentException.class,
        () -> new ArchiveSpec(Market.SPOT, Period.DAILY, DataType.TRADES, "BTCUSDT", Interval.ONE_MINUTE, "2024-03-01"))
        .getMessage());
    assertEquals("daily files exist only up to 1d; ask for 3d monthly", assertThrows(IllegalArgumentException.class,
        () -> new ArchiveSpec(Market.UM, Period.DAILY, DataType.KLINES, "BTCUSDT", Interval.THREE_DAYS, "2024-03-01"))
        .getMessage());
    assertEquals("'2024-03' is not a day (YYYY-MM-DD)", assertThrows(IllegalArgumentException.class,
        () -> new ArchiveSpec(Market.CM, Period.DAILY, DataType.TRADES, "BTCUSD_PERP", null, "2024-03")).getMessage());
    assertEquals("'2024-13' is not a month (YYYY-MM)", assertThrows(IllegalArgumentException.class,
        () -> new ArchiveSpec(Market.CM, Period.MONTHLY, DataType.TRADES, "BTCUSD_PERP", null, "2024-13")).getMessage());
    assertEquals("'btc/usdt' is not a symbol", assertThrows(IllegalArgumentException.class,
        () -> new ArchiveSpec(Market.SPOT, Period.DAILY, DataType.TRADES, "btc/usdt", null, "2024-03-01")).getMessage());
  }

  @Test
  void anArchiveSaysWhatToAskTheDownloaderFor() {
    ArchiveSpec spec = VisionPath.parse("data/futures/cm/daily/klines/BTCUSD_PERP/1d/BTCUSD_PERP-1d-2024-02-29.zip");
    assertEquals("{\"market\":\"cm\",\"period\":\"daily\",\"dataType\":\"klines\",\"symbol\":\"BTCUSD_PERP\","
        + "\"date\":\"2024-02-29\",\"interval\":\"1d\"}", spec.downloadRequest().encode());
    assertEquals("2024-03-01", spec.end().toString());
    assertEquals("BTCUSD_PERP-1d-2024-02-29.csv", spec.entryName());
    assertTrue(spec.futures());
  }
}
