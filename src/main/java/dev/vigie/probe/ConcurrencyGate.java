package dev.vigie.probe;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.function.LongFunction;

/**
 * Lets at most {@code max} checks run at once; the rest wait their turn in two lanes. Checks the schedule made due go
 * before those of a Refresh All: ten thousand refreshed at once would otherwise hold every due check behind them for
 * the seconds the refresh lasts (the lateness a JFR profile of bench/probes traced to the first Refresh All). A check
 * already waiting in the refresh lane when the schedule makes it due is {@link #promote promoted}: it runs once, in
 * the due lane, and its lateness is measured from the schedule. A check's clock starts when it runs, so waiting here
 * never counts as the target's latency. Waiting checks are started from a loop, never from within the completion of
 * the one before: ten thousand checks that fail at once (a client closing) would otherwise nest ten thousand calls deep.
 */
final class ConcurrencyGate {
  /** A check waiting for its turn, then running; {@code scheduledMs} is when the schedule wanted it, or -1. */
  static final class Ticket<T> {
    private final Promise<T> promise = Promise.promise();
    private final LongFunction<Future<T>> task;
    private long scheduledMs;
    private boolean started;

    private Ticket(LongFunction<Future<T>> task, long scheduledMs) {
      this.task = task;
      this.scheduledMs = scheduledMs;
    }

    Future<T> future() {
      return promise.future();
    }

    boolean waiting() {
      return !started;
    }
  }

  private final int max;
  private final ArrayDeque<Ticket<?>> due = new ArrayDeque<>();
  private final ArrayDeque<Ticket<?>> refresh = new ArrayDeque<>();
  private int running;
  private boolean draining;

  ConcurrencyGate(int max) {
    this.max = max;
  }

  /**
   * Queues {@code task}, given its {@code scheduledMs} when it starts: a scheduled check (at or after 0) in the due
   * lane, one of a Refresh All (-1) in the refresh lane.
   */
  <T> Ticket<T> submit(long scheduledMs, LongFunction<Future<T>> task) {
    Ticket<T> ticket = new Ticket<>(task, scheduledMs);
    (scheduledMs >= 0 ? due : refresh).add(ticket);
    drain();
    return ticket;
  }

  /**
   * The schedule made due a check still waiting in the refresh lane: it moves to the due lane (it stays in the other
   * too, and is skipped there once started).
   */
  void promote(Ticket<?> ticket, long scheduledMs) {
    if (ticket.started || ticket.scheduledMs >= 0) {
      return;
    }
    ticket.scheduledMs = scheduledMs;
    due.add(ticket);
    drain();
  }

  /** Starts waiting checks while there is room; a completion during the loop lets the loop go on instead of nesting. */
  private void drain() {
    if (draining) {
      return;
    }
    draining = true;
    try {
      Ticket<?> next;
      while (running < max && (next = next()) != null) {
        start(next);
      }
    } finally {
      draining = false;
    }
  }

  private Ticket<?> next() {
    while (true) {
      Ticket<?> t = due.isEmpty() ? refresh.poll() : due.poll();
      if (t == null || !t.started) {
        return t;
      }
    }
  }

  private <T> void start(Ticket<T> ticket) {
    ticket.started = true;
    running++;
    Future<T> started;
    try {
      started = ticket.task.apply(ticket.scheduledMs);
    } catch (RuntimeException e) {
      started = Future.failedFuture(e);
    }
    started.onComplete(ar -> {
      running--;
      ticket.promise.handle(ar);
      drain();
    });
  }
}
