package dev.vigie.stress;

import io.netty.buffer.ByteBuf;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetClient;
import java.net.ConnectException;
import java.net.URI;
import java.util.concurrent.TimeoutException;

/**
 * Sends one request of a run and records what came of it, either through a pool (the open model, whose requests take
 * whichever connection is free: {@link LanePool} on a plain-HTTP target, the client's pool on HTTPS) or on a
 * connection of its own (the closed model, one request after another per connection, as wrk does, without a pool
 * lease per request). Plain HTTP is spoken by {@link PlainHttpConnection}, HTTPS by Vert.x's client. The time spent
 * getting a connection is recorded as pool wait; uncorrected latency starts once the request has a connection,
 * corrected latency at its intended send time.
 */
final class RequestSender {
  /**
   * Told once a request is counted: {@code reusable} when a response came back in full and the server keeps the
   * connection open (no {@code Connection: close}, not an HTTP/1.0 answer without keep-alive).
   */
  interface Accounted {
    void accounted(boolean reusable);
  }

  private final HttpClientAgent client;
  private final NetClient plainClient;
  /** The request's bytes for {@link PlainHttpConnection}; null on HTTPS. */
  private final ByteBuf plainRequest;
  /** The open model's connections on plain HTTP; null on HTTPS. */
  private final LanePool pool;
  private final long timeoutNanos;
  private final RequestOptions options;
  private final HttpConnectOptions connectOptions;
  private final LatencyRecorder latency;
  private final GeneratorHealth health;
  private final RunCounters counters;
  private boolean stopped;

  /** @param connections how many connections the open model's pool may open */
  RequestSender(Vertx vertx, HttpClientAgent client, NetClient plainClient, URI target, int connections, long timeoutMs,
      LatencyRecorder latency, GeneratorHealth health, RunCounters counters) {
    this.client = client;
    this.plainClient = plainClient;
    this.timeoutNanos = timeoutMs * 1_000_000;
    this.latency = latency;
    this.health = health;
    this.counters = counters;
    String path = (target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath())
        + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    boolean tls = "https".equalsIgnoreCase(target.getScheme());
    // The connect timeout also bounds the wait for a pooled connection: past it a request is "not sent on time".
    this.options = new RequestOptions().setMethod(HttpMethod.GET).setHost(target.getHost())
        .setPort(target.getPort() != -1 ? target.getPort() : tls ? 443 : 80).setSsl(tls).setURI(path)
        .setConnectTimeout(timeoutMs).setIdleTimeout(timeoutMs);
    this.connectOptions = new HttpConnectOptions().setHost(options.getHost()).setPort(options.getPort()).setSsl(tls)
        .setConnectTimeout(timeoutMs);
    this.plainRequest = tls ? null : PlainHttpConnection.request(path,
        target.getPort() == -1 ? target.getHost() : target.getHost() + ":" + target.getPort());
    this.pool = tls ? null : new LanePool(vertx, this::connect, connections, timeoutMs);
  }

  /**
   * A connection of its own for a closed-model lane; its requests then go through
   * {@link #send(LaneConnection, long, Accounted)}.
   */
  Future<LaneConnection> connect() {
    return plainRequest == null ? client.connect(connectOptions).map(ClientLane::new)
        : PlainHttpConnection.connect(plainClient, options.getPort(), options.getHost(), plainRequest, timeoutNanos);
  }

  /** Counts a request that could not be sent because its lane could not connect. */
  void notConnected(Throwable cause) {
    if (!stopped) {
      counters.sent++;
      notSent(cause);
    }
  }

  /**
   * Sends one request meant to leave at {@code intendedNanos}; {@code whenAccounted} runs once it is counted (not
   * after {@link #stop}). Callbacks, not composed futures: this is the generator's hot path.
   */
  void send(long intendedNanos, Accounted whenAccounted) {
    if (pool == null) {
      send(client, intendedNanos, whenAccounted);
    } else {
      counters.sent++;
      counters.inFlight++;
      pool.send(new Exchange(intendedNanos, whenAccounted));
    }
  }

  /** As {@link #send(long, Accounted)}, on a closed-model lane's own connection. */
  void send(LaneConnection via, long intendedNanos, Accounted whenAccounted) {
    counters.sent++;
    counters.inFlight++;
    via.carry(new Exchange(intendedNanos, whenAccounted));
  }

