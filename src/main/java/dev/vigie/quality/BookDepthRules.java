package dev.vigie.quality;

import dev.vigie.vision.ArchiveName;

/**
 * bookDepth (futures, daily): timestamp ({@code YYYY-MM-DD HH:MM:SS}), percentage, depth, notional. Each snapshot
 * lists the depth within ±1..5 % of the price, cumulative: on one side of one snapshot a wider level never holds
 * less than a narrower one (checked between consecutive levels of a side, whichever way they are listed). Levels are non-zero within ±5 %; depth and notional are not negative; timestamps never
 * go back. Snapshots come at no fixed cadence: no gap is measured.
 */
final class BookDepthRules extends RowRules {
  private static final double WIDEST_PERCENT = 5.0;
  private long snapshot = Long.MIN_VALUE;
  /** The previous level of each side (0: bids, negative percentages; 1: asks) in the current snapshot. */
  private final double[] width = new double[2];
  private final double[] depthAt = new double[2];

  BookDepthRules(ArchiveName name, ScanTally tally) {
    super(name, tally, 4);
  }

  @Override
  public boolean header(CsvRow firstLine) {
    return firstLine.dateTimeAt(0) == CsvRow.NOT_A_LONG;
  }

  @Override
  public BadReason check(CsvRow row, long line) {
    BadReason reason = columns(row);
    if (reason != null) {
      return reason;
    }
    millisecondsFromText();
    long time = row.dateTimeAt(0);
    double percentage = row.decimalAt(1);
    double depth = row.decimalAt(2);
    double notional = row.decimalAt(3);
    if (time == CsvRow.NOT_A_LONG || Double.isNaN(percentage + depth + notional)) {
      return BadReason.NOT_NUMERIC;
    }
    if (!inPeriod(time)) {
      return BadReason.OUTSIDE_PERIOD;
    }
    if (time < snapshot) {
      return BadReason.TIME_DECREASING;
    }
    if (time != snapshot) {
      snapshot = time;
      width[0] = width[1] = 0;
      tally.time(time);
    }
    if (percentage == 0 || Math.abs(percentage) > WIDEST_PERCENT) {
      return BadReason.OUT_OF_RANGE;
    }
    if (depth < 0 || notional < 0) {
      return BadReason.NEGATIVE_VALUE;
    }
    int side = percentage < 0 ? 0 : 1;
    double level = Math.abs(percentage);
    if (width[side] > 0 && (level > width[side] && depth < depthAt[side] || level < width[side] && depth > depthAt[side])) {
      return BadReason.DEPTH_NOT_CUMULATIVE;
    }
    width[side] = level;
    depthAt[side] = depth;
    return null;
  }
}
