package dev.vigie.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduling rule, on a clock the test drives (the times passed in are the clock). */
class ProbeScheduleTest {
  private static final long START = 1_000_000L;

  /** 10,000 endpoints at 10 s added before start, then started at {@link #START}; checks per second they were due in. */
  private static int[] tenThousandPerSecond() {
    ProbeSchedule<Integer> schedule = new ProbeSchedule<>(1000, 10_000);
    for (int i = 0; i < 10_000; i++) {
      schedule.add("endpoint:ep-" + i, i, 10_000, 0, schedule.spreadOf(10_000));
    }
    assertTrue(schedule.due(START).isEmpty(), "nothing due before the schedule starts");
    schedule.start(START);
    int[] perSecond = new int[40];
    for (long t = START; t < START + 40_000; t += 10) {
      for (ProbeSchedule.Due<Integer> due : schedule.due(t)) {
        perSecond[(int) ((due.scheduledMs() - START) / 1000)]++;
      }
    }
    return perSecond;
  }

  @Test
  void theFirstRoundRampsUpOverTheIntervalThenTheChecksAreEven() {
    int[] perSecond = tenThousandPerSecond();
    // First round: the rate rises evenly from nothing to twice the mean (10,000 × ((s+1)² − s²) / 100 in second s).
    for (int s = 0; s < 10; s++) {
      double expected = 10_000 * ((s + 1) * (s + 1) - s * s) / 100.0;
      assertEquals(expected, perSecond[s], expected * 0.25 + 30, "second " + s + " of the first round");
    }
    assertTrue(perSecond[0] < 250, "a cold start begins with few checks: " + perSecond[0]);
    int firstRound = 0;
    for (int s = 0; s < 10; s++) {
      firstRound += perSecond[s];
    }
    assertEquals(10_000, firstRound, "every endpoint once in the first interval, none twice");
    for (int s = 10; s < 40; s++) {
      assertTrue(perSecond[s] > 800 && perSecond[s] < 1200, "second " + s + ": " + perSecond[s] + " checks");
    }
  }

  @Test
  void aRoundLongerThanTheRampRisesOverTheRampOnlyThenStaysFlat() {
    // 10,000 hourly monitors at 1 a second: the round is the hour; the rate rises over the first 10 s, then is flat.
    ProbeSchedule<Integer> schedule = new ProbeSchedule<>(1, 10_000);
    schedule.start(0);
    for (int i = 0; i < 10_000; i++) {
      schedule.add("endpoint:ep-" + i, i, 3_600_000, 0, schedule.spreadOf(10_000));
    }
    int[] perMinute = new int[60];
    for (long t = 999; t < 3_600_000; t += 1000) {
      for (ProbeSchedule.Due<Integer> due : schedule.due(t)) {
        perMinute[(int) (due.scheduledMs() / 60_000)]++;
      }
    }
    double flat = 10_000 / (3_600_000 - 5_000.0) * 60_000; // 167 a minute
    assertEquals(flat * 55 / 60, perMinute[0], flat * 0.3, "the first minute: 10 s of ramp, 50 s flat");
    for (int m = 1; m < 60; m++) {
      assertEquals(flat, perMinute[m], flat * 0.3, "minute " + m);
    }
    int checked = 0;
    for (int count : perMinute) {
      checked += count;
    }
    assertEquals(10_000, checked, "each once in the hour");
  }

  @Test
  void nothingIsDueUntilTheScheduleStartsAndTheRoundCountsFromThen() {
    ProbeSchedule<String> schedule = new ProbeSchedule<>(1000, 10_000);
    schedule.add("endpoint:a", "a", 10_000, 0, 1);
    assertEquals(Long.MAX_VALUE, schedule.nextDueMs());
    assertTrue(schedule.due(50_000).isEmpty());
    assertEquals(1, schedule.size());
    schedule.start(50_000);
    schedule.start(70_000); // once only
    assertEquals(50_000, schedule.nextDueMs(), "one monitor alone: spread 1 ms, checked at start");
    assertEquals(50_000, schedule.due(50_000).get(0).scheduledMs(), "lateness counts from the start, not from the add");
    assertEquals(50_000 + ProbeSchedule.phase("endpoint:a", 10_000) + 10_000, schedule.nextDueMs());
  }

