package dev.vigie.quality;

import dev.vigie.vision.ArchiveName;

/**
 * EOHSummary (options, daily): date, hour, symbol, underlying, type, strike, open, high, low, close,
 * volume_contracts, volume_usdt, best_bid_price, best_ask_price, best_bid_qty, best_ask_qty, best_buy_iv,
 * best_sell_iv, mark_price, mark_iv, delta, gamma, vega, theta, openinterest_contracts, openinterest_usdt: one row
 * per option and end of hour. The date is the file's, the hour 0..23; OHLC ordering holds once the option traded;
 * a quoted best bid is never above the best ask; strike, prices, volumes, quantities and open interest are not
 * negative (the greeks may be). Binance leaves a figure it has not got empty and prints some in scientific notation
 * ({@code 0E-8}, as Java's BigDecimal does): an empty figure is absent, not bad, and is skipped by the checks that
 * need it; the strike is always written. The cadence is hourly: an hour of the day without any row is a gap.
 */
final class EohSummaryRules extends RowRules {
  private static final int HOURS = 24;
  private static final long HOUR_MS = 3_600_000L;
  private static final int[] NOT_NEGATIVE = {5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 18, 24, 25};
  private static final int STRIKE = 5;
  private static final int COLUMNS = 26;
  /** The row's strike and figures as read (NaN when empty), by column; reused from row to row. */
  private final double[] figures = new double[COLUMNS];
  private int hoursSeen;

  EohSummaryRules(ArchiveName name, ScanTally tally) {
    super(name, tally, COLUMNS);
  }

  @Override
  public boolean header(CsvRow firstLine) {
    return firstLine.dateTimeAt(0) == CsvRow.NOT_A_LONG;
  }

  @Override
  public BadReason check(CsvRow row, long line) {
    BadReason reason = columns(row);
    if (reason != null) {
      return reason;
    }
    millisecondsFromText();
    long day = row.dateTimeAt(0);
    long hour = row.longAt(1);
    if (day == CsvRow.NOT_A_LONG || hour == CsvRow.NOT_A_LONG) {
      return BadReason.NOT_NUMERIC;
    }
    if (day != periodStart) {
      return BadReason.OUTSIDE_PERIOD;
    }
    if (hour < 0 || hour >= HOURS) {
      return BadReason.OUT_OF_RANGE;
    }
    if (!readFigures(row)) {
      return BadReason.NOT_NUMERIC;
    }
    hoursSeen |= 1 << hour;
    tally.time(day + hour * HOUR_MS);
    for (int field : NOT_NEGATIVE) {
      if (figures[field] < 0) {
        return BadReason.NEGATIVE_VALUE;
      }
    }
    // An absent figure is NaN, and NaN compares false: a check needing it holds.
    double o = figures[6];
    double h = figures[7];
    double l = figures[8];
    double c = figures[9];
    if (figures[10] > 0 && (l > o || l > c || h < o || h < c)) {
      return BadReason.OHLC_INCONSISTENT;
    }
    double bid = figures[12];
    double ask = figures[13];
    return bid > 0 && ask > 0 && bid > ask ? BadReason.BID_ABOVE_ASK : null;
  }

  /** Reads the strike and the figures after it; false when the strike or a figure is neither empty nor a number. */
  private boolean readFigures(CsvRow row) {
    figures[STRIKE] = row.scientificAt(STRIKE);
    if (Double.isNaN(figures[STRIKE])) {
      return false;
    }
    for (int field = STRIKE + 1; field < COLUMNS; field++) {
      if (row.emptyAt(field)) {
        figures[field] = Double.NaN;
        continue;
      }
      double value = row.scientificAt(field);
      if (Double.isNaN(value)) {
        return false;
      }
      figures[field] = value;
    }
    return true;
  }

  /** Each run of hours without a row is one gap, counted in hours. */
  @Override
  public void finish() {
    int hour = 0;
    while (hour < HOURS) {
      if ((hoursSeen & 1 << hour) != 0) {
        hour++;
        continue;
      }
      int from = hour;
      while (hour < HOURS && (hoursSeen & 1 << hour) == 0) {
        hour++;
      }
      tally.gap(periodStart + from * HOUR_MS, periodStart + (hour - 1) * HOUR_MS, hour - from,
          hour == HOURS ? 0 : -1);
    }
  }

  @Override
  public long expected() {
    return HOURS;
  }

  @Override
  public long present() {
    return Integer.bitCount(hoursSeen);
  }
}
