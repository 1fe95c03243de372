package dev.vigie.kit;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * How a test waits: for a future ({@link #await}) or for a condition to hold ({@link #eventually}). Every failure
 * says what was awaited, what was last seen and for how long. Call these from the test thread, never an event loop.
 */
public final class Wait {
  /** Long enough for a loaded CI machine, short enough that a hang fails the test rather than the build. */
  public static final Duration DEFAULT = Duration.ofSeconds(20);
  private static final long POLL_MS = 20;

  private Wait() {
  }

  /** A condition that may throw (reading a file, asking the bus); a throw counts as "not yet". */
  @FunctionalInterface
  public interface Condition {
    boolean holds() throws Exception;
  }

  /** Something observed while waiting, which may throw; a throw counts as "not yet" and is reported. */
  @FunctionalInterface
  public interface Observation<T> {
    T get() throws Exception;
  }

  /** The result of {@code future}; fails the test if it fails or takes longer than {@link #DEFAULT}. */
  public static <T> T await(Future<T> future) {
    return await("a future", future, DEFAULT);
  }

  public static <T> T await(String what, Future<T> future) {
    return await(what, future, DEFAULT);
  }

  public static <T> T await(String what, Future<T> future, Duration timeout) {
    checkNotOnEventLoop(what);
    long started = System.nanoTime();
    try {
      return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError(what + " failed after " + since(started) + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError(what + " did not complete within " + seconds(timeout.toNanos()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while awaiting " + what, e);
    }
  }

  /** The cause of a future that must fail; fails the test if it succeeds or never completes. */
  public static Throwable failure(String what, Future<?> future) {
    checkNotOnEventLoop(what);
    try {
      Object result = future.toCompletionStage().toCompletableFuture().get(DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
      throw new AssertionError(what + " was expected to fail, but succeeded with " + result);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError(what + " neither failed nor succeeded within " + seconds(DEFAULT.toNanos()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while awaiting " + what, e);
    }
  }

  /** Polls {@code condition} until it holds; fails after {@link #DEFAULT} naming {@code description}. */
  public static void eventually(String description, Condition condition) {
    eventually(description, DEFAULT, condition::holds, Boolean.TRUE::equals);
  }

  public static void eventually(String description, Duration timeout, Condition condition) {
    eventually(description, timeout, condition::holds, Boolean.TRUE::equals);
  }

  /**
   * Polls {@code observe} until {@code done} accepts what it returns, and returns that value. The failure message
   * names {@code description} and the last value seen (or the last exception {@code observe} threw).
   */
  public static <T> T eventually(String description, Observation<T> observe, Predicate<? super T> done) {
    return eventually(description, DEFAULT, observe, done);
  }

  public static <T> T eventually(String description, Duration timeout, Observation<T> observe,
      Predicate<? super T> done) {
    checkNotOnEventLoop(description);
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    Object last = "nothing yet";
    while (true) {
      try {
        T value = observe.get();
        if (done.test(value)) {
          return value;
        }
        last = value;
      } catch (Exception | AssertionError e) {
        last = e;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("still waiting after " + since(started) + " for: " + description
            + "; last seen: " + last);
      }
      try {
        Thread.sleep(POLL_MS); // polling interval, not synchronisation: the condition decides
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for: " + description, e);
      }
    }
  }

  private static void checkNotOnEventLoop(String what) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("waiting for " + what + " on an event loop would block it forever");
    }
  }

  private static String since(long startedNanos) {
    return seconds(System.nanoTime() - startedNanos);
  }

  private static String seconds(long nanos) {
    return String.format("%.1f s", nanos / 1e9);
  }
}
