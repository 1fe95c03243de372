package dev.vigie.probe;

import dev.vigie.bus.CacheBus;
import dev.vigie.bus.RedirectPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.Instant;

/**
 * Reads the newest data time of one source. Completes with null when the source has no data yet (no file, no
 * cache running, an empty cache): that is "no data", not a failure. Fails with a sentence otherwise.
 */
final class FreshnessCheck {
  private final Vertx vertx;
  private final HttpClient client;
  private final RedirectPolicy redirects;

  FreshnessCheck(Vertx vertx, HttpClient client, RedirectPolicy redirects) {
    this.vertx = vertx;
    this.client = client;
    this.redirects = redirects;
  }

  Future<Instant> run(FreshnessSource source) {
    return switch (source.kind()) {
      case HTTP -> fromHttp(source);
      case FILE -> fromFile(source);
      case CACHE -> fromCache(source);
    };
  }

  private Future<Instant> fromHttp(FreshnessSource source) {
    HttpClientRequest[] request = new HttpClientRequest[1];
    long timer = vertx.setTimer(source.timeoutMs(), id -> {
      if (request[0] != null) {
        request[0].reset();
      }
    });
    return body(source, source.url(), 0, request)
        .compose(body -> {
          Object json;
          try {
            json = Json.decodeValue(body);
          } catch (DecodeException e) {
            return Future.failedFuture("the body is not JSON");
          }
          Object value = json == null ? null : source.jsonPointer().queryJson(json);
          if (value == null) {
            return Future.failedFuture("no timestamp at " + source.jsonPointer());
          }
          try {
            return Future.succeededFuture(Timestamps.parse(value));
          } catch (IllegalArgumentException e) {
            return Future.failedFuture(e.getMessage());
          }
        })
        .eventually(() -> {
          vertx.cancelTimer(timer);
          return Future.succeededFuture();
        });
  }

  /** The 2xx body at {@code url}, through the redirects the policy allows; headers only to the configured origin. */
  private Future<Buffer> body(FreshnessSource source, URI url, int hops, HttpClientRequest[] request) {
    RequestOptions options = new RequestOptions().setAbsoluteURI(url.toString()).setMethod(HttpMethod.GET)
        .setConnectTimeout(source.timeoutMs()).setIdleTimeout(source.timeoutMs()).setFollowRedirects(false);
    if (RedirectPolicy.sameOrigin(source.url(), url)) {
      source.headers().forEach(options::putHeader);
    }
    return client.request(options)
        .compose(req -> {
          request[0] = req;
          return req.send();
        })
        .compose(resp -> {
          int status = resp.statusCode();
          if (status / 100 == 2) {
            return resp.body();
          }
          if (!RedirectPolicy.isRedirect(status)) {
            return Future.failedFuture("HTTP " + status);
          }
          RedirectPolicy.Step step = redirects.next(url, status, resp.getHeader("Location"), hops);
          return resp.body().compose(ignored -> step.follow() ? body(source, step.uri(), hops + 1, request)
              : Future.failedFuture("redirect: " + step.reason()));
        }, failure -> Future.failedFuture(FailureReason.of(failure).wire() + ": " + failure.getMessage()));
  }

  private Future<Instant> fromFile(FreshnessSource source) {
    return vertx.fileSystem().props(source.path())
        .map(props -> Instant.ofEpochMilli(props.lastModifiedTime()))
        .recover(failure -> isMissing(failure) ? Future.succeededFuture(null)
            : Future.failedFuture("cannot read " + source.path() + ": " + failure.getMessage()));
  }

  private Future<Instant> fromCache(FreshnessSource source) {
    return vertx.eventBus().<JsonObject>request(CacheBus.STATS, null, new DeliveryOptions().setSendTimeout(source.timeoutMs()))
        .map(reply -> {
          Object newest = reply.body() == null ? null : reply.body().getValue("newestArchiveAt");
          return newest == null ? null : Timestamps.parse(newest);
        })
        .recover(failure -> failure instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS
            ? Future.succeededFuture(null) : Future.failedFuture("the cache did not answer: " + failure.getMessage()));
  }

  private static boolean isMissing(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof NoSuchFileException) {
        return true;
      }
    }
    return false;
  }
}
