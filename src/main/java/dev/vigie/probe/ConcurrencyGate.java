package dev.vigie.probe;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * Lets at most {@code max} checks run at once; the rest wait their turn in order. A check's clock starts when it
 * runs, so waiting here never counts as the target's latency.
 */
final class ConcurrencyGate {
  private final int max;
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private int running;

  ConcurrencyGate(int max) {
    this.max = max;
  }

  <T> Future<T> submit(Supplier<Future<T>> task) {
    Promise<T> promise = Promise.promise();
    Runnable run = () -> {
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
        Runnable next = waiting.poll();
        if (next != null) {
          next.run();
        }
      });
    };
    if (running < max) {
      run.run();
    } else {
      waiting.add(run);
    }
    return promise.future();
  }
}
