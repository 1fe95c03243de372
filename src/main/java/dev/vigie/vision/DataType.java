package dev.vigie.vision;

/** The Binance Vision data types the scanner validates, with their column counts per market. */
public enum DataType {
  KLINES("klines", 12, 12),
  TRADES("trades", 7, 6),
  AGG_TRADES("aggTrades", 8, 7);

  private final String wire;
  private final int spotColumns;
  private final int futuresColumns;

  DataType(String wire, int spotColumns, int futuresColumns) {
    this.wire = wire;
    this.spotColumns = spotColumns;
    this.futuresColumns = futuresColumns;
  }

  public String wire() {
    return wire;
  }

  public int columns(Market market) {
    return market == Market.SPOT ? spotColumns : futuresColumns;
  }

  /** The market a column count reveals when the name did not say, or null when the count fits neither. */
  public Market marketFor(int columns) {
    if (columns == spotColumns && columns != futuresColumns) {
      return Market.SPOT;
    }
    if (columns == futuresColumns && columns != spotColumns) {
      return Market.FUTURES;
    }
    return null;
  }

  public static DataType fromWire(String s) {
    for (DataType t : values()) {
      if (t.wire.equals(s)) {
        return t;
      }
    }
    return null;
  }

  /** Spot files carry one more boolean column (is_best_match) than futures ones, except klines. */
  public enum Market {
    SPOT, FUTURES, UNKNOWN;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