  private void send(HttpClient via, long intendedNanos, Accounted whenAccounted) {
    counters.sent++;
    counters.inFlight++;
    new Exchange(intendedNanos, whenAccounted).start(via);
  }

  /** An HTTPS lane's connection: Vert.x's client on a connection of the lane's own. */
  private record ClientLane(HttpClientConnection connection) implements LaneConnection {
    @Override
    public void carry(Exchange exchange) {
      exchange.start(connection);
    }

    @Override
    public void closeHandler(Runnable closed) {
      connection.closeHandler(v -> closed.run());
    }

    @Override
    public void expireIfLate(long nowNanos) {
      // The request's idle timeout fails it: nothing to do here.
    }

    @Override
    public void close() {
      connection.close();
    }
  }

  /** One request on its way: when it was meant to leave, asked for a connection, went out. */
  final class Exchange {
    private final long intendedNanos;
    private final long askedNanos = System.nanoTime();
    private Accounted whenAccounted;
    private long sentNanos;

    Exchange(long intendedNanos, Accounted whenAccounted) {
      this.intendedNanos = intendedNanos;
      this.whenAccounted = whenAccounted;
    }

    long askedNanos() {
      return askedNanos;
    }

    /**
     * From now on {@code relay} hears first how this exchange is counted (a pool taking its connection back);
     * returns whom the relay must tell next.
     */
    Accounted relayThrough(Accounted relay) {
      Accounted next = whenAccounted;
      whenAccounted = relay;
      return next;
    }

    void start(HttpClient via) {
      via.request(options).onComplete(this::connected);
    }

    /** The request has a connection and goes out now. */
    void sending(long nanos) {
      sentNanos = nanos;
      health.recordPoolWait(sentNanos - askedNanos);
    }

    private void connected(AsyncResult<HttpClientRequest> ar) {
      if (ar.failed()) {
        failed(ar.cause());
        return;
      }
      sending(System.nanoTime());
      ar.result().send().onComplete(this::responded);
    }

    private void responded(AsyncResult<HttpClientResponse> ar) {
      if (ar.failed()) {
        failed(ar.cause());
        return;
      }
      HttpClientResponse response = ar.result();
      int status = response.statusCode();
      String connection = response.getHeader(HttpHeaders.CONNECTION);
      boolean reusable = response.version() == HttpVersion.HTTP_1_0
          ? "keep-alive".equalsIgnoreCase(connection) : !"close".equalsIgnoreCase(connection);
      response.end().onComplete(ended -> {
        if (ended.failed()) {
          failed(ended.cause());
        } else {
          answered(status, reusable);
        }
      });
    }

    /** The whole response came back; {@code reusable}: the server keeps the connection open. */
    void answered(int status, boolean reusable) {
      if (!stopped) {
        counters.inFlight--;
        counters.completed++;
        counters.status(status);
        latency.record(intendedNanos, sentNanos, System.nanoTime());
        whenAccounted.accounted(reusable);
      }
    }

    void failed(Throwable cause) {
      if (stopped) {
        return;
      }
      counters.inFlight--;
      if (sentNanos == 0) {
        notSent(cause);
      } else {
        counters.completed++;
        counters.error(kind(cause));
      }
      whenAccounted.accounted(false);
    }
  }

  /** From now on nothing more is recorded: requests still in flight count as aborted. */
  void stop() {
    stopped = true;
    if (pool != null) {
      pool.close();
    }
    counters.aborted = counters.inFlight;
    counters.inFlight = 0;
  }

  private void notSent(Throwable cause) {
    if (cause instanceof ConnectException) {
      counters.completed++;
      counters.error("connect");
    } else if (isTimeout(cause)) {
      counters.completed++;
      counters.error("not_sent_in_time");
      health.notSentOnTime();
    } else {
      counters.completed++;
      counters.error(kind(cause));
    }
  }

  private static String kind(Throwable cause) {
    if (isTimeout(cause)) {
      return "timeout";
    }
    if (cause instanceof HttpClosedException) {
      return "closed";
    }
    if (cause instanceof ConnectException) {
      return "connect";
    }
    return "other_" + cause.getClass().getSimpleName();
  }

  private static boolean isTimeout(Throwable cause) {
    return cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout");
  }
}
