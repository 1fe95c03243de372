package dev.vigie.download;

import dev.vigie.bus.Activity;
import dev.vigie.vision.ArchiveSpec;
import dev.vigie.vision.ChecksumFile;
import dev.vigie.vision.VisionPath;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The archive source as every download call sees it: one HTTP client, the host's circuit breaker (only failures
 * that say the host is unwell count against it), the backoff between attempts and the redirects it follows
 * ({@link RedirectRule}). Transfers and revalidation both go through here, so a host in trouble is spared by all of
 * them at once; work that meets the open breaker waits for it ({@link #usable()}) instead of failing.
 */
final class SourceHost {
  private final Vertx vertx;
  private final HttpClient client;
  private final CircuitBreaker breaker;
  private final Backoff backoff;
  private final DownloadSettings settings;
  private final RedirectRule redirects;
  /** Work waiting for the breaker to let calls through again; completed on the verticle's context. */
  private final List<Promise<Void>> waiting = new ArrayList<>();
  private final Context context;
  private boolean closed;

  /** The client and breaker for {@code settings}' host; the breaker tells the activity log when it opens and closes. */
  static SourceHost create(Vertx vertx, DownloadSettings settings, Activity activity) {
    // A body's bytes are cut at most maxChunkSize at a time (8 KB by default): 1 MB lets each socket read reach the
    // archive's body (BodyTap) as one piece instead of eight.
    HttpClient client = vertx.createHttpClient(
        new HttpClientOptions().setConnectTimeout(settings.connectTimeoutMs()).setKeepAlive(true)
            .setMaxChunkSize(1 << 20),
        new PoolOptions().setHttp1MaxSize(settings.maxConcurrent() + 2));
    CircuitBreaker breaker = CircuitBreaker.create("download-" + settings.host(), vertx, new CircuitBreakerOptions()
        .setMaxFailures(settings.breakerMaxFailures())
        .setResetTimeout(settings.breakerResetMs())
        // Long enough that a download retrying through its backoff (and its timeouts) opens it when the host is down.
        .setFailuresRollingWindow(settings.breakerWindowMs())
        .setTimeout(-1)
        .setMaxRetries(0));
    SourceHost source = new SourceHost(vertx, client, breaker,
        new Backoff(settings.retryBaseMs(), settings.retryMaxMs(), settings.retryAfterMaxMs()), settings);
    breaker.openHandler(v -> activity.warning("circuit breaker for " + settings.host()
        + " opened: downloads wait for the source, tried again in " + settings.breakerResetSeconds() + " s"));
    // Half-open: one call is let through as a trial, so the waiting work tries again (one of them is the trial).
    breaker.halfOpenHandler(v -> source.release());
    breaker.closeHandler(v -> {
      activity.info("circuit breaker for " + settings.host() + " closed");
      source.release();
    });
    return source;
  }

  private SourceHost(Vertx vertx, HttpClient client, CircuitBreaker breaker, Backoff backoff, DownloadSettings settings) {
    this.vertx = vertx;
    this.client = client;
    this.breaker = breaker;
    this.backoff = backoff;
    this.settings = settings;
    this.redirects = new RedirectRule(URI.create(settings.baseUrl()), settings.redirectHosts(), settings.maxRedirects());
    this.context = vertx.getOrCreateContext();
  }

  /**
   * Completes when the breaker may let a call through: at once while it is closed; otherwise at its next half-open
   * (a trial) or close. Fails only once the source is {@link #close closed} (shutdown): waiting is bounded by nothing
   * else.
   */
  Future<Void> usable() {
    if (closed) {
      return Future.failedFuture(DownloadFailure.permanent(DownloadFailure.STOPPED, "Vigie is stopping"));
    }
    if (breaker.state() == CircuitBreakerState.CLOSED) {
      return Future.succeededFuture();
    }
    Promise<Void> wait = Promise.promise();
    waiting.add(wait);
    return wait.future();
  }

  private void release() {
    context.runOnContext(v -> {
      List<Promise<Void>> released = List.copyOf(waiting);
      waiting.clear();
      released.forEach(Promise::tryComplete);
    });
  }

  /** Shutdown: the work waiting for the breaker stops waiting, and the client's transfers are cut. */
  Future<Void> close() {
    closed = true;
    List<Promise<Void>> released = List.copyOf(waiting);
    waiting.clear();
    released.forEach(p -> p.tryFail(DownloadFailure.permanent(DownloadFailure.STOPPED, "Vigie is stopping")));
    return client.close();
  }

  /**
   * Sends {@code options} and answers the response, following redirects as {@link RedirectRule} allows (same host or
   * {@code download.redirectHosts}, at most {@code download.maxRedirects} hops; the headers, Range included, go
   * along). A refused redirect fails with {@link DownloadFailure#REDIRECT_REFUSED}.
   */
  Future<HttpClientResponse> send(RequestOptions options) {
    return send(options, null);
  }

  /** As {@link #send(RequestOptions)}; the body of the answer, if a 200 or a 206, goes to {@code body} if given. */
  Future<HttpClientResponse> send(RequestOptions options, BodyTap.Receiver body) {
    // Every first request goes to the source: its base URL's scheme, host and port with the request's path.
    return send(options, URI.create(settings.baseUrl()).resolve(options.getURI()), 0, body);
  }

  private Future<HttpClientResponse> send(RequestOptions options, URI at, int hops, BodyTap.Receiver body) {
    return client.request(options).compose(req -> {
      if (body != null) {
        BodyTap.on(req).arm(body);
      }
      return req.send();
    }).compose(resp -> {
      if (!RedirectRule.isRedirect(resp.statusCode())) {
        return Future.succeededFuture(resp);
      }
      URI next;
      try {
        next = redirects.follow(at, resp.getHeader("Location"), hops + 1);
      } catch (DownloadFailure refused) {
        return resp.body().transform(ignored -> Future.failedFuture(refused));
      }
      RequestOptions again = new RequestOptions(options).setAbsoluteURI(next.toString());
      return resp.body().transform(ignored -> send(again, next, hops + 1, body));
    });
  }

  Backoff backoff() {
    return backoff;
  }

  CircuitBreaker breaker() {
    return breaker;
  }

  boolean breakerOpen() {
    return breaker.state() == CircuitBreakerState.OPEN;
  }

  /** The sentence every refusal of an open breaker carries. */
  String breakerOpenMessage() {
    return "the circuit breaker for " + settings.host() + " is open after repeated failures";
  }

  /** A GET of {@code path} (a key, or a key's {@code .CHECKSUM}) at the source, with the download timeouts. */
  RequestOptions get(String path) {
    return new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(settings.baseUrl() + "/" + path)
        .setFollowRedirects(false).setConnectTimeout(settings.connectTimeoutMs()).setIdleTimeout(settings.idleTimeoutMs());
  }

  /**
   * Runs one call through the host's breaker. Completes as the call does; a failure is always a
   * {@link DownloadFailure}, and only {@link DownloadFailure#hostFault() host faults} count against the breaker.
   */
  <T> Future<T> guarded(Supplier<Future<T>> call) {
    DownloadFailure[] notCounted = {null};
    return breaker.<T>execute(() -> call.get().recover(e -> {
      DownloadFailure failure = DownloadFailure.from(e);
      if (failure.hostFault()) {
        return Future.failedFuture(failure);
      }
      notCounted[0] = failure;
      return Future.succeededFuture();
    })).transform(ar -> {
      if (ar.failed()) {
        return Future.failedFuture(ar.cause() instanceof OpenCircuitException
            ? DownloadFailure.permanent(DownloadFailure.BREAKER_OPEN, breakerOpenMessage())
            : DownloadFailure.from(ar.cause()));
      }
      return notCounted[0] != null ? Future.failedFuture(notCounted[0]) : Future.succeededFuture(ar.result());
    });
  }

  /** The SHA-256 the source publishes for {@code spec} in its {@code .CHECKSUM}: one request, not guarded. */
  Future<String> checksum(ArchiveSpec spec) {
    return checksum(spec, get(spec.key() + VisionPath.CHECKSUM_SUFFIX));
  }

  private Future<String> checksum(ArchiveSpec spec, RequestOptions options) {
    return send(options)
        .compose(resp -> {
          if (resp.statusCode() != 200) {
            return resp.body().transform(ignored -> Future.failedFuture(statusFailure(resp, "the CHECKSUM")));
          }
          return resp.body().compose(body -> {
            try {
              return Future.succeededFuture(ChecksumFile.parse(body.toString(), spec.fileName()));
            } catch (IllegalArgumentException e) {
              return Future.failedFuture(DownloadFailure.permanent(DownloadFailure.BAD_CHECKSUM_FILE, e.getMessage()));
            }
          });
        });
  }

  /**
   * The published SHA-256 of {@code spec}, asked through the breaker and asked again after a retryable failure with
   * the same backoff and attempt limit ({@code download.retryAttempts}) as a transfer; each request is given up
   * after {@code timeoutMs} without an answer.
   */
  Future<String> checksumWithRetries(ArchiveSpec spec, long timeoutMs) {
    return withRetries(() -> guarded(() -> checksum(spec, get(spec.key() + VisionPath.CHECKSUM_SUFFIX)
        .setConnectTimeout(Math.min(settings.connectTimeoutMs(), timeoutMs)).setIdleTimeout(timeoutMs))), 1);
  }

  private <T> Future<T> withRetries(Supplier<Future<T>> call, int attempt) {
    return call.get().recover(e -> {
      DownloadFailure failure = DownloadFailure.from(e);
      if (!failure.retryable() || attempt >= settings.retryAttempts()) {
        return Future.failedFuture(failure);
      }
      return vertx.timer(Math.max(1, backoff.delayMs(failure, attempt)))
          .compose(t -> withRetries(call, attempt + 1));
    });
  }

  /** What a status other than the one asked for means: 404 missing, 429/503 wait (Retry-After), other 5xx retry. */
  static DownloadFailure statusFailure(HttpClientResponse resp, String what) {
    int status = resp.statusCode();
    String text = "the source answered " + status + " for " + what;
    if (status == 404) {
      return DownloadFailure.permanent(DownloadFailure.MISSING, "the source has no such archive (404)");
    }
    if (status == 429 || status == 503) {
      long retryAfter = Backoff.retryAfterMs(resp.getHeader("Retry-After"), System.currentTimeMillis());
      return DownloadFailure.transientFault(DownloadFailure.HTTP_ERROR, text, retryAfter);
    }
    if (status >= 500 || status == 408) {
      return DownloadFailure.transientFault(DownloadFailure.HTTP_ERROR, text, -1);
    }
    return DownloadFailure.permanent(DownloadFailure.HTTP_ERROR, text);
  }
}
