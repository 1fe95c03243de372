package dev.vigie.quality;

import dev.vigie.vision.ArchiveName;

/**
 * fundingRate (futures, monthly): calc_time, funding_interval_hours, last_funding_rate. One row per funding: the
 * cadence is the first row's interval (8 hours on most symbols), a missing funding is a gap and coverage counts
 * fundings present against the month's. Interval hours lie in 1..24; the rate may be negative.
 */
final class FundingRateRules extends CadencedRules {
  private static final long HOUR_MS = 3_600_000L;
  private long hours;

  FundingRateRules(ArchiveName name, ScanTally tally) {
    super(name, tally, 3);
  }

  @Override
  public BadReason check(CsvRow row, long line) {
    BadReason reason = columns(row);
    if (reason != null) {
      return reason;
    }
    long time = row.longAt(0);
    long interval = row.longAt(1);
    if (time == CsvRow.NOT_A_LONG || interval == CsvRow.NOT_A_LONG || Double.isNaN(row.decimalAt(2))) {
      return BadReason.NOT_NUMERIC;
    }
    if (interval < 1 || interval > 24) {
      return BadReason.OUT_OF_RANGE;
    }
    if (hours == 0) {
      hours = interval;
    }
    reason = unit(time);
    if (reason != null) {
      return reason;
    }
    return inPeriod(time) ? cadence.next(time, line) : BadReason.OUTSIDE_PERIOD;
  }

  @Override
  protected void onUnit() {
    cadence.period(periodStart, periodEnd, hours * HOUR_MS * scale);
  }
}
