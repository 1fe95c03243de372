package dev.vigie.quality;

import dev.vigie.vision.ArchiveName;
import java.nio.charset.StandardCharsets;

/**
 * liquidationSnapshot (futures, daily): time, side, order_type, time_in_force, original_quantity, price,
 * average_price, order_status, last_fill_quantity, accumulated_fill_quantity. Times never go back and sit inside
 * the day in the file's unit; side is BUY or SELL; quantities are not negative and prices positive; a last fill never
 * exceeds the accumulated fill, which never exceeds the order. Liquidations come when they come: no gap is measured.
 */
final class LiquidationSnapshotRules extends RowRules {
  private static final byte[] BUY = "BUY".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SELL = "SELL".getBytes(StandardCharsets.US_ASCII);
  private long latest = Long.MIN_VALUE;

  LiquidationSnapshotRules(ArchiveName name, ScanTally tally) {
    super(name, tally, 10);
  }

  @Override
  public BadReason check(CsvRow row, long line) {
    BadReason reason = columns(row);
    if (reason != null) {
      return reason;
    }
    long time = row.longAt(0);
    double original = row.decimalAt(4);
    double price = row.decimalAt(5);
    double average = row.decimalAt(6);
    double lastFill = row.decimalAt(8);
    double accumulated = row.decimalAt(9);
    if (time == CsvRow.NOT_A_LONG || Double.isNaN(original + price + average + lastFill + accumulated)) {
      return BadReason.NOT_NUMERIC;
    }
    reason = unit(time);
    if (reason != null) {
      return reason;
    }
    if (!inPeriod(time)) {
      return BadReason.OUTSIDE_PERIOD;
    }
    if (time < latest) {
      return BadReason.TIME_DECREASING;
    }
    latest = time;
    tally.time(time);
    if (!row.fieldIs(1, BUY) && !row.fieldIs(1, SELL)) {
      return BadReason.UNKNOWN_VALUE;
    }
    if (original < 0 || lastFill < 0 || accumulated < 0 || average < 0 || price <= 0) {
      return BadReason.NEGATIVE_VALUE;
    }
    return lastFill > accumulated || accumulated > original ? BadReason.FILL_EXCEEDS_ORDER : null;
  }
}
