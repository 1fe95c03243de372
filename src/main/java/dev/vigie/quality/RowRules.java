package dev.vigie.quality;

import dev.vigie.vision.ArchiveName;
import dev.vigie.vision.DataType;

/**
 * The checks of one data type, row after row. Subclasses keep the little state order and gap checks need (the
 * previous timestamp or id) and report into the shared {@link ScanTally}.
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

  protected RowRules(ArchiveName name, ScanTally tally) {
    this.name = name;
    this.tally = tally;
    CsvLayout layout = name.market().map(CsvLayout::of).orElse(null);
    if (layout != null) {
      columns = layout.columns(name.dataType());
      tally.layout(layout);
    } else if (name.dataType() == DataType.KLINES) {
      // klines have the same columns on every market: the count says nothing about it
      columns = CsvLayout.SPOT.columns(DataType.KLINES);
    }
  }

  public static RowRules forName(ArchiveName name, ScanTally tally) {
    return switch (name.dataType()) {
      case KLINES -> new KlineRules(name, tally);
      case TRADES -> new TradeRules(name, tally);
      case AGG_TRADES -> new AggTradeRules(name, tally);
    };
  }

  /** The first reason the row is bad, or null when it is valid. */
  public abstract BadReason check(CsvRow row, long line);

  /** Called once after the last row (e.g. to report a missing tail). */
  public void finish() {
  }

  /** Column count; when the name did not give the market, the first row's count decides it. */
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

  protected final boolean spotLayout() {
    return columns == CsvLayout.SPOT.columns(name.dataType()) && name.dataType() != DataType.KLINES;
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

  /** Called once the unit is known, to scale unit-dependent values. */
  protected void onUnit() {
  }

  protected final boolean inPeriod(long timestamp) {
    return timestamp >= periodStart && timestamp < periodEnd;
  }
}
