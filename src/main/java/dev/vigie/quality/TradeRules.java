package dev.vigie.quality;

import dev.vigie.vision.ArchiveName;

/**
 * Trades: id, price, qty, quote_qty, time, is_buyer_maker[, is_best_match on spot]. Ids must rise by one: a jump
 * is a gap of the ids skipped.
 */
final class TradeRules extends IdSequencedRules {
  TradeRules(ArchiveName name, ScanTally tally) {
    super(name, tally, 4, 5);
  }

  @Override
  boolean ownFieldNotNumeric(CsvRow row) {
    return Double.isNaN(row.decimalAt(3));
  }

  @Override
  BadReason ownFieldInvalid(CsvRow row) {
    return row.decimalAt(3) < 0 ? BadReason.NEGATIVE_VALUE : null;
  }
}
