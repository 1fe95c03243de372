package dev.vigie.probe;

/**
 * Whether one monitor's alert is open, from its own checks: raised after {@code raiseAfter} bad results in a row,
 * cleared after {@code clearAfter} good ones in a row. A result that says nothing (a freshness source with no data
 * yet) breaks neither run. Counted per check, not per section update, so the bounds mean checks.
 */
final class Streak {
  enum Change { NONE, RAISE, CLEAR }

  private int bad;
  private int good;
  private boolean open;

  /** @param bad TRUE for a bad result, FALSE for a good one, null for one that says nothing */
  Change observe(Boolean bad, int raiseAfter, int clearAfter) {
    if (bad == null) {
      return Change.NONE;
    }
    if (bad) {
      good = 0;
      this.bad++;
      if (!open && this.bad >= raiseAfter) {
        open = true;
        return Change.RAISE;
      }
    } else {
      this.bad = 0;
      good++;
      if (open && good >= clearAfter) {
        open = false;
        good = 0;
        return Change.CLEAR;
      }
    }
    return Change.NONE;
  }

  boolean open() {
    return open;
  }

  int badInARow() {
    return bad;
  }
}