  @Test
  void aMonitorRemovedBeforeStartIsNeverChecked() {
    ProbeSchedule<String> schedule = new ProbeSchedule<>(1000, 10_000);
    schedule.add("endpoint:a", "a", 10_000, 0, 0);
    schedule.remove("endpoint:a");
    schedule.start(0);
    assertEquals(Long.MAX_VALUE, schedule.nextDueMs());
    assertEquals(0, schedule.size());
  }

  @Test
  void anHourlyMonitorLoadedWithOthersIsFirstCheckedWithinTheSpreadThenOnItsPhase() {
    long phase = ProbeSchedule.phase("endpoint:b", 3_600_000);
    long first = ProbeSchedule.firstCheck("endpoint:b", 3_600_000, 0, 10_000, 10_000);
    assertTrue(first < 10_000, "within the 10 s spread: " + first);
    assertEquals((long) (10_000 * Math.sqrt(phase / 3_600_000.0)), first);
    ProbeSchedule<String> schedule = new ProbeSchedule<>(1000, 10_000);
    schedule.start(0);
    schedule.add("endpoint:b", "b", 3_600_000, 0, 10_000);
    assertEquals(first, schedule.nextDueMs());
    schedule.due(first);
    assertEquals(phase + 3_600_000, schedule.nextDueMs());
  }

  @Test
  void aRampedFirstCheckPastItsPhasePointIsFollowedOneIntervalAfterThatPoint() {
    // Over a whole interval the ramp puts a first check at or after its phase point (√u ≥ u), never past the next one.
    for (int i = 0; i < 1000; i++) {
      String key = "endpoint:r" + i;
      long phase = ProbeSchedule.phase(key, 10_000);
      long first = ProbeSchedule.firstCheck(key, 10_000, 0, 10_000, 10_000);
      assertTrue(first >= phase && first < phase + 10_000, key + ": " + first + " for phase " + phase);
      ProbeSchedule<String> schedule = new ProbeSchedule<>(1000, 10_000);
      schedule.start(0);
      schedule.add(key, key, 10_000, 0, 10_000);
      assertEquals(first, schedule.due(first).get(0).scheduledMs());
      assertEquals(phase + 10_000, schedule.nextDueMs(), key);
    }
  }

  @Test
  void aMonitorAddedAloneAfterStartIsCheckedAtOnceThenOnItsPhase() {
    ProbeSchedule<String> schedule = new ProbeSchedule<>(1000, 10_000);
    schedule.start(0);
    long phase = ProbeSchedule.phase("endpoint:a", 60_000);
    schedule.add("endpoint:a", "a", 60_000, 0, 0);
    assertEquals(0, schedule.nextDueMs());
    List<ProbeSchedule.Due<String>> first = schedule.due(0);
    assertEquals(1, first.size());
    long second = schedule.nextDueMs();
    assertEquals(phase + 60_000, second, "on its phase, one interval on");
    schedule.due(second);
    assertEquals(second + 60_000, schedule.nextDueMs());
    assertEquals(phase, ProbeSchedule.phase("endpoint:a", 60_000), "stable");
  }

  @Test
  void aCheckThatCouldNotRunInTimeIsSkippedNotPiledUp() {
    ProbeSchedule<String> schedule = new ProbeSchedule<>(1000, 10_000);
    schedule.start(0);
    schedule.add("k", "k", 100, 0, 0);
    assertEquals(1, schedule.due(0).size());
    long phase = schedule.nextDueMs();
    List<ProbeSchedule.Due<String>> late = schedule.due(phase + 1050);
    assertEquals(1, late.size(), "one check, not eleven");
    assertEquals(phase, late.get(0).scheduledMs(), "its lateness counts from when it was due");
    assertEquals(10, schedule.skipped());
    assertTrue(schedule.nextDueMs() > phase + 1050);
    schedule.remove("k");
    assertEquals(Long.MAX_VALUE, schedule.nextDueMs());
  }
}
