package dev.vigie.quality;

/**
 * Timestamps expected every {@code step}: a missing one is a gap of whole steps, including a missing head or tail
 * of the period. Steps are counted by rounding, so a timestamp a few milliseconds late (funding rates) is not a
 * gap; the head counts whole steps only, so series aligned elsewhere than the period start (1w on Mondays, 3d)
 * start without one. Present counts distinct timestamps in order; expected counts the slots the period holds with
 * the first timestamp's alignment.
 */
final class Cadence {
  private final ScanTally tally;
  private long step;
  private long start;
  private long end;
  private boolean seen;
  private long first;
  private long previous;
  private long present;

  Cadence(ScanTally tally) {
    this.tally = tally;
  }

  /** Sets the period and step in the file's unit, once the unit is known; a step of 0 turns gap detection off. */
  void period(long start, long end, long step) {
    this.start = start;
    this.end = end;
    this.step = step;
  }

  /** One timestamp in file order; DUPLICATE or OUT_OF_ORDER when it does not move forward, else null. */
  BadReason next(long t, long line) {
    if (seen) {
      if (t == previous) {
        return BadReason.DUPLICATE;
      }
      if (t < previous) {
        return BadReason.OUT_OF_ORDER;
      }
      if (step > 0) {
        long missing = (t - previous + step / 2) / step - 1;
        if (missing > 0) {
          tally.gap(previous + step, t - step, missing, line);
        }
      }
    } else {
      first = t;
      if (step > 0 && t - start >= step) {
        tally.gap(start, t - step, (t - start) / step, line);
      }
    }
    seen = true;
    previous = t;
    present++;
    tally.time(t);
    return null;
  }

  void finish() {
    if (seen && step > 0 && end - previous > step) {
      tally.gap(previous + step, end - step, (end - previous - 1) / step, 0);
    }
  }

  long present() {
    return present;
  }

  /** Slots of the period at the first timestamp's alignment; 0 without a step or before any timestamp. */
  long expected() {
    if (step <= 0 || !seen) {
      return 0;
    }
    return (first - start) / step + (end - first + step - 1) / step;
  }
}
