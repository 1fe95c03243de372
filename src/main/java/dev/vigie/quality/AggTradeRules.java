package dev.vigie.quality;

import dev.vigie.vision.ArchiveName;

/**
 * Aggregate trades: agg_trade_id, price, quantity, first_trade_id, last_trade_id, transact_time, is_buyer_maker
 * [, is_best_match on spot]. Aggregate ids must rise by one; each covers first..last trade ids.
 */
final class AggTradeRules extends IdSequencedRules {
  AggTradeRules(ArchiveName name, ScanTally tally) {
    super(name, tally, 5, 6);
  }

  @Override
  boolean ownFieldNotNumeric(CsvRow row) {
    return row.longAt(3) == CsvRow.NOT_A_LONG || row.longAt(4) == CsvRow.NOT_A_LONG;
  }

  @Override
  BadReason ownFieldInvalid(CsvRow row) {
    return row.longAt(3) > row.longAt(4) ? BadReason.TRADE_RANGE_INVERTED : null;
  }
}
