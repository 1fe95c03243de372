package dev.vigie.quality;

import dev.vigie.vision.DataType;
import dev.vigie.vision.Market;
import java.util.Locale;

/**
 * How a Binance Vision CSV lays out its columns: spot trades and aggTrades carry one more boolean (is_best_match)
 * than futures ones; klines have the same 12 columns everywhere. A rule of the content the scanner checks rather than
 * of archive names, so it lives here and not in {@code vision}.
 */
enum CsvLayout {
  SPOT(12, 7, 8),
  FUTURES(12, 6, 7);

  private final int klines;
  private final int trades;
  private final int aggTrades;

  CsvLayout(int klines, int trades, int aggTrades) {
    this.klines = klines;
    this.trades = trades;
    this.aggTrades = aggTrades;
  }

  static CsvLayout of(Market market) {
    return market.futures() ? FUTURES : SPOT;
  }

  int columns(DataType type) {
    return switch (type) {
      case KLINES -> klines;
      case TRADES -> trades;
      case AGG_TRADES -> aggTrades;
    };
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
