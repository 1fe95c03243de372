package dev.vigie.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks one after another, never two at once, in the order they were asked for. The queue's tail
 * moves before a task starts: a task asked for while another is starting (from inside it, when a future it waited on
 * had already completed and its callbacks ran at once) runs after that one, not beside it. Used from one event loop.
 */
final class OneAtATime {
  private Future<?> tail = Future.succeededFuture();

  /** Runs {@code task} once every task asked for before has ended, whatever its outcome; completes with the task. */
  <T> Future<T> run(Supplier<Future<T>> task) {
    Promise<T> done = Promise.promise();
    Future<?> previous = tail;
    tail = done.future().otherwiseEmpty();
    previous.transform(ignored -> task.get()).onComplete(done);
    return done.future();
  }
}
