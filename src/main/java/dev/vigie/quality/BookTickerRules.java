package dev.vigie.quality;

import dev.vigie.vision.ArchiveName;

/**
 * bookTicker (futures): update_id, best_bid_price, best_bid_qty, best_ask_price, best_ask_qty, transaction_time,
 * event_time. Update ids strictly increase (they skip, so a jump is no gap); the best bid is never above the best
 * ask; prices are positive and quantities not negative; times sit inside the period in the file's unit. Updates
 * have no cadence: no gap is measured.
 */
final class BookTickerRules extends RowRules {
  private boolean seen;
  private long previousId;

  BookTickerRules(ArchiveName name, ScanTally tally) {
    super(name, tally, 7);
  }

  @Override
  public BadReason check(CsvRow row, long line) {
    BadReason reason = columns(row);
    if (reason != null) {
      return reason;
    }
    long id = row.longAt(0);
    long transaction = row.longAt(5);
    long event = row.longAt(6);
    double bid = row.decimalAt(1);
    double bidQty = row.decimalAt(2);
    double ask = row.decimalAt(3);
    double askQty = row.decimalAt(4);
    if (id == CsvRow.NOT_A_LONG || transaction == CsvRow.NOT_A_LONG || event == CsvRow.NOT_A_LONG
        || Double.isNaN(bid + bidQty + ask + askQty)) {
      return BadReason.NOT_NUMERIC;
    }
    reason = unit(transaction);
    if (reason == null) {
      reason = unit(event);
    }
    if (reason != null) {
      return reason;
    }
    if (!inPeriod(transaction)) {
      return BadReason.OUTSIDE_PERIOD;
    }
    if (seen && id == previousId) {
      return BadReason.DUPLICATE;
    }
    if (seen && id < previousId) {
      return BadReason.OUT_OF_ORDER;
    }
    seen = true;
    previousId = id;
    tally.time(transaction);
    if (bid <= 0 || ask <= 0 || bidQty < 0 || askQty < 0) {
      return BadReason.NEGATIVE_VALUE;
    }
    return bid > ask ? BadReason.BID_ABOVE_ASK : null;
  }
}
