package dev.vigie.download;

import dev.vigie.bus.Refusal;
import dev.vigie.vision.ArchiveSpec;

import dev.vigie.vision.VisionPath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchiveRequestTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

  private static JsonObject klines() {
    return new JsonObject().put("market", "spot").put("period", "daily").put("dataType", "klines")
        .put("symbol", "BTCUSDT").put("interval", "1m").put("date", "2024-03-01");
  }

  private static String refusedField(JsonObject body) {
    return assertThrows(Refusal.class, () -> ArchiveRequest.parse(body, TODAY, 31)).field();
  }

  @Test
  void oneDayBecomesItsBinanceVisionKey() {
    ArchiveRequest request = ArchiveRequest.parse(klines(), TODAY, 31);
    assertEquals(List.of("data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-03-01.zip"),
        request.archives().stream().map(ArchiveSpec::key).toList());
  }

  @Test
  void futuresAndTradesFollowTheLayout() {
    JsonObject body = new JsonObject().put("market", "um").put("period", "monthly").put("dataType", "aggTrades")
        .put("symbol", "ETHUSDT").put("date", "2023-07");
    assertEquals("data/futures/um/monthly/aggTrades/ETHUSDT/ETHUSDT-aggTrades-2023-07.zip",
        ArchiveRequest.parse(body, TODAY, 31).archives().get(0).key());
  }

  @Test
  void rangeExpandsToOneArchivePerDayOrMonth() {
    JsonObject days = klines().copy();
    days.remove("date");
    days.put("from", "2024-02-28").put("to", "2024-03-02");
    assertEquals(List.of("2024-02-28", "2024-02-29", "2024-03-01", "2024-03-02"),
        ArchiveRequest.parse(days, TODAY, 31).archives().stream().map(ArchiveSpec::date).toList());
    JsonObject months = days.copy().put("period", "monthly").put("from", "2023-11").put("to", "2024-01");
    assertEquals(List.of("2023-11", "2023-12", "2024-01"),
        ArchiveRequest.parse(months, TODAY, 31).archives().stream().map(ArchiveSpec::date).toList());
  }

  @Test
  void eachBadFieldIsNamed() {
    assertEquals("symbol", refusedField(klines().put("symbol", "btc/usdt")));
    assertEquals("interval", refusedField(klines().put("interval", "2m")));
    assertEquals("data/futures/cm/daily/klines/BTCUSD_PERP/1m/BTCUSD_PERP-1m-2024-03-01.zip", ArchiveRequest.parse(
        klines().put("market", "cm").put("symbol", "BTCUSD_PERP"), TODAY, 31).archives().get(0).key());
    assertEquals("interval", refusedField(klines().put("interval", "1w")));
    assertEquals("date", refusedField(klines().put("date", "2026-11-24")));
    assertEquals("date", refusedField(klines().put("date", "2016-12-31")));
    assertEquals("date", refusedField(klines().put("date", "2024-03")));
    assertEquals("market", refusedField(klines().put("market", "margin")));
    assertEquals("period", refusedField(klines().put("period", "weekly")));
    assertEquals("dataType", refusedField(klines().put("dataType", "bookTicker")));
    assertEquals("interval", refusedField(klines().put("dataType", "trades")));
    JsonObject noMarket = klines();
    noMarket.remove("market");
    assertEquals("market", refusedField(noMarket));
  }

  private static JsonObject request(String market, String period, String dataType, String symbol, String date) {
    return new JsonObject().put("market", market).put("period", period).put("dataType", dataType)
        .put("symbol", symbol).put("date", date);
  }

  private static String key(JsonObject body) {
    return ArchiveRequest.parse(body, TODAY, 31).archives().get(0).key();
  }

  @Test
  void spotHasKlinesTradesAndAggTradesOnly() {
    assertEquals("data/spot/daily/klines/BTCUSDT/1s/BTCUSDT-1s-2024-03-01.zip",
        key(klines().put("interval", "1s")));
    assertEquals("data/spot/monthly/aggTrades/BTCUSDT/BTCUSDT-aggTrades-2024-03.zip",
        key(request("spot", "monthly", "aggTrades", "BTCUSDT", "2024-03")));
    for (String futuresOnly : List.of("bookDepth", "bookTicker", "fundingRate", "liquidationSnapshot", "metrics",
        "BVOLIndex", "EOHSummary")) {
      assertEquals("dataType", refusedField(request("spot", "daily", futuresOnly, "BTCUSDT", "2024-03-01")));
    }
    assertEquals("dataType", refusedField(klines().put("dataType", "markPriceKlines")));
  }

  @Test
  void usdMFuturesHaveEveryFuturesTypeInItsPeriods() {
    assertEquals("data/futures/um/daily/bookTicker/BTCUSDT/BTCUSDT-bookTicker-2024-03-01.zip",
        key(request("um", "daily", "bookTicker", "BTCUSDT", "2024-03-01")));
    assertEquals("data/futures/um/monthly/fundingRate/BTCUSDT/BTCUSDT-fundingRate-2024-03.zip",
        key(request("um", "monthly", "fundingRate", "BTCUSDT", "2024-03")));
    assertEquals("data/futures/um/daily/metrics/BTCUSDT/BTCUSDT-metrics-2024-03-01.zip",
        key(request("um", "daily", "metrics", "BTCUSDT", "2024-03-01")));
    assertEquals("data/futures/um/monthly/premiumIndexKlines/BTCUSDT/1w/BTCUSDT-1w-2024-03.zip",
        key(request("um", "monthly", "premiumIndexKlines", "BTCUSDT", "2024-03").put("interval", "1w")));
    assertEquals("fundingRate is published monthly only, not daily", refusal(
        request("um", "daily", "fundingRate", "BTCUSDT", "2024-03-01")).substring("period: ".length()));
    assertEquals("period", refusedField(request("um", "daily", "fundingRate", "BTCUSDT", "2024-03-01")));
    for (String dailyOnly : List.of("bookDepth", "liquidationSnapshot", "metrics")) {
      assertEquals("period", refusedField(request("um", "monthly", dailyOnly, "BTCUSDT", "2024-03")));
    }
    assertEquals("interval", refusedField(request("um", "daily", "markPriceKlines", "BTCUSDT", "2024-03-01")));
    assertEquals("interval: 1s indexPriceKlines are published for spot only", refusal(
        request("um", "daily", "indexPriceKlines", "BTCUSDT", "2024-03-01").put("interval", "1s")));
    assertEquals("dataType", refusedField(request("um", "daily", "BVOLIndex", "BTCUSDT", "2024-03-01")));
  }

  @Test
  void coinMFuturesHaveTheSameTypes() {
    assertEquals("data/futures/cm/daily/liquidationSnapshot/BTCUSD_PERP/BTCUSD_PERP-liquidationSnapshot-2024-03-01.zip",
        key(request("cm", "daily", "liquidationSnapshot", "BTCUSD_PERP", "2024-03-01")));
    assertEquals("data/futures/cm/daily/bookDepth/BTCUSD_PERP/BTCUSD_PERP-bookDepth-2024-03-01.zip",
        key(request("cm", "daily", "bookDepth", "BTCUSD_PERP", "2024-03-01")));
    assertEquals("data/futures/cm/monthly/markPriceKlines/BTCUSD_PERP/1mo/BTCUSD_PERP-1mo-2024-03.zip",
        key(request("cm", "monthly", "markPriceKlines", "BTCUSD_PERP", "2024-03").put("interval", "1mo")));
    assertEquals("interval", refusedField(klines().put("market", "cm").put("interval", "1s")));
    assertEquals("period", refusedField(request("cm", "daily", "fundingRate", "BTCUSD_PERP", "2024-03-01")));
  }

  @Test
  void optionsHaveVolatilityIndicesAndEndOfHourSummariesDaily() {
    assertEquals("data/option/daily/BVOLIndex/BTCBVOLUSDT/BTCBVOLUSDT-BVOLIndex-2023-10-01.zip",
        key(request("option", "daily", "BVOLIndex", "BTCBVOLUSDT", "2023-10-01")));
    assertEquals("data/option/daily/EOHSummary/BTCUSDT/BTCUSDT-EOHSummary-2023-10-01.zip",
        key(request("option", "daily", "EOHSummary", "BTCUSDT", "2023-10-01")));
    assertEquals("period", refusedField(request("option", "monthly", "EOHSummary", "BTCUSDT", "2023-10")));
    assertEquals("dataType: klines is not published for option (it has BVOLIndex, EOHSummary)",
        refusal(klines().put("market", "option")));
    assertEquals("dataType", refusedField(request("option", "daily", "trades", "BTCUSDT", "2023-10-01")));
  }

  @Test
  void rangesOverTheLimitOrBackwardsAreRefused() {
    JsonObject range = klines();
    range.remove("date");
    assertEquals("to", refusedField(range.copy().put("from", "2024-01-01").put("to", "2024-03-01")));
    assertEquals("to", refusedField(range.copy().put("from", "2024-03-02").put("to", "2024-03-01")));
    assertEquals("to", refusedField(range.copy().put("from", "2024-03-01")));
    assertEquals("date", refusedField(range.copy()));
    Refusal over = assertThrows(Refusal.class,
        () -> ArchiveRequest.parse(range.copy().put("from", "2024-01-01").put("to", "2024-03-01"), TODAY, 31));
    assertTrue(over.getMessage().contains("61"), over.getMessage());
  }

  @Test
  void keysParseBackIntoArchives() {
    ArchiveSpec spec = ArchiveRequest.parse(klines(), TODAY, 31).archives().get(0);
    assertEquals(spec, VisionPath.parse(spec.key()));
    assertThrows(IllegalArgumentException.class,
        () -> VisionPath.parse("data/spot/daily/klines/BTCUSDT/1m/ETHUSDT-1m-2024-03-01.zip"));
    assertThrows(IllegalArgumentException.class, () -> VisionPath.parse("../etc/passwd"));
  }

  private static String refusal(JsonObject body) {
    return assertThrows(RuntimeException.class, () -> ArchiveRequest.parse(body, TODAY, 31)).getMessage();
  }

  @Test
  void refusalsSayWhatIsAccepted() {
    assertEquals("market: 'margin' is not one of cm, option, spot, um", refusal(klines().put("market", "margin")));
    assertEquals("period: 'weekly' is not one of daily, monthly", refusal(klines().put("period", "weekly")));
    assertEquals("dataType: 'bookTickers' is not one of BVOLIndex, EOHSummary, aggTrades, bookDepth, bookTicker, "
        + "fundingRate, indexPriceKlines, klines, liquidationSnapshot, markPriceKlines, metrics, premiumIndexKlines, "
        + "trades", refusal(klines().put("dataType", "bookTickers")));
    assertEquals("dataType: bookTicker is not published for spot (it has aggTrades, klines, trades)",
        refusal(klines().put("dataType", "bookTicker")));
    assertEquals("interval: '2m' is not one of 1s 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1mo",
        refusal(klines().put("interval", "2m")));
    assertEquals("interval: daily files exist only up to 1d; ask for 1w monthly", refusal(klines().put("interval", "1w")));
    assertEquals("interval: only kline kinds have an interval, not trades", refusal(klines().put("dataType", "trades")));
    assertEquals("symbol: 'btc/usdt' is not a symbol (upper-case letters and digits, e.g. BTCUSDT, or BTCUSD_PERP on "
        + "COIN-M)", refusal(klines().put("symbol", "btc/usdt")));
    assertEquals("date: '2024-03' is not a day (YYYY-MM-DD) as daily files need", refusal(klines().put("date", "2024-03")));
    assertEquals("date: '2024-03-01' is not a month (YYYY-MM) as monthly files need",
        refusal(klines().put("period", "monthly")));
    assertEquals("date: 2016-12-31 is before 2017, when Binance Vision starts", refusal(klines().put("date", "2016-12-31")));
    assertEquals("date: 2016-12 is before 2017, when Binance Vision starts",
        refusal(klines().put("period", "monthly").put("date", "2016-12")));
    assertEquals("date: 2026-11-24 is in the future", refusal(klines().put("date", "2026-11-24")));
    assertEquals("date: 2026-12 is in the future", refusal(klines().put("period", "monthly").put("date", "2026-12")));
    assertEquals(List.of("2026-11"), ArchiveRequest.parse(klines().put("period", "monthly").put("date", "2026-11"),
        TODAY, 31).archives().stream().map(ArchiveSpec::date).toList());
  }
}
