package dev.vigie.quality;

/** Trade and aggregate-trade ids: each must be the previous plus one, and times must not go backwards. */
final class IdSequence {
  private final ScanTally tally;
  private boolean seen;
  private long previousId;
  private long latestTime;

  IdSequence(ScanTally tally) {
    this.tally = tally;
  }

  /** Records one id; returns why the row is bad, or null. A jump is a gap, not a bad row. */
  BadReason next(long id, long time, long line) {
    if (seen) {
      if (id == previousId) {
        return BadReason.DUPLICATE;
      }
      if (id < previousId) {
        return BadReason.OUT_OF_ORDER;
      }
      if (id > previousId + 1) {
        tally.gap(previousId + 1, id - 1, id - previousId - 1, line);
      }
    }
    seen = true;
    previousId = id;
    if (time < latestTime) {
      return BadReason.TIME_DECREASING;
    }
    latestTime = time;
    tally.time(time);
    return null;
  }
}
