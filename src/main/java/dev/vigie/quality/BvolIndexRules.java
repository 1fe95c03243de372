package dev.vigie.quality;

import dev.vigie.vision.ArchiveName;
import java.nio.charset.StandardCharsets;

/**
 * BVOLIndex (options, daily): calc_time, symbol, base_asset, quote_asset, index_value. Calculation times strictly
 * increase inside the day in the file's unit; the symbol is the file's; the index is positive. No cadence is
 * documented: no gap is measured.
 */
final class BvolIndexRules extends RowRules {
  private final Cadence order;
  private final byte[] symbol;

  BvolIndexRules(ArchiveName name, ScanTally tally) {
    super(name, tally, 5);
    this.order = new Cadence(tally);
    this.symbol = name.symbol().getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public BadReason check(CsvRow row, long line) {
    BadReason reason = columns(row);
    if (reason != null) {
      return reason;
    }
    long time = row.longAt(0);
    double index = row.decimalAt(4);
    if (time == CsvRow.NOT_A_LONG || Double.isNaN(index)) {
      return BadReason.NOT_NUMERIC;
    }
    reason = unit(time);
    if (reason != null) {
      return reason;
    }
    if (!inPeriod(time)) {
      return BadReason.OUTSIDE_PERIOD;
    }
    reason = order.next(time, line);
    if (reason != null) {
      return reason;
    }
    if (!row.fieldIs(1, symbol)) {
      return BadReason.SYMBOL_MISMATCH;
    }
    return index <= 0 ? BadReason.NEGATIVE_VALUE : null;
  }
}
