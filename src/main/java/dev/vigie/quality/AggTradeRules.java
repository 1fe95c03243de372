package dev.vigie.quality;

/**
 * Aggregate trades: agg_trade_id, price, quantity, first_trade_id, last_trade_id, transact_time, is_buyer_maker
 * [, is_best_match on spot]. Aggregate ids must rise by one; each covers first..last trade ids.
 */
final class AggTradeRules extends RowRules {
  private final IdSequence ids;

  AggTradeRules(ArchiveName name, ScanTally tally) {
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
    long time = row.longAt(5);
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
    long first = row.longAt(3);
    long last = row.longAt(4);
    if (Double.isNaN(price + qty) || first == CsvRow.NOT_A_LONG || last == CsvRow.NOT_A_LONG) {
      return BadReason.NOT_NUMERIC;
    }
    if (row.booleanAt(6) < 0 || spotLayout() && row.booleanAt(7) < 0) {
      return BadReason.NOT_BOOLEAN;
    }
    if (price <= 0 || qty < 0) {
      return BadReason.NEGATIVE_VALUE;
    }
    if (first > last) {
      return BadReason.TRADE_RANGE_INVERTED;
    }
    return null;
  }
}
