package dev.vigie.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a file name says, with or without the path around it. */
class ArchiveNameTest {
  private static final long MARCH_1_2024_MS = 1_709_251_200_000L;
  private static final long DAY_MS = 86_400_000L;

  @Test
  void aKeyGivesEverything() {
    ArchiveName name = ArchiveName.parse("data/futures/um/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-03-01.zip");
    assertEquals("BTCUSDT-1m-2024-03-01.zip", name.fileName());
    assertEquals("BTCUSDT", name.symbol());
    assertEquals(DataType.KLINES, name.dataType());
    assertEquals(Interval.ONE_MINUTE, name.interval());
    assertEquals(Optional.of(Market.UM), name.market());
    assertEquals(MARCH_1_2024_MS, name.periodStartMs());
    assertEquals(MARCH_1_2024_MS + DAY_MS, name.periodEndMs());
    assertEquals(60_000L, name.intervalMs());
  }

  @Test
  void aBareFileNameOrTheCsvInsideSaysNoMarket() {
    ArchiveName trades = ArchiveName.parse("ETHUSDT-trades-2024-02.csv");
    assertEquals(Optional.empty(), trades.market());
    assertEquals(DataType.TRADES, trades.dataType());
    assertNull(trades.interval());
    assertEquals(Period.MONTHLY, trades.period());
    assertEquals(29 * DAY_MS, trades.periodEndMs() - trades.periodStartMs());
  }

  @Test
  void theDirectoryTellsTheKlineKindTheNameCannot() {
    ArchiveName mark = ArchiveName.parse("data/futures/um/daily/markPriceKlines/BTCUSDT/1h/BTCUSDT-1h-2024-03-01.zip");
    assertEquals(DataType.MARK_PRICE_KLINES, mark.dataType());
    assertEquals(Interval.ONE_HOUR, mark.interval());
    assertEquals(DataType.KLINES, ArchiveName.parse("BTCUSDT-1h-2024-03-01.zip").dataType());
    ArchiveName metrics = ArchiveName.parse("data/futures/cm/daily/metrics/BTCUSD_PERP/BTCUSD_PERP-metrics-2024-03-01.zip");
    assertEquals(DataType.METRICS, metrics.dataType());
    assertNull(metrics.interval());
    ArchiveName bvol = ArchiveName.parse("data/option/daily/BVOLIndex/BTCBVOLUSDT/BTCBVOLUSDT-BVOLIndex-2023-10-01.zip");
    assertEquals(Optional.of(Market.OPTION), bvol.market());
    assertEquals(DataType.BVOL_INDEX, bvol.dataType());
  }

  @Test
  void aPathNamingACombinationTheSourceNeverPublishesIsRefusedWithTheReason() {
    assertEquals("metrics is not published for spot (it has aggTrades, klines, trades)", assertThrows(
        IllegalArgumentException.class, () -> ArchiveName.parse("data/spot/daily/metrics/X/X-metrics-2024-03-01.zip"))
        .getMessage());
    assertEquals("fundingRate is published monthly only, not daily", assertThrows(IllegalArgumentException.class,
        () -> ArchiveName.parse("data/futures/um/daily/fundingRate/X/X-fundingRate-2024-03-01.zip")).getMessage());
  }

  @Test
  void namesThatAreNotBinancesAreRefusedWithTheReason() {
    assertEquals("'notes.zip' is not a Binance Vision archive name (SYMBOL-TYPE-DATE.zip)",
        assertThrows(IllegalArgumentException.class, () -> ArchiveName.parse("/tmp/notes.zip")).getMessage());
    assertEquals("'1M' is not a Binance Vision data type (a kline interval, or one of aggTrades, bookDepth, "
        + "bookTicker, fundingRate, liquidationSnapshot, metrics, trades, BVOLIndex, EOHSummary)",
        assertThrows(IllegalArgumentException.class, () -> ArchiveName.parse("X-1M-2024-03.zip")).getMessage());
    assertEquals("'X-1m-2024-02-30.zip' carries no valid date",
        assertThrows(IllegalArgumentException.class, () -> ArchiveName.parse("X-1m-2024-02-30.zip")).getMessage());
  }
}
