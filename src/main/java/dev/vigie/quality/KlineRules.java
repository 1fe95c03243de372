package dev.vigie.quality;

import dev.vigie.vision.ArchiveName;

/**
 * Klines: open_time, open, high, low, close, volume, close_time, quote_volume, count, taker_buy_volume,
 * taker_buy_quote_volume, ignore. A missing open time is a gap of whole intervals, including a missing head or
 * tail of the day or month; coverage counts the distinct open times present.
 */
final class KlineRules extends RowRules {
  private long interval;
  private boolean seen;
  private long previous;
  private long present;

  KlineRules(ArchiveName name, ScanTally tally) {
    super(name, tally);
  }

  @Override
  protected void onUnit() {
    interval = name.intervalMs() * scale;
  }

  @Override
  public BadReason check(CsvRow row, long line) {
    BadReason reason = columns(row);
    if (reason != null) {
      return reason;
    }
    long open = row.longAt(0);
    long close = row.longAt(6);
    if (open == CsvRow.NOT_A_LONG || close == CsvRow.NOT_A_LONG) {
      return BadReason.NOT_NUMERIC;
    }
    reason = unit(open);
    if (reason != null) {
      return reason;
    }
    if (!inPeriod(open)) {
      return BadReason.OUTSIDE_PERIOD;
    }
    if (seen) {
      if (open == previous) {
        return BadReason.DUPLICATE;
      }
      if (open < previous) {
        return BadReason.OUT_OF_ORDER;
      }
      if (interval > 0 && open - previous > interval) {
        tally.gap(previous + interval, open - interval, (open - previous) / interval - 1, line);
      }
    } else if (interval > 0 && open - periodStart >= interval) {
      tally.gap(periodStart, open - interval, (open - periodStart) / interval, line);
    }
    seen = true;
    previous = open;
    present++;
    tally.time(open);
    return values(row, open, close);
  }

  private static BadReason values(CsvRow row, long open, long close) {
    double o = row.decimalAt(1);
    double h = row.decimalAt(2);
    double l = row.decimalAt(3);
    double c = row.decimalAt(4);
    double volume = row.decimalAt(5);
    double quoteVolume = row.decimalAt(7);
    long count = row.longAt(8);
    double takerVolume = row.decimalAt(9);
    double takerQuoteVolume = row.decimalAt(10);
    // NaN compares false: one sum catches any field that did not parse.
    if (Double.isNaN(o + h + l + c + volume + quoteVolume + takerVolume + takerQuoteVolume) || count == CsvRow.NOT_A_LONG) {
      return BadReason.NOT_NUMERIC;
    }
    if (l > o || l > c || h < o || h < c) {
      return BadReason.OHLC_INCONSISTENT;
    }
    if (volume < 0 || quoteVolume < 0 || takerVolume < 0 || takerQuoteVolume < 0 || count < 0 || l < 0) {
      return BadReason.NEGATIVE_VALUE;
    }
    if (close <= open) {
      return BadReason.CLOSE_NOT_AFTER_OPEN;
    }
    return null;
  }

  @Override
  public void finish() {
    if (seen && interval > 0 && periodEnd - previous > interval) {
      tally.gap(previous + interval, periodEnd - interval, (periodEnd - previous) / interval - 1, 0);
    }
  }

  /** Distinct open times present, in order and inside the period. */
  long present() {
    return present;
  }
}
