package dev.vigie.download;

import io.vertx.core.Vertx;
import java.util.function.BooleanSupplier;

/**
 * Cuts a transfer whose source sends nothing for {@code download.idleTimeoutMs} while Vigie is reading. Vert.x's
 * request idle timeout stops at the response's headers, so a source that stalls in the middle of a body would
 * otherwise hold the transfer (and its slot) for good. Time spent with reading paused by Vigie itself (the disk or
 * the hasher behind) is not the source's silence and does not count. Used from the transfer's event loop.
 */
final class IdleWatch {
  private final Vertx vertx;
  private final long timeoutNanos;
  private final long timer;
  private final BooleanSupplier readingPaused;
  private final Runnable onIdle;
  private long lastNanos = System.nanoTime();
  private boolean stopped;

  /**
   * Checks a few times per timeout, so a silence is cut at most a quarter of the timeout late.
   * @param readingPaused true while Vigie holds the reading back itself
   */
  IdleWatch(Vertx vertx, long timeoutMs, BooleanSupplier readingPaused, Runnable onIdle) {
    this.vertx = vertx;
    this.timeoutNanos = timeoutMs * 1_000_000;
    this.readingPaused = readingPaused;
    this.onIdle = onIdle;
    this.timer = vertx.setPeriodic(Math.max(10, timeoutMs / 4), id -> check());
  }

  /** Bytes arrived. */
  void received() {
    lastNanos = System.nanoTime();
  }

  void stop() {
    if (!stopped) {
      stopped = true;
      vertx.cancelTimer(timer);
    }
  }

  private void check() {
    if (stopped) {
      return;
    }
    if (readingPaused.getAsBoolean()) {
      lastNanos = System.nanoTime();
    } else if (System.nanoTime() - lastNanos >= timeoutNanos) {
      stop();
      onIdle.run();
    }
  }
}
