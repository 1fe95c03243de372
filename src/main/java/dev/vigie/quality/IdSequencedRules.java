package dev.vigie.quality;

import dev.vigie.vision.ArchiveName;

/**
 * What trades and aggregate trades share: an id in column 0 that must rise by one (a jump is a gap), a timestamp,
 * price and quantity in columns 1 and 2, then is_buyer_maker[, is_best_match on spot]. Subclasses say where the
 * time and the booleans sit and check the fields of their own.
 */
abstract class IdSequencedRules extends RowRules {
  private final IdSequence ids;
  private final int timeColumn;
  private final int firstBooleanColumn;

  IdSequencedRules(ArchiveName name, ScanTally tally, int timeColumn, int firstBooleanColumn) {
    super(name, tally, 0);
    this.ids = new IdSequence(tally);
    this.timeColumn = timeColumn;
    this.firstBooleanColumn = firstBooleanColumn;
  }

  /** True when a field of this data type's own is not a number. */
  abstract boolean ownFieldNotNumeric(CsvRow row);

  /** The reason this data type's own fields are wrong, checked after the shared rules; null when they hold. */
  abstract BadReason ownFieldInvalid(CsvRow row);

  @Override
  public final BadReason check(CsvRow row, long line) {
    BadReason reason = columns(row);
    if (reason != null) {
      return reason;
    }
    long id = row.longAt(0);
    long time = row.longAt(timeColumn);
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
    if (Double.isNaN(price + qty) || ownFieldNotNumeric(row)) {
      return BadReason.NOT_NUMERIC;
    }
    if (row.booleanAt(firstBooleanColumn) < 0 || spotLayout() && row.booleanAt(firstBooleanColumn + 1) < 0) {
      return BadReason.NOT_BOOLEAN;
    }
    if (price <= 0 || qty < 0) {
      return BadReason.NEGATIVE_VALUE;
    }
    return ownFieldInvalid(row);
  }
}
