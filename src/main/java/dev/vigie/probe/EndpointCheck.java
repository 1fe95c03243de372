package dev.vigie.probe;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import java.time.Instant;
import java.util.Objects;

/**
 * Runs one check of one endpoint. The timeout covers the whole exchange (connect, headers and body): a target that
 * answers headers then drips its body is as late as one that never answers. Latency runs until the body is read.
 */
final class EndpointCheck {
  private final Vertx vertx;
  private final HttpClient client;

  EndpointCheck(Vertx vertx, HttpClient client) {
    this.vertx = vertx;
    this.client = client;
  }

  Future<ProbeResult> run(Endpoint e) {
    long start = System.nanoTime();
    Instant time = Instant.now();
    Promise<ProbeResult> promise = Promise.promise();
    HttpClientRequest[] request = new HttpClientRequest[1];
    long timer = vertx.setTimer(e.timeoutMs(), id -> {
      if (promise.tryComplete(ProbeResult.failure(e, null, elapsedMs(start), time, FailureReason.TIMEOUT,
          "no complete answer within " + e.timeoutMs() + " ms")) && request[0] != null) {
        request[0].reset();
      }
    });
    RequestOptions options = new RequestOptions().setAbsoluteURI(e.url().toString()).setMethod(e.method())
        .setConnectTimeout(e.timeoutMs()).setFollowRedirects(false);
    e.headers().forEach(options::putHeader);
    client.request(options)
        .compose(req -> {
          request[0] = req;
          if (promise.future().isComplete()) {
            req.reset();
            return Future.failedFuture("timed out");
          }
          return req.send().compose(resp -> resp.body().map(body -> judge(e, resp.statusCode(), body, elapsedMs(start), time)));
        })
        .onComplete(ar -> {
          vertx.cancelTimer(timer);
          if (ar.succeeded()) {
            promise.tryComplete(ar.result());
          } else {
            Throwable cause = ar.cause();
            promise.tryComplete(ProbeResult.failure(e, null, elapsedMs(start), time, FailureReason.of(cause),
                cause.getClass().getSimpleName() + ": " + cause.getMessage()));
          }
        });
    return promise.future();
  }

  static ProbeResult judge(Endpoint e, int status, Buffer body, double latencyMs, Instant time) {
    if (status != e.expectStatus()) {
      return ProbeResult.failure(e, status, latencyMs, time, FailureReason.STATUS,
          "expected HTTP " + e.expectStatus() + ", got " + status);
    }
    if (e.jsonPointer() == null) {
      return ProbeResult.success(e, status, latencyMs, time);
    }
    Object json;
    try {
      json = Json.decodeValue(body);
    } catch (DecodeException ex) {
      // The parser's message quotes the body: it stays out, as the body may hold anything.
      return ProbeResult.failure(e, status, latencyMs, time, FailureReason.INVALID_BODY, "the body is not JSON");
    }
    Object found = json == null ? null : e.jsonPointer().queryJson(json);
    String where = e.jsonPointer().toString();
    if (found == null) {
      return ProbeResult.failure(e, status, latencyMs, time, FailureReason.ASSERTION, "nothing at " + where);
    }
    if (e.expectValue() != null && !sameValue(e.expectValue(), found)) {
      return ProbeResult.failure(e, status, latencyMs, time, FailureReason.ASSERTION,
          "expected " + Json.encode(e.expectValue()) + " at " + where + ", found " + Json.encode(found));
    }
    return ProbeResult.success(e, status, latencyMs, time);
  }

  private static boolean sameValue(Object expected, Object found) {
    if (expected instanceof Number a && found instanceof Number b) {
      return a.doubleValue() == b.doubleValue();
    }
    return Objects.equals(expected, found);
  }

  private static double elapsedMs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000.0;
  }
}
