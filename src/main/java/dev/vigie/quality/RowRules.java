package dev.vigie.quality;

import dev.vigie.vision.ArchiveName;

/**
 * The checks of one data type, row after row. Subclasses keep the little state order, cadence and gap checks need
 * (the previous timestamp or id) and report into the shared {@link ScanTally}.
 */
public abstract class RowRules {
  /** Timestamps at or above this are microseconds (10^13 ms is the year 2286). */
  static final long MICROS_FROM = 10_000_000_000_000L;

  protected final ArchiveName name;
  protected final ScanTally tally;
  protected long scale;
  protected long periodStart;
  protected long periodEnd;
  private int columns;

  /** @param fixedColumns the type's column count, or 0 for trades and aggTrades, whose count depends on the market */
  protected RowRules(ArchiveName name, ScanTally tally, int fixedColumns) {
    this.name = name;
    this.tally = tally;
    this.columns = fixedColumns;
    if (fixedColumns == 0 && name.market().isPresent()) {
      CsvLayout layout = CsvLayout.of(name.market().get());
      columns = layout.columns(name.dataType());
      tally.layout(layout);
    }
  }

  public static RowRules forName(ArchiveName name, ScanTally tally) {
    return switch (name.dataType()) {
      case KLINES, INDEX_PRICE_KLINES, MARK_PRICE_KLINES, PREMIUM_INDEX_KLINES -> new KlineRules(name, tally);
      case TRADES -> new TradeRules(name, tally);
      case AGG_TRADES -> new AggTradeRules(name, tally);
      case BOOK_TICKER -> new BookTickerRules(name, tally);
      case BOOK_DEPTH -> new BookDepthRules(name, tally);
      case FUNDING_RATE -> new FundingRateRules(name, tally);
      case METRICS -> new MetricsRules(name, tally);
      case LIQUIDATION_SNAPSHOT -> new LiquidationSnapshotRules(name, tally);
      case BVOL_INDEX -> new BvolIndexRules(name, tally);
      case EOH_SUMMARY -> new EohSummaryRules(name, tally);
    };
  }

  /** The first reason the row is bad, or null when it is valid. */
  public abstract BadReason check(CsvRow row, long line);

  /**
   * Whether the file's first line is a header: its first field is not what the type's first column holds. Most
   * types start with a number; those starting with a date override this.
   */
  public boolean header(CsvRow firstLine) {
    return !firstLine.firstFieldNumeric();
  }

  /** Called once after the last row (e.g. to report a missing tail). */
  public void finish() {
  }

  /** Rows a complete file holds by the type's cadence, or 0 when the type has none (coverage is not reported). */
  public long expected() {
    return 0;
  }

  /** Distinct cadence slots present, in order and inside the period; meaningful when {@link #expected()} is not 0. */
  public long present() {
    return 0;
  }

  /** Column count; trades and aggTrades without a market in the name take the first row's count as the layout. */
  protected final BadReason columns(CsvRow row) {
    if (columns == 0) {
      CsvLayout layout = CsvLayout.forColumns(name.dataType(), row.count());
      if (layout == null) {
        return BadReason.COLUMN_COUNT;
      }
      columns = row.count();
      tally.layout(layout);
    }
    return row.count() == columns ? null : BadReason.COLUMN_COUNT;
  }

  /** Trades and aggTrades: whether the row carries spot's extra is_best_match column. */
  protected final boolean spotLayout() {
    return columns == CsvLayout.SPOT.columns(name.dataType());
  }

  /** Fixes the file's unit on its first timestamp; a later timestamp in the other unit is bad. */
  protected final BadReason unit(long timestamp) {
    long s = timestamp >= MICROS_FROM ? 1000 : 1;
    if (scale == 0) {
      scale = s;
      periodStart = name.periodStartMs() * s;
      periodEnd = name.periodEndMs() * s;
      tally.timeScale(s);
      onUnit();
      return null;
    }
    return s == scale ? null : BadReason.UNIT_MISMATCH;
  }

  /** For types writing dates as text: their times are milliseconds once read. */
  protected final void millisecondsFromText() {
    if (scale == 0) {
      unit(0);
    }
  }

  /** Called once the unit is known, to scale unit-dependent values. */
  protected void onUnit() {
  }

  protected final boolean inPeriod(long timestamp) {
    return timestamp >= periodStart && timestamp < periodEnd;
  }
}
