package dev.vigie.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The phases partition the check's time, from its start to the clock's stop, whatever happens between phases. */
class PhaseClockTest {
  private long now = 1_000_000_000L;

  private PhaseClock startedClock() {
    return new PhaseClock(() -> now);
  }

  private void advanceMs(double ms) {
    now += (long) (ms * 1_000_000);
  }

  @Test
  void theSetupBeforeTheFirstPhaseIsTheFirstPhases() {
    PhaseClock clock = startedClock();
    advanceMs(1.2); // a pause before the request is under way: the check's latency counts it
    clock.enter(Phase.CONNECT);
    advanceMs(0.1);
    clock.enter(Phase.FIRST_BYTE);
    advanceMs(4.3);
    clock.enter(Phase.BODY);
    advanceMs(0.1);
    Phases phases = clock.phases(false);
    assertEquals(1.3, phases.connectMs(), 1e-4);
    assertTrue(Float.isNaN(phases.dnsMs()), "an address literal has no lookup");
    assertEquals(5.7, sum(phases), 1e-4);
    assertEquals(clock.stop(), sum(phases), 1e-4);
    assertNull(phases.failedIn());
  }

  @Test
  void aRedirectAddsToThePhasesAgainAndTheSumStillHolds() {
    PhaseClock clock = startedClock();
    clock.enter(Phase.DNS);
    advanceMs(2);
    clock.enter(Phase.CONNECT);
    advanceMs(3);
    clock.enter(Phase.FIRST_BYTE);
    advanceMs(5);
    clock.enter(Phase.BODY);
    advanceMs(1);
    clock.enter(Phase.DNS);
    advanceMs(2);
    clock.enter(Phase.CONNECT);
    advanceMs(1);
    clock.enter(Phase.FIRST_BYTE);
    advanceMs(7);
    Phases phases = clock.phases(true);
    assertEquals(4, phases.dnsMs(), 1e-4);
    assertEquals(12, phases.firstByteMs(), 1e-4);
    assertEquals(Phase.FIRST_BYTE, phases.failedIn(), "stopped while waiting for the first byte");
    assertEquals(21, sum(phases), 1e-4);
  }

  @Test
  void theLatencyIsReadWhereThePhasesEndNotWhenTheyAreAskedFor() {
    PhaseClock clock = startedClock();
    clock.enter(Phase.FIRST_BYTE);
    advanceMs(500);
    clock.enter(Phase.BODY);
    advanceMs(2);
    double latency = clock.stop(); // the body is in
    advanceMs(2.2); // judging the body, or the thread preempted, before the phases are read
    Phases phases = clock.phases(false);
    assertEquals(502, latency, 1e-4);
    assertEquals(latency, sum(phases), 1e-4);
    assertEquals(latency, clock.stop(), 1e-9);
  }

  @Test
  void theFirstStopIsTheAnswer() {
    PhaseClock clock = startedClock();
    clock.enter(Phase.CONNECT);
    advanceMs(3);
    Phases timedOut = clock.phases(true);
    advanceMs(50);
    clock.enter(Phase.BODY); // a late answer after the timeout changes nothing
    assertEquals(timedOut, clock.phases(false));
  }

  private static double sum(Phases p) {
    double total = 0;
    for (Phase phase : Phase.values()) {
      if (!Float.isNaN(p.ms(phase))) {
        total += p.ms(phase);
      }
    }
    return total;
  }
}
