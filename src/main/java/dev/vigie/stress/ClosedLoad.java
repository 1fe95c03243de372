package dev.vigie.stress;

import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * The closed model: each of C connections sends its next request as soon as the previous answer arrives, until the
 * request count or the deadline is reached. There is no schedule, so corrected and uncorrected latency coincide
 * except for the time to connect; achieved throughput is the result.
 *
 * <p>As in wrk, each connection is a lane of its own that holds its connection and sends on it directly: no pool
 * lease (nor the context Vert.x builds for each one) per request. A lane whose connection closes, or whose request
 * fails, opens a new one for its next request.
 */
final class ClosedLoad implements Load {
  private final Vertx vertx;
  private final RequestSender sender;
  private final RunCounters counters;
  private final int connections;
  private final long requests;
  private final long deadlineMs;
  private final long sweepMs;
  private final List<Lane> lanes = new ArrayList<>();
  private long deadlineNanos;
  private boolean stopped;
  private int lanesLeft;
  private Runnable whenDone;
  private long sweep = -1;

  /**
   * @param requests total to send, 0 for no bound but the deadline
   * @param timeoutMs how long a request may wait for its answer
   */
  ClosedLoad(Vertx vertx, RequestSender sender, RunCounters counters, int connections, long requests, long deadlineMs,
      long timeoutMs) {
    this.vertx = vertx;
    this.sender = sender;
    this.counters = counters;
    this.connections = connections;
    this.requests = requests;
    this.deadlineMs = deadlineMs;
    // One timer for every lane's timeout, not one per request: checked a few times per timeout, at most every 50 ms.
    this.sweepMs = Math.max(1, Math.min(50, timeoutMs / 4));
  }

  @Override
  public void start(Runnable whenDone) {
    this.whenDone = whenDone;
    deadlineNanos = System.nanoTime() + deadlineMs * 1_000_000;
    lanesLeft = connections;
    for (int i = 0; i < connections; i++) {
      lanes.add(new Lane());
    }
    sweep = vertx.setPeriodic(sweepMs, id -> {
      long now = System.nanoTime();
      lanes.forEach(lane -> lane.expireIfLate(now));
    });
    lanes.forEach(Lane::next);
  }

  @Override
  public void stop() {
    stopped = true;
    vertx.cancelTimer(sweep);
    lanes.forEach(Lane::close);
  }

  /** One connection's request after request. */
  private final class Lane {
    private final RequestSender.Accounted accounted = this::accounted;
    private LaneConnection connection;

    void next() {
      if (stopped) {
        return;
      }
      if ((requests > 0 && counters.sent >= requests) || System.nanoTime() >= deadlineNanos) {
        close();
        if (--lanesLeft == 0 && !stopped) {
          stopped = true;
          vertx.cancelTimer(sweep);
          whenDone.run();
        }
        return;
      }
      if (connection == null) {
        sender.connect().onComplete(this::connected);
      } else {
        sender.send(connection, System.nanoTime(), accounted);
      }
    }

    private void connected(AsyncResult<LaneConnection> ar) {
      if (stopped) {
        if (ar.succeeded()) {
          ar.result().close();
        }
        return;
      }
      if (ar.failed()) {
        sender.notConnected(ar.cause());
      } else {
        LaneConnection opened = ar.result();
        connection = opened;
        opened.closeHandler(() -> {
          if (connection == opened) {
            connection = null;
          }
        });
      }
      next();
    }

    private void accounted(boolean reusable) {
      if (!reusable) {
        // The server closes this connection, or a failed exchange left it unusable: the next request needs a new one.
        close();
      }
      next();
    }

    void expireIfLate(long nowNanos) {
      if (connection != null) {
        connection.expireIfLate(nowNanos);
      }
    }

    private void close() {
      if (connection != null) {
        connection.close();
        connection = null;
      }
    }
  }
}
