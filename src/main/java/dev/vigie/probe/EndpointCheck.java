package dev.vigie.probe;

import dev.vigie.bus.RedirectPolicy;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * Runs one check of one endpoint. The timeout covers the whole exchange (connect, headers and body): a target that
 * answers headers then drips its body is as late as one that never answers. Latency runs until the body is read,
 * through the redirects followed ({@link RedirectPolicy}); one the policy refuses fails with {@code redirect}.
 */
final class EndpointCheck {
  private final Vertx vertx;
  private final HttpClient client;
  private final RedirectPolicy redirects;

  EndpointCheck(Vertx vertx, HttpClient client, RedirectPolicy redirects) {
    this.vertx = vertx;
    this.client = client;
    this.redirects = redirects;
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
    exchange(e, e.url(), e.method(), 0, start, time, promise, request).onComplete(ar -> {
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

  /**
   * One request of the attempt; a redirect is followed as the policy allows (unless the endpoint expects a 3xx:
   * then the redirect is the answer). The configured headers go only to the configured origin.
   */
  private Future<ProbeResult> exchange(Endpoint e, URI url, HttpMethod method, int hops, long start, Instant time,
      Promise<ProbeResult> promise, HttpClientRequest[] request) {
    RequestOptions options = new RequestOptions().setAbsoluteURI(url.toString()).setMethod(method)
        .setConnectTimeout(e.timeoutMs()).setFollowRedirects(false);
    if (RedirectPolicy.sameOrigin(e.url(), url)) {
      e.headers().forEach(options::putHeader);
    }
    return client.request(options).compose(req -> {
      request[0] = req;
      if (promise.future().isComplete()) {
        req.reset();
        return Future.failedFuture("timed out");
      }
      return req.send().compose(resp -> {
        int status = resp.statusCode();
        if (!RedirectPolicy.isRedirect(status) || e.expectStatus() / 100 == 3) {
          return resp.body().map(body -> judge(e, status, body, elapsedMs(start), time));
        }
        RedirectPolicy.Step step = redirects.next(url, status, resp.getHeader("Location"), hops);
        return resp.body().compose(ignored -> step.follow()
            ? exchange(e, step.uri(), step.asGet() ? HttpMethod.GET : method, hops + 1, start, time, promise, request)
            : Future.succeededFuture(ProbeResult.failure(e, status, elapsedMs(start), time, FailureReason.REDIRECT,
                step.reason())));
      });
    });
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
