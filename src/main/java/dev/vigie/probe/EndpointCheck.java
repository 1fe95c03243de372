package dev.vigie.probe;

import dev.vigie.bus.RedirectPolicy;
import io.netty.util.NetUtil;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * Runs one check of one endpoint. The timeout covers the whole exchange (name lookup, connect, headers and body): a
 * target that answers headers then drips its body is as late as one that never answers. Latency runs until the body
 * is read, through the redirects followed ({@link RedirectPolicy}); one the policy refuses fails with {@code redirect}.
 *
 * <p>Each result carries its {@link Phases}: the name is looked up here, through Vert.x's own resolver (the one the
 * client then asks, which answers from its cache), so the lookup is timed on its own; connect runs until the client
 * hands over a connection ({@link SeenConnections} tells a new one from a pooled one); first byte until the response
 * headers; body until its end.
 */
final class EndpointCheck {
  private final Vertx vertx;
  private final HttpClient client;
  private final RedirectPolicy redirects;
  private final SeenConnections connections;

  EndpointCheck(Vertx vertx, HttpClient client, RedirectPolicy redirects, SeenConnections connections) {
    this.vertx = vertx;
    this.client = client;
    this.redirects = redirects;
    this.connections = connections;
  }

  Future<ProbeResult> run(Endpoint e) {
    PhaseClock clock = new PhaseClock(System::nanoTime);
    Instant time = Instant.now();
    Promise<ProbeResult> promise = Promise.promise();
    HttpClientRequest[] request = new HttpClientRequest[1];
    long timer = vertx.setTimer(e.timeoutMs(), id -> {
      Phase in = clock.current();
      if (promise.tryComplete(ProbeResult.failure(e, null, clock.stop(), time, FailureReason.TIMEOUT,
          "no complete answer within " + e.timeoutMs() + " ms" + (in == null ? "" : " (during " + in.wire() + ")"))
          .withPhases(clock.phases(true))) && request[0] != null) {
        request[0].reset();
      }
    });
    exchange(e, e.url(), e.method(), 0, time, clock, promise, request).onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        promise.tryComplete(ar.result().withPhases(clock.phases(false)));
      } else {
        Throwable cause = ar.cause();
        Phases phases = clock.phases(true);
        promise.tryComplete(ProbeResult.failure(e, null, clock.stop(), time, FailureReason.of(cause),
            cause.getClass().getSimpleName() + ": " + cause.getMessage()).withPhases(phases));
      }
    });
    return promise.future();
  }

  /**
   * One request of the attempt; a redirect is followed as the policy allows (unless the endpoint expects a 3xx:
   * then the redirect is the answer). The configured headers go only to the configured origin.
   */
  private Future<ProbeResult> exchange(Endpoint e, URI url, HttpMethod method, int hops, Instant time,
      PhaseClock clock, Promise<ProbeResult> promise, HttpClientRequest[] request) {
    RequestOptions options = new RequestOptions().setAbsoluteURI(url.toString()).setMethod(method)
        .setConnectTimeout(e.timeoutMs()).setFollowRedirects(false);
    if (RedirectPolicy.sameOrigin(e.url(), url)) {
      e.headers().forEach(options::putHeader);
    }
    return lookUp(url.getHost(), clock).compose(resolved -> {
      clock.enter(Phase.CONNECT);
      return client.request(options);
    }).compose(req -> {
      request[0] = req;
      if (promise.future().isComplete()) {
        req.reset();
        return Future.failedFuture("timed out");
      }
      clock.reused(connections.reused(req.connection()));
      clock.enter(Phase.FIRST_BYTE);
      return req.send().compose(resp -> {
        clock.enter(Phase.BODY);
        int status = resp.statusCode();
        if (!RedirectPolicy.isRedirect(status) || e.expectStatus() / 100 == 3) {
          return resp.body().map(body -> judge(e, status, body, clock.stop(), time));
        }
        RedirectPolicy.Step step = redirects.next(url, status, resp.getHeader("Location"), hops);
        return resp.body().compose(ignored -> step.follow()
            ? exchange(e, step.uri(), step.asGet() ? HttpMethod.GET : method, hops + 1, time, clock, promise, request)
            : Future.succeededFuture(ProbeResult.failure(e, status, clock.stop(), time, FailureReason.REDIRECT,
                step.reason())));
      });
    });
  }

  /**
   * Looks {@code host} up through Vert.x's resolver, timed as the DNS phase; an address literal needs no lookup and
   * has no DNS phase. A name that does not resolve fails with an {@link java.net.UnknownHostException}.
   */
  private Future<Void> lookUp(String host, PhaseClock clock) {
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (NetUtil.isValidIpV4Address(bare) || NetUtil.isValidIpV6Address(bare)) {
      return Future.succeededFuture();
    }
    clock.enter(Phase.DNS);
    return ((VertxInternal) vertx).nameResolver().resolve(bare).mapEmpty();
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
}
