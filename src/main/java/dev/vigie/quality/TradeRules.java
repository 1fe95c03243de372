package dev.vigie.quality;

/**
 * Trades: id, price, qty, quote_qty, time, is_buyer_maker[, is_best_match on spot]. Ids must rise by one: a jump
 * is a gap of the ids skipped.
 */
final class TradeRules extends RowRules {
  private final IdSequence ids;

  TradeRules(ArchiveName name, ScanTally tally) {
    super(name, tally);
    this.ids = new IdSequence(tally);
  }

  @Override
  public BadReason check(CsvRow row, long line) {
    BadReason reason = columns(row);
    if (reason != null) {
      return reason;
    }
    long id = row.longAt(0);
    long time = row.longAt(4);
    if (id == CsvRow.NOT_A_LONG || time == CsvRow.NOT_A_LONG) {
      return BadReason.NOT_NUMERIC;
    }
    reason = unit(time);
    if (reason == null && !inPeriod(time)) {
      reason = BadReason.OUTSIDE_PERIOD;
    }
    if (reason != null) {
      return reason;
    }
    reason = ids.next(id, time, line);
    if (reason != null) {
      return reason;
    }
    double price = row.decimalAt(1);
    double qty = row.decimalAt(2);
    double quoteQty = row.decimalAt(3);
    if (Double.isNaN(price + qty + quoteQty)) {
      return BadReason.NOT_NUMERIC;
    }
    if (row.booleanAt(5) < 0 || spotLayout() && row.booleanAt(6) < 0) {
      return BadReason.NOT_BOOLEAN;
    }
    if (price <= 0 || qty < 0 || quoteQty < 0) {
      return BadReason.NEGATIVE_VALUE;
    }
    return null;
  }
}
