package dev.vigie.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeScheduleTest {
  @Test
  void tenThousandEndpointsAtTenSecondsAreSpreadEvenlyOverTheInterval() {
    ProbeSchedule<Integer> schedule = new ProbeSchedule<>();
    long start = 1_000_000L;
    for (int i = 0; i < 10_000; i++) {
      // Loaded together at 1,000 a second: spread over 10 s.
      schedule.add("endpoint:ep-" + i, i, 10_000, start, ProbeSchedule.firstCheck("endpoint:ep-" + i, 10_000, start, 10_000));
    }
    int[] perSecond = new int[40];
    for (long t = start; t < start + 40_000; t += 10) {
      perSecond[(int) ((t - start) / 1000)] += schedule.due(t).size();
    }
    for (int s = 0; s < 40; s++) {
      assertTrue(perSecond[s] > 800 && perSecond[s] < 1200, "second " + s + ": " + perSecond[s] + " checks");
    }
  }

  @Test
  void anHourlyMonitorLoadedWithOthersIsFirstCheckedWithinTheSpreadThenOnItsPhase() {
    long phase = ProbeSchedule.phase("endpoint:b", 3_600_000);
    long first = ProbeSchedule.firstCheck("endpoint:b", 3_600_000, 0, 10_000);
    assertTrue(first <= 10_000, "within the 10 s spread: " + first);
    assertEquals(phase / 360, first, 1);
    ProbeSchedule<String> schedule = new ProbeSchedule<>();
    schedule.add("endpoint:b", "b", 3_600_000, 0, first);
    schedule.due(first);
    assertEquals(phase + 3_600_000, schedule.nextDueMs());
  }

  @Test
  void theFirstCheckIsEarlyThenEveryCheckLandsOnItsPhase() {
    ProbeSchedule<String> schedule = new ProbeSchedule<>();
    long phase = ProbeSchedule.phase("endpoint:a", 60_000);
    schedule.add("endpoint:a", "a", 60_000, 0, 5);
    assertEquals(Math.min(5, phase), schedule.nextDueMs());
    List<ProbeSchedule.Due<String>> first = schedule.due(Math.min(5, phase));
    assertEquals(1, first.size());
    long second = schedule.nextDueMs();
    assertEquals(phase + 60_000, second, "on its phase, one interval on");
    schedule.due(second);
    assertEquals(second + 60_000, schedule.nextDueMs());
    assertEquals(phase, ProbeSchedule.phase("endpoint:a", 60_000), "stable");
  }

  @Test
  void aCheckThatCouldNotRunInTimeIsSkippedNotPiledUp() {
    ProbeSchedule<String> schedule = new ProbeSchedule<>();
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
