package dev.vigie.probe;

import java.util.function.LongSupplier;

/**
 * Times the phases of one check as it goes, on the probe's event loop: {@link #enter} closes the phase under way and
 * starts the next; a redirect enters the phases again and their times add up. The clock starts with the check and
 * the first phase entered covers the setup before it (a GC pause there is the check's too), so the phases always sum
 * to the check's latency. {@link #stop} stops the clock and answers that latency, at the same instant the last phase
 * closes: the latency is read there and not later, so work done after it (judging the body, a preempted thread) is in
 * neither. The phase under way at the stop is where the check stopped.
 */
final class PhaseClock {
  private final LongSupplier nanoTime;
  private final long start;
  private final long[] nanos = new long[Phase.values().length];
  private final boolean[] reached = new boolean[Phase.values().length];
  private Phase current;
  private long since;
  private boolean reused;
  private long stoppedAt = -1;
  private Phase stoppedIn;
  private Phases stopped;

  /** Starts the clock now; {@code nanoTime} is {@link System#nanoTime} but for tests. */
  PhaseClock(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.start = nanoTime.getAsLong();
    this.since = start;
  }

  void enter(Phase phase) {
    if (stoppedAt >= 0) {
      return; // a late event after the check ended changes nothing
    }
    long now = nanoTime.getAsLong();
    if (current != null) {
      close(now);
      since = now;
    }
    current = phase;
    reached[phase.ordinal()] = true;
  }

  /** The client handed over a connection it already had: no connect or TLS handshake was needed. */
  void reused(boolean reused) {
    this.reused = reused;
  }

  Phase current() {
    return current;
  }

  /** Stops the clock (the first call) and answers the check's latency in ms, which the phases sum to. */
  double stop() {
    if (stoppedAt < 0) {
      stoppedIn = current;
      stoppedAt = nanoTime.getAsLong();
      close(stoppedAt);
    }
    return (stoppedAt - start) / 1_000_000.0;
  }

  /**
   * The phases up to the stop (stopping the clock if it runs); the first call's answer is kept. {@code stoppedIn} is
   * the phase under way at the stop when {@code failed}, else null.
   */
  Phases phases(boolean failed) {
    if (stopped == null) {
      stop();
      stopped = new Phases(ms(Phase.DNS), ms(Phase.CONNECT), ms(Phase.FIRST_BYTE), ms(Phase.BODY), reused,
          failed ? stoppedIn : null);
    }
    return stopped;
  }

  private void close(long now) {
    if (current != null) {
      nanos[current.ordinal()] += now - since;
      current = null;
    }
  }

  private float ms(Phase phase) {
    return reached[phase.ordinal()] ? (float) (nanos[phase.ordinal()] / 1_000_000.0) : Float.NaN;
  }
}
