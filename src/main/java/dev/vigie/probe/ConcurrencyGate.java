package dev.vigie.probe;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * Lets at most {@code max} checks run at once; the rest wait their turn in order. A check's clock starts when it
 * runs, so waiting here never counts as the target's latency. Waiting checks are started from a loop, never from
 * within the completion of the one before: ten thousand checks that fail at once (a client closing) would otherwise
 * nest ten thousand calls deep.
 */
final class ConcurrencyGate {
  private final int max;
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private int running;
  private boolean draining;

  ConcurrencyGate(int max) {
    this.max = max;
  }

  <T> Future<T> submit(Supplier<Future<T>> task) {
    Promise<T> promise = Promise.promise();
    waiting.add(() -> {
      running++;
      Future<T> started;
      try {
        started = task.get();
      } catch (RuntimeException e) {
        started = Future.failedFuture(e);
      }
      started.onComplete(ar -> {
        running--;
        promise.handle(ar);
        drain();
      });
    });
    drain();
    return promise.future();
  }

  /** Starts waiting checks while there is room; a completion during the loop lets the loop go on instead of nesting. */
  private void drain() {
    if (draining) {
      return;
    }
    draining = true;
    try {
      Runnable next;
      while (running < max && (next = waiting.poll()) != null) {
        next.run();
      }
    } finally {
      draining = false;
    }
  }
}
