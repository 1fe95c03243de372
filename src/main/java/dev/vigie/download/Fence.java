package dev.vigie.download;

/**
 * Whether this member may go on fetching the archives it claimed, when the cluster asks for a quorum
 * ({@code cluster.quorum}): only while it sees that many members and has reached the claims' map within the last
 * lease. A member cut off by a network split, or frozen (a long pause, a suspended VM), so stops writing within a
 * lease of its last contact, whatever it believes about the members; and the survivors take its claims over only a
 * lease after they saw it go. So the two sides of a split never fetch one archive at once. Without a quorum the fence
 * is always open and takeovers are immediate (a dead member is the common case, and it fetches nothing).
 * Plain Java; used on the download area's event loop.
 */
final class Fence {
  /** Added to the lease before a takeover: the check's own round trips, and two clocks that do not run quite alike. */
  static final long TAKEOVER_MARGIN_MS = 1000;
  private final boolean required;
  private final long leaseMs;
  private boolean quorate = true;
  /** When the last round trip to the map that succeeded, on a quorate side, was started. */
  private long confirmedAt;

  /** Closed until the first confirmation when {@code required}. */
  Fence(boolean required, long leaseMs, long now) {
    this.required = required;
    this.leaseMs = leaseMs;
    this.confirmedAt = now - leaseMs - 1;
  }

  boolean required() {
    return required;
  }

  long leaseMs() {
    return leaseMs;
  }

  void quorate(boolean now) {
    quorate = now;
  }

  /** A round trip to the map started at {@code startedAt} succeeded: the lease runs from then. */
  void confirmed(long startedAt) {
    if (quorate && startedAt > confirmedAt) {
      confirmedAt = startedAt;
    }
  }

  boolean open(long now) {
    return !required || (quorate && now - confirmedAt <= leaseMs);
  }

  /** How long after a member is seen to go its claims may be taken: past its lease, it has stopped fetching. */
  long takeoverDelayMs() {
    return required ? leaseMs + TAKEOVER_MARGIN_MS : 0;
  }

  /** Why it is closed, for the jobs that wait; null when open. */
  String closedReason(long now, int members) {
    if (open(now)) {
      return null;
    }
    if (!quorate) {
      return "this member sees " + members + " member(s), fewer than cluster.quorum (a network split?): its downloads"
          + " wait until the cluster has its quorum back";
    }
    return "the cluster's map has not answered for " + (now - confirmedAt) + " ms (lease " + leaseMs
        + " ms): the downloads wait until it does";
  }
}
