package dev.vigie.quality;

import dev.vigie.vision.ArchiveName;
import java.nio.charset.StandardCharsets;

/**
 * metrics (futures, daily): create_time ({@code YYYY-MM-DD HH:MM:SS}), symbol, sum_open_interest,
 * sum_open_interest_value, count_toptrader_long_short_ratio, sum_toptrader_long_short_ratio,
 * count_long_short_ratio, sum_taker_long_short_vol_ratio. One row every 5 minutes (288 a day): a missing one is a
 * gap. The symbol is the file's; every figure is a number, none negative.
 */
final class MetricsRules extends CadencedRules {
  static final long STEP_MS = 300_000L;
  private final byte[] symbol;

  MetricsRules(ArchiveName name, ScanTally tally) {
    super(name, tally, 8);
    this.symbol = name.symbol().getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public boolean header(CsvRow firstLine) {
    return firstLine.dateTimeAt(0) == CsvRow.NOT_A_LONG;
  }

  @Override
  protected void onUnit() {
    cadence.period(periodStart, periodEnd, STEP_MS);
  }

  @Override
  public BadReason check(CsvRow row, long line) {
    BadReason reason = columns(row);
    if (reason != null) {
      return reason;
    }
    millisecondsFromText();
    long time = row.dateTimeAt(0);
    if (time == CsvRow.NOT_A_LONG) {
      return BadReason.NOT_NUMERIC;
    }
    if (!inPeriod(time)) {
      return BadReason.OUTSIDE_PERIOD;
    }
    reason = cadence.next(time, line);
    if (reason != null) {
      return reason;
    }
    if (!row.fieldIs(1, symbol)) {
      return BadReason.SYMBOL_MISMATCH;
    }
    double sum = 0;
    boolean negative = false;
    for (int field = 2; field < 8; field++) {
      double value = row.decimalAt(field);
      sum += value;
      negative |= value < 0;
    }
    if (Double.isNaN(sum)) {
      return BadReason.NOT_NUMERIC;
    }
    return negative ? BadReason.NEGATIVE_VALUE : null;
  }
}
