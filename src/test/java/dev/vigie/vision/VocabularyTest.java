package dev.vigie.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each word as Binance spells it, and the facts attached to it. */
class VocabularyTest {
  @Test
  void marketsAreSpelledOneWayInRequestsAndAnotherInPaths() {
    assertEquals(List.of("spot", "um", "cm", "option"), Market.wires());
    assertEquals(Optional.of(Market.OPTION), Market.fromPath("option"));
    assertFalse(Market.OPTION.futures());
    assertEquals(Optional.of(Market.UM), Market.fromWire("um"));
    assertEquals(Optional.empty(), Market.fromWire("futures/um"));
    assertEquals(Optional.of(Market.CM), Market.fromPath("futures/cm"));
    assertEquals(Optional.empty(), Market.fromPath("cm"));
    assertEquals(Optional.of(Market.SPOT), Market.inPath("/srv/vigie/archives/data/spot/daily/x.zip"));
    assertEquals(Optional.of(Market.UM), Market.inPath("C:\\vigie\\data\\futures\\um\\daily\\x.zip"));
    assertEquals(Optional.empty(), Market.inPath("BTCUSDT-1m-2024-03-01.zip"));
    assertFalse(Market.SPOT.futures());
    assertTrue(Market.CM.futures());
  }

  @Test
  void periodsTypesAndIntervalsAsBinanceWritesThem() {
    assertEquals(List.of("daily", "monthly"), Period.wires());
    assertEquals(List.of("aggTrades", "bookDepth", "bookTicker", "fundingRate", "indexPriceKlines", "klines",
        "liquidationSnapshot", "markPriceKlines", "metrics", "premiumIndexKlines", "trades", "BVOLIndex",
        "EOHSummary"), DataType.wires());
    assertEquals(List.of("1s", "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d", "1w",
        "1mo"), Interval.wires());
    assertEquals(Optional.of(DataType.AGG_TRADES), DataType.fromWire("aggTrades"));
    assertEquals(Optional.empty(), DataType.fromWire("aggtrades"));
    assertEquals(Optional.empty(), Interval.fromWire("1M"));
  }

  @Test
  void eachMarketPublishesItsOwnTypesAndPeriods() {
    assertEquals(List.of("aggTrades", "klines", "trades"), DataType.wiresIn(Market.SPOT));
    List<String> futures = List.of("aggTrades", "bookDepth", "bookTicker", "fundingRate", "indexPriceKlines", "klines",
        "liquidationSnapshot", "markPriceKlines", "metrics", "premiumIndexKlines", "trades");
    assertEquals(futures, DataType.wiresIn(Market.UM));
    assertEquals(futures, DataType.wiresIn(Market.CM));
    assertEquals(List.of("BVOLIndex", "EOHSummary"), DataType.wiresIn(Market.OPTION));
    assertEquals(List.of(Period.MONTHLY), DataType.FUNDING_RATE.periods());
    for (DataType daily : List.of(DataType.BOOK_DEPTH, DataType.METRICS, DataType.LIQUIDATION_SNAPSHOT,
        DataType.BVOL_INDEX, DataType.EOH_SUMMARY)) {
      assertEquals(List.of(Period.DAILY), daily.periods(), daily.wire());
    }
    assertEquals(List.of(Period.DAILY, Period.MONTHLY), DataType.BOOK_TICKER.periods());
    assertTrue(DataType.PREMIUM_INDEX_KLINES.klineKind());
    assertFalse(DataType.BOOK_TICKER.klineKind());
    assertTrue(Interval.ONE_SECOND.publishedIn(Market.SPOT));
    assertFalse(Interval.ONE_SECOND.publishedIn(Market.UM));
    assertEquals("interval", DataType.KLINES.unpublished(Market.CM, Period.DAILY, Interval.ONE_SECOND)
        .orElseThrow().field());
    assertEquals("dataType", DataType.METRICS.unpublished(Market.SPOT, Period.DAILY, null).orElseThrow().field());
    assertEquals("period", DataType.FUNDING_RATE.unpublished(Market.UM, Period.DAILY, null).orElseThrow().field());
    assertTrue(DataType.MARK_PRICE_KLINES.unpublished(Market.UM, Period.MONTHLY, Interval.ONE_MONTH).isEmpty());
  }

  @Test
  void intervalsKnowTheirLengthAndWhetherDailyFilesHoldThem() {
    assertEquals(1_000L, Interval.ONE_SECOND.millis());
    assertEquals(60_000L, Interval.ONE_MINUTE.millis());
    assertEquals(86_400_000L, Interval.ONE_DAY.millis());
    assertEquals(604_800_000L, Interval.ONE_WEEK.millis());
    assertEquals(0L, Interval.ONE_MONTH.millis(), "a month has no fixed length");
    for (Interval interval : Interval.values()) {
      assertEquals(interval.compareTo(Interval.ONE_DAY) <= 0, interval.inDailyFiles(), interval.wire());
      if (interval.compareTo(Interval.ONE_MONTH) < 0 && interval.compareTo(Interval.ONE_SECOND) > 0) {
        Interval shorter = Interval.values()[interval.ordinal() - 1];
        assertTrue(shorter.millis() < interval.millis(), interval.wire());
      }
    }
  }

  @Test
  void periodsReadAndWriteTheirDates() {
    assertEquals(LocalDate.of(2024, 2, 29), Period.DAILY.parseDate("2024-02-29"));
    assertEquals(LocalDate.of(2024, 2, 1), Period.MONTHLY.parseDate("2024-02"));
    assertEquals("2024-02", Period.MONTHLY.format(LocalDate.of(2024, 2, 29)));
    assertEquals("2024-02-29", Period.DAILY.format(LocalDate.of(2024, 2, 29)));
    assertEquals(LocalDate.of(2024, 3, 1), Period.MONTHLY.end(LocalDate.of(2024, 2, 1)));
    assertEquals(LocalDate.of(2024, 2, 1), Period.MONTHLY.startOf(LocalDate.of(2024, 2, 29)));
    assertEquals(Optional.of(Period.MONTHLY), Period.ofDate("2024-02"));
    assertEquals(Optional.empty(), Period.ofDate("2024"));
    assertEquals("'2023-02-29' is not a day (YYYY-MM-DD)",
        assertThrows(IllegalArgumentException.class, () -> Period.DAILY.parseDate("2023-02-29")).getMessage());
    assertEquals("'2024-02-01' is not a month (YYYY-MM)",
        assertThrows(IllegalArgumentException.class, () -> Period.MONTHLY.parseDate("2024-02-01")).getMessage());
    // What the ISO formatter refused, the hand-written reading refuses too: signs, other separators, month 13, day 0.
    for (String bad : List.of("+024-02-29", "2024/02/29", "2024-13-01", "2024-00-10", "2024-02-00", "2024-2-029",
        "20a4-02-29", "2024-02-2 ")) {
      assertThrows(IllegalArgumentException.class, () -> Period.DAILY.parseDate(bad), bad);
    }
    for (String bad : List.of("+024-02", "2024/02", "2024-13", "2024-00", "2024-1a")) {
      assertThrows(IllegalArgumentException.class, () -> Period.MONTHLY.parseDate(bad), bad);
    }
  }

  @Test
  void symbolsAsBinanceListsThem() {
    assertTrue(Symbol.isValid("BTCUSDT"));
    assertTrue(Symbol.isValid("BTCUSD_PERP"));
    assertFalse(Symbol.isValid("X"));
    assertFalse(Symbol.isValid("btcusdt"));
    assertFalse(Symbol.isValid("BTC/USDT"));
    assertFalse(Symbol.isValid(null));
  }
}
