package dev.vigie.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * What the uptime windows keep between questions: read once, extended by what was rolled up since, read again when
 * the day, a window's start or the history revision changes.
 */
class SettledHistoryTest {
  private static final long MINUTE = Rollups.MINUTE;
  private static final long DAY = Rollups.DAY;

  /** Every span asked of the database; each monitor gets one result per minute of the span. */
  private final List<long[]> loads = new ArrayList<>();
  private final SettledHistory settled = new SettledHistory((from, to) -> {
    loads.add(new long[] {from, to});
    Map<String, PackedAggregate> sums = new HashMap<>();
    for (String monitor : List.of("a", "b")) {
      ResultAggregate sum = new ResultAggregate();
      for (long t = from; t < to; t += MINUTE) {
        sum.add("endpoint", true, 10, null);
      }
      if (sum.total() > 0) {
        sums.put(monitor, sum.pack());
      }
    }
    return Future.succeededFuture(sums);
  }, new SettledHistory.Worker() {
    @Override
    public <T> Future<T> run(Callable<T> task) {
      try {
        return Future.succeededFuture(task.call());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }
  });

  @Test
  void todayIsReadOnceThenExtendedByWhatWasRolledUpSince() {
    long day = Instant.parse("2026-12-02T00:00:00Z").toEpochMilli();
    SettledHistory.Today first = settled.today(day, day + 60 * MINUTE, 0).result();
    assertEquals(60, first.sums().get("a").total());
    SettledHistory.Today same = settled.today(day, day + 60 * MINUTE, 0).result();
    assertSame(first, same, "nothing new rolled up: nothing read");
    SettledHistory.Today later = settled.today(day, day + 63 * MINUTE, 0).result();
    assertEquals(day + 63 * MINUTE, later.upTo());
    assertEquals(63, later.sums().get("b").total());
    assertEquals(List.of(day + 60 * MINUTE, day + 63 * MINUTE), List.of(loads.get(1)[0], loads.get(1)[1]),
        "only the three new minutes are read");
    // A question holding older marks gets the part as far as it goes, and reads what came after its upTo.
    assertEquals(day + 63 * MINUTE, settled.today(day, day + 61 * MINUTE, 0).result().upTo());
    assertEquals(2, loads.size());
  }

  @Test
  void aNewRevisionOrANewDayReadsTodayAgain() {
    long day = Instant.parse("2026-12-02T00:00:00Z").toEpochMilli();
    settled.today(day, day + 10 * MINUTE, 0);
    // Late results rolled up again (in this Vigie or another): read from the day's start again.
    assertEquals(10, settled.today(day, day + 10 * MINUTE, 1).result().sums().get("a").total());
    assertEquals(2, loads.size());
    assertEquals(day, loads.get(1)[0]);
    // Midnight UTC: the new day starts empty; yesterday is now a whole day read by the windows' "before" part.
    long next = day + DAY;
    SettledHistory.Today tomorrow = settled.today(next, next + 2 * MINUTE, 1).result();
    assertEquals(2, tomorrow.sums().get("a").total());
    assertEquals(next, loads.get(2)[0]);
  }

  @Test
  void aWindowsPartBeforeTodayIsKeptUntilItsSpanOrTheRevisionChanges() {
    long day = Instant.parse("2026-12-02T00:00:00Z").toEpochMilli();
    Map<String, PackedAggregate> week = settled.before("7d", day - 7 * DAY, day, 4).result();
    assertSame(week, settled.before("7d", day - 7 * DAY, day, 4).result());
    assertEquals(1, loads.size());
    settled.before("30d", day - 30 * DAY, day, 4);
    assertEquals(2, loads.size(), "each window has its own part");
    settled.before("7d", day - 7 * DAY, day, 5);
    assertEquals(3, loads.size(), "a new revision reads it again");
    settled.before("24h", day - 10 * 3_600_000L, day, 5);
    settled.before("24h", day - 9 * 3_600_000L, day, 5);
    assertEquals(5, loads.size(), "the 24-hour window's start moved an hour");
  }

  @Test
  void windowsStartAtAWholeHourOrAtMidnightUtc() {
    long justBefore = Instant.parse("2026-12-02T23:59:59.999Z").toEpochMilli();
    Map<String, Long> starts = HistoryQueries.windowStarts(justBefore);
    assertEquals(Instant.parse("2026-12-01T23:00:00Z").toEpochMilli(), starts.get("24h"));
    assertEquals(Instant.parse("2026-11-25T00:00:00Z").toEpochMilli(), starts.get("7d"));
    assertEquals(Instant.parse("2026-11-02T00:00:00Z").toEpochMilli(), starts.get("30d"));
    Map<String, Long> midnight = HistoryQueries.windowStarts(justBefore + 1);
    assertEquals(Instant.parse("2026-12-02T00:00:00Z").toEpochMilli(), midnight.get("24h"));
    assertEquals(Instant.parse("2026-11-26T00:00:00Z").toEpochMilli(), midnight.get("7d"));
    assertEquals(Instant.parse("2026-11-03T00:00:00Z").toEpochMilli(), midnight.get("30d"));
  }
}
