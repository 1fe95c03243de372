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
    assertEquals(1440L, name.expectedRows());
  }

  @Test
  void aBareFileNameOrTheCsvInsideSaysNoMarket() {
    ArchiveName trades = ArchiveName.parse("ETHUSDT-trades-2024-02.csv");
    assertEquals(Optional.empty(), trades.market());
    assertEquals(DataType.TRADES, trades.dataType());
    assertNull(trades.interval());
    assertEquals(Period.MONTHLY, trades.period());
    assertEquals(29 * DAY_MS, trades.periodEndMs() - trades.periodStartMs());
    assertEquals(0L, trades.expectedRows());
  }

  @Test
  void rowsAreExpectedOnlyForIntervalsThatDivideThePeriod() {
    assertEquals(86_400L, ArchiveName.parse("X-1s-2024-03-01.zip").expectedRows());
    assertEquals(31L * 24, ArchiveName.parse("X-1h-2024-03.zip").expectedRows());
    assertEquals(0L, ArchiveName.parse("X-1w-2024-03.zip").expectedRows());
    assertEquals(0L, ArchiveName.parse("X-1mo-2024-03.zip").expectedRows());
  }

  @Test
  void namesThatAreNotBinancesAreRefusedWithTheReason() {
    assertEquals("'notes.zip' is not a Binance Vision archive name (SYMBOL-TYPE-DATE.zip)",
        assertThrows(IllegalArgumentException.class, () -> ArchiveName.parse("/tmp/notes.zip")).getMessage());
    assertEquals("'bookTicker' is not a supported data type (klines intervals, trades, aggTrades)",
        assertThrows(IllegalArgumentException.class, () -> ArchiveName.parse("X-bookTicker-2024-03-01.zip")).getMessage());
    assertEquals("'1M' is not a supported data type (klines intervals, trades, aggTrades)",
        assertThrows(IllegalArgumentException.class, () -> ArchiveName.parse("X-1M-2024-03.zip")).getMessage());
    assertEquals("'X-1m-2024-02-30.zip' carries no valid date",
        assertThrows(IllegalArgumentException.class, () -> ArchiveName.parse("X-1m-2024-02-30.zip")).getMessage());
  }
}
