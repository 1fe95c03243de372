package dev.vigie.stress;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.net.URI;
import java.util.concurrent.TimeoutException;

/**
 * Sends one request of a run and records what came of it. The time spent getting a pooled connection is recorded
 * as pool wait; uncorrected latency starts once the request has a connection, corrected latency at its intended
 * send time.
 */
final class RequestSender {
  private final HttpClient client;
  private final RequestOptions options;
  private final LatencyRecorder latency;
  private final GeneratorHealth health;
  private final RunCounters counters;
  private boolean stopped;

  RequestSender(HttpClient client, URI target, long timeoutMs, LatencyRecorder latency, GeneratorHealth health,
      RunCounters counters) {
    this.client = client;
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
  }

  /** Sends one request meant to leave at {@code intendedNanos}; the future completes once it is accounted for. */
  Future<Void> send(long intendedNanos) {
    long asked = System.nanoTime();
    counters.sent++;
    counters.inFlight++;
    long[] sentAt = {0};
    return client.request(options).compose(request -> {
      sentAt[0] = System.nanoTime();
      health.recordPoolWait(sentAt[0] - asked);
      return request.send();
    }).compose(response -> response.end().map(v -> response.statusCode())).transform(ar -> {
      if (stopped) {
        return Future.succeededFuture();
      }
      counters.inFlight--;
      if (ar.succeeded()) {
        counters.completed++;
        counters.status(ar.result());
        latency.record(intendedNanos, sentAt[0], System.nanoTime());
      } else if (sentAt[0] == 0) {
        notSent(ar.cause());
      } else {
        counters.completed++;
        counters.error(kind(ar.cause()));
      }
      return Future.succeededFuture();
    });
  }

  /** From now on nothing more is recorded: requests still in flight count as aborted. */
  void stop() {
    stopped = true;
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
