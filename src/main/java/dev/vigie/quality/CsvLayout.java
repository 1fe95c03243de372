package dev.vigie.quality;

import dev.vigie.vision.DataType;
import dev.vigie.vision.Market;
import java.util.Locale;

/**
 * How a trades or aggTrades CSV lays out its columns: spot ones carry one more boolean (is_best_match) than futures
 * ones. Every other data type has one layout everywhere ({@link RowRules}'s fixed count). A rule of the content the
 * scanner checks rather than of archive names, so it lives here and not in {@code vision}.
 */
enum CsvLayout {
  SPOT(7, 8),
  FUTURES(6, 7);

  private final int trades;
  private final int aggTrades;

  CsvLayout(int trades, int aggTrades) {
    this.trades = trades;
    this.aggTrades = aggTrades;
  }

  static CsvLayout of(Market market) {
    return market == Market.SPOT ? SPOT : FUTURES;
  }

  /** Columns of {@code type} (trades or aggTrades) in this layout. */
  int columns(DataType type) {
    return type == DataType.TRADES ? trades : aggTrades;
  }

  /** The layout a column count reveals when the name did not say, or null when the count fits no single one. */
  static CsvLayout forColumns(DataType type, int columns) {
    CsvLayout found = null;
    for (CsvLayout layout : values()) {
      if (layout.columns(type) == columns) {
        if (found != null) {
          return null;
        }
        found = layout;
      }
    }
    return found;
  }

  /** As reports write it: {@code spot} or {@code futures}. */
  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
