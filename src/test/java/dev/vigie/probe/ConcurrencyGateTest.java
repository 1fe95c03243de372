package dev.vigie.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcurrencyGateTest {
  /** Each started check: its name and the scheduledMs it was given; it ends when its promise is completed. */
  private final List<String> started = new ArrayList<>();
  private final List<Promise<String>> running = new ArrayList<>();

  private ConcurrencyGate.Ticket<String> submit(ConcurrencyGate gate, String name, long scheduledMs) {
    return gate.submit(scheduledMs, scheduled -> {
      started.add(name + "@" + scheduled);
      Promise<String> p = Promise.promise();
      running.add(p);
      return p.future();
    });
  }

  private void finishOldest() {
    running.remove(0).complete("done");
  }

  @Test
  void dueChecksGoBeforeTheRefreshAllOnesQueuedBeforeThem() {
    ConcurrencyGate gate = new ConcurrencyGate(1);
    submit(gate, "busy", 0);
    for (int i = 0; i < 3; i++) {
      submit(gate, "refresh-" + i, -1);
    }
    submit(gate, "due", 500);
    while (!running.isEmpty()) {
      finishOldest();
    }
    assertEquals(List.of("busy@0", "due@500", "refresh-0@-1", "refresh-1@-1", "refresh-2@-1"), started);
  }

  @Test
  void aRefreshCheckMadeDueWhileWaitingRunsOnceAheadOfTheRefreshAndIsTimedFromTheSchedule() {
    ConcurrencyGate gate = new ConcurrencyGate(1);
    submit(gate, "busy", 0);
    submit(gate, "refresh-0", -1);
    ConcurrencyGate.Ticket<String> waiting = submit(gate, "refresh-1", -1);
    assertTrue(waiting.waiting());
    gate.promote(waiting, 700);
    gate.promote(waiting, 900); // already promoted: keeps its first schedule
    while (!running.isEmpty()) {
      finishOldest();
    }
    assertEquals(List.of("busy@0", "refresh-1@700", "refresh-0@-1"), started);
    assertTrue(waiting.future().succeeded());
    gate.promote(waiting, 1000); // done: nothing runs again
    assertEquals(3, started.size());
  }

  @Test
  void atMostMaxRunAtOnce() {
    ConcurrencyGate gate = new ConcurrencyGate(4);
    for (int i = 0; i < 10; i++) {
      submit(gate, "c" + i, i % 2 == 0 ? -1 : i);
    }
    assertEquals(4, running.size());
    finishOldest();
    assertEquals(4, running.size());
    assertEquals(5, started.size());
  }

  @Test
  void tenThousandChecksFailingAtOnceDoNotNest() {
    ConcurrencyGate gate = new ConcurrencyGate(4);
    List<Future<String>> all = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      all.add(gate.<String>submit(-1, scheduled -> Future.failedFuture("closed")).future());
    }
    assertTrue(all.stream().allMatch(Future::failed));
  }
}
