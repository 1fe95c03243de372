package dev.vigie.stress;

import io.vertx.core.Vertx;

/**
 * The open model (and the seed's sequential plan, which is one at 1000/D a second): request i is due at
 * {@code start + i / rate}, whatever happened to the ones before. Each timer tick sends every request that is due,
 * so a slow target never delays the schedule; how late a tick fires is the generator's lag.
 */
final class ScheduledLoad implements Load {
  private final Vertx vertx;
  private final RequestSender sender;
  private final GeneratorHealth health;
  private final RunCounters counters;
  private final long total;
  private final double intervalNanos;
  private long startNanos;
  private long dispatched;
  private long timer = -1;
  private boolean stopped;
  private Runnable whenDone;

  ScheduledLoad(Vertx vertx, RequestSender sender, GeneratorHealth health, RunCounters counters, long total, double rate) {
    this.vertx = vertx;
    this.sender = sender;
    this.health = health;
    this.counters = counters;
    this.total = total;
    this.intervalNanos = 1e9 / rate;
  }

  @Override
  public void start(Runnable whenDone) {
    this.whenDone = whenDone;
    startNanos = System.nanoTime();
    tick();
  }

  private long intended(long i) {
    return startNanos + (long) (i * intervalNanos);
  }

  private void tick() {
    if (stopped) {
      return;
    }
    while (dispatched < total) {
      long intended = intended(dispatched);
      long now = System.nanoTime();
      if (intended > now) {
        break;
      }
      health.recordLag(now - intended);
      dispatched++;
      sender.send(intended).onComplete(v -> finishIfDone());
    }
    if (dispatched < total) {
      long waitNanos = intended(dispatched) - System.nanoTime();
      // Timers count in whole milliseconds: round up so a request is never sent before it is due.
      timer = vertx.setTimer(Math.max(1, (waitNanos + 999_999) / 1_000_000), id -> tick());
    } else {
      finishIfDone();
    }
  }

  private void finishIfDone() {
    if (!stopped && dispatched == total && counters.inFlight == 0) {
      stopped = true;
      whenDone.run();
    }
  }

  @Override
  public void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
  }
}
