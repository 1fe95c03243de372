package dev.vigie.stress;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.Handler;
import io.vertx.core.internal.ContextInternal;
import java.util.concurrent.TimeUnit;

/**
 * The open model (and the seed's sequential plan, which is one at 1000/D a second): request i is due at
 * {@code start + i / rate}, whatever happened to the ones before. Each wake-up sends every request that is due, each
 * recorded against its own intended time, so a slow target never delays the schedule; how late a request leaves is
 * the generator's lag. With several generator threads, thread t of T sends requests t, t + T, t + 2T... of the one
 * schedule.
 *
 * <p>Wake-ups are scheduled in nanoseconds on Netty's scheduler of the run's own event loop, not on Vert.x timers,
 * which count whole milliseconds (up to a millisecond of lag on every send). On Netty's native epoll transport
 * (Vigie's default on Linux x86-64) a wait under 10 ms is an exact timer (timerfd), so the loop sleeps until the send
 * is due, without polling; a longer wait ends a little early and the rest is one exact wait. On the NIO transport
 * Netty sleeps in whole milliseconds, but polls without sleeping for a deadline under half a millisecond: so the loop
 * sleeps until shortly before a send is due and covers the last stretch in steps short enough to be polled, at the
 * cost of the run's event loop polling while it waits (CPU the target, on the same machine, then lacks).
 */
final class ScheduledLoad implements Load {
  /** Closer than this to a send, wake in steps Netty polls for rather than sleeping through a select. */
  private static final long APPROACH_NANOS = 2_000_000;
  /** Wake this long before the approach when sleeping: the NIO select rounds its timeout to the nearest millisecond. */
  private static final long SLEEP_MARGIN_NANOS = 1_500_000;
  /** Below half a millisecond Netty's NIO loop polls (selectNow) instead of sleeping a whole millisecond. */
  private static final long POLLED_STEP_NANOS = 450_000;
  /**
   * Netty's epoll loop arms an exact timer for a wait under this ({@code io.netty.channel.epoll.epollWaitThreshold},
   * 10 ms) and sleeps in whole milliseconds beyond it.
   */
  private static final long EXACT_TIMER_LIMIT_NANOS = 10_000_000;

  private final ContextInternal context;
  private final EventLoop eventLoop;
  private final boolean exactTimers;
  private final RequestSender sender;
  private final GeneratorHealth health;
  private final RunCounters counters;
  private final long startNanos;
  private final long first;
  private final long stride;
  private final long total;
  private final double intervalNanos;
  private final RequestSender.Accounted accounted = reusable -> finishIfDone();
  private final Handler<Void> onTick = v -> tick();
  private final Runnable wake = this::enterAndTick;
  private long dispatched;
  private ScheduledFuture<?> timer;
  private boolean stopped;
  private Runnable whenDone;

  /**
   * @param startNanos when request 0 of the whole schedule is due (shared by every thread of the run)
   * @param first this thread's first request of the schedule; it then sends every {@code stride}-th
   * @param total how many requests this thread sends
   * @param rate requests a second of the whole schedule
   */
  ScheduledLoad(ContextInternal context, RequestSender sender, GeneratorHealth health, RunCounters counters,
      long startNanos, long first, long stride, long total, double rate) {
    this.context = context;
    this.eventLoop = context.nettyEventLoop();
    this.exactTimers = context.owner().isNativeTransportEnabled();
    this.sender = sender;
    this.health = health;
    this.counters = counters;
    this.startNanos = startNanos;
    this.first = first;
    this.stride = stride;
    this.total = total;
    this.intervalNanos = 1e9 / rate;
  }

  @Override
  public void start(Runnable whenDone) {
    this.whenDone = whenDone;
    tick();
  }

  private long intended(long k) {
    return startNanos + (long) ((first + k * stride) * intervalNanos);
  }

  private void enterAndTick() {
    // A Netty task runs outside any Vert.x context: enter the run's, so the client's callbacks come back to it.
    context.emit(null, onTick);
  }

  private void tick() {
    if (stopped) {
      return;
    }
    long now = System.nanoTime();
    while (dispatched < total) {
      long intended = intended(dispatched);
      if (intended > now) {
        break;
      }
      health.recordLag(now - intended);
      dispatched++;
      sender.send(intended, accounted);
      now = System.nanoTime();
    }
    if (dispatched < total) {
      timer = eventLoop.schedule(wake, delay(intended(dispatched) - System.nanoTime(), exactTimers),
          TimeUnit.NANOSECONDS);
    } else {
      finishIfDone();
    }
  }

  /** How long to sleep before looking again, {@code wait} before the next send is due. */
  static long delay(long wait, boolean exactTimers) {
    if (wait <= 0) {
      return 0;
    }
    if (exactTimers) {
      return wait < EXACT_TIMER_LIMIT_NANOS ? wait : wait - SLEEP_MARGIN_NANOS;
    }
    return wait > APPROACH_NANOS ? wait - SLEEP_MARGIN_NANOS : Math.min(wait, POLLED_STEP_NANOS);
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
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
