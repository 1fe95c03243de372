package dev.vigie.stress;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The open model's connections to a plain-HTTP target, spoken by {@link PlainHttpConnection} as the closed model's
 * lanes are: a due request takes a free connection at once; with none free, it waits in arrival order while one more
 * is opened (up to the run's connection count), and leaves on the first connection freed. A request that waits
 * longer than the run's timeout is not sent ({@code not_sent_in_time}), as with Vert.x's pool, whose wait the
 * connect timeout bounds. Vert.x's pool leased a connection through futures and a context per request and decoded
 * every response header: most of the run loop's time, which left the schedule's sends late (BENCHMARKS.md, #13).
 * Used on the run loop's context only.
 */
final class LanePool {
  /** Requests waiting for a connection, at most: past it the generator is far behind, and a request fails at once. */
  static final int MAX_WAITING = 65_536;

  private final Vertx vertx;
  private final Supplier<Future<LaneConnection>> connector;
  private final int maxConnections;
  private final long timeoutNanos;
  private final ArrayDeque<Lane> free = new ArrayDeque<>();
  private final List<Lane> open = new ArrayList<>();
  private final ArrayDeque<RequestSender.Exchange> waiting = new ArrayDeque<>();
  private int connecting;
  private long sweep = -1;
  private boolean closed;

  /**
   * @param connector opens one connection to the target
   * @param timeoutMs how long a request may wait for a connection, then for its answer
   */
  LanePool(Vertx vertx, Supplier<Future<LaneConnection>> connector, int maxConnections, long timeoutMs) {
    this.vertx = vertx;
    this.connector = connector;
    this.maxConnections = maxConnections;
    this.timeoutNanos = timeoutMs * 1_000_000;
  }

  /** Sends the exchange on a free connection, or queues it until one is free. */
  void send(RequestSender.Exchange exchange) {
    if (closed) {
      return;
    }
    if (sweep == -1) {
      // One timer for every wait and every answer, checked a few times per timeout (at most every 50 ms).
      sweep = vertx.setPeriodic(Math.max(1, Math.min(50, timeoutNanos / 4_000_000)), id -> expire(System.nanoTime()));
    }
    Lane lane = free.pollLast(); // the connection freed last: its buffers are the warmest
    if (lane != null) {
      lane.carry(exchange);
      return;
    }
    if (waiting.size() >= MAX_WAITING) {
      exchange.failed(new TimeoutException(MAX_WAITING + " requests already wait for a connection"));
      return;
    }
    waiting.addLast(exchange);
    if (open.size() + connecting < maxConnections) {
      connecting++;
      connector.get().onComplete(this::connected);
    }
  }

  private void connected(AsyncResult<LaneConnection> ar) {
    connecting--;
    if (closed) {
      if (ar.succeeded()) {
        ar.result().close();
      }
      return;
    }
    if (ar.failed()) {
      // As with Vert.x's pool, the request that asked for the connection learns why there is none.
      RequestSender.Exchange first = waiting.pollFirst();
      if (first != null) {
        first.failed(ar.cause());
      }
      return;
    }
    Lane lane = new Lane(ar.result());
    open.add(lane);
    lane.connection.closeHandler(() -> lost(lane));
    released(lane);
  }

  /** A connection free again: it takes the oldest waiting request, or waits for the next one. */
  private void released(Lane lane) {
    RequestSender.Exchange next = waiting.pollFirst();
    if (next != null) {
      lane.carry(next);
    } else {
      free.addLast(lane);
    }
  }

  private void lost(Lane lane) {
    lane.lost = true;
    open.remove(lane);
    free.remove(lane);
    if (!closed && !waiting.isEmpty() && open.size() + connecting < maxConnections) {
      connecting++;
      connector.get().onComplete(this::connected);
    }
  }

  private void expire(long nowNanos) {
    while (!waiting.isEmpty() && nowNanos - waiting.peekFirst().askedNanos() >= timeoutNanos) {
      waiting.pollFirst().failed(new TimeoutException("no connection free in " + timeoutNanos / 1_000_000 + " ms"));
    }
    for (Lane lane : List.copyOf(open)) {
      lane.connection.expireIfLate(nowNanos);
    }
  }

  /** Closes every connection; waiting requests are left to the sender, which counts them as aborted. */
  void close() {
    closed = true;
    if (sweep != -1) {
      vertx.cancelTimer(sweep);
    }
    waiting.clear();
    free.clear();
    List.copyOf(open).forEach(lane -> lane.connection.close());
  }

  /** Connections open or being opened, for tests. */
  int connections() {
    return open.size() + connecting;
  }

  /** One connection of the pool, and the exchange it carries. */
  private final class Lane implements RequestSender.Accounted {
    private final LaneConnection connection;
    private RequestSender.Accounted carried;
    private boolean lost;

    Lane(LaneConnection connection) {
      this.connection = connection;
    }

    void carry(RequestSender.Exchange exchange) {
      carried = exchange.relayThrough(this);
      connection.carry(exchange);
    }

    @Override
    public void accounted(boolean reusable) {
      RequestSender.Accounted downstream = carried;
      carried = null;
      if (reusable && !lost && !closed) {
        released(this);
      } else if (!lost) {
        connection.close(); // its close handler then forgets it and opens another if requests wait
      }
      downstream.accounted(reusable);
    }
  }
}
