package dev.vigie.quality;

import dev.vigie.vision.ArchiveName;
import dev.vigie.vision.DataType;
import dev.vigie.vision.Interval;

/**
 * Every kline kind (klines, indexPriceKlines, markPriceKlines, premiumIndexKlines): open_time, open, high, low,
 * close, volume, close_time, quote_volume, count, taker_buy_volume, taker_buy_quote_volume, ignore. A missing open
 * time is a gap of whole intervals (3d and 1w included, aligned on their first row), including a missing head or
 * tail of the day or month; a 1mo file holds one row, the month's. A premium index may be negative; nothing else.
 */
final class KlineRules extends CadencedRules {
  private final boolean signedPrices;
  private final boolean calendarMonth;

  KlineRules(ArchiveName name, ScanTally tally) {
    super(name, tally, 12);
    this.signedPrices = name.dataType() == DataType.PREMIUM_INDEX_KLINES;
    this.calendarMonth = name.interval() == Interval.ONE_MONTH;
  }

  @Override
  protected void onUnit() {
    // 1mo: the month's one row, as a step as long as the period
    cadence.period(periodStart, periodEnd, calendarMonth ? periodEnd - periodStart : name.intervalMs() * scale);
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
    reason = cadence.next(open, line);
    return reason != null ? reason : values(row, open, close);
  }

  private BadReason values(CsvRow row, long open, long close) {
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
    if (volume < 0 || quoteVolume < 0 || takerVolume < 0 || takerQuoteVolume < 0 || count < 0 || l < 0 && !signedPrices) {
      return BadReason.NEGATIVE_VALUE;
    }
    if (close <= open) {
      return BadReason.CLOSE_NOT_AFTER_OPEN;
    }
    return null;
  }
}
