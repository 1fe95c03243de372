package dev.vigie.upstream;

import dev.vigie.bus.Failures;
import dev.vigie.bus.RedirectPolicy;
import dev.vigie.bus.Refusal;
import dev.vigie.bus.SecretRedactor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import static net.logstash.logback.argument.StructuredArguments.entries;

/**
 * Answers upstream sources through the {@link UpstreamCache} policy: it sends the one request per key the policy
 * allows and lets every ask that must wait join it. Runs on the upstream verticle's event loop.
 */
final class UpstreamResolver {
  private static final Logger LOG = LoggerFactory.getLogger("upstream");
  private static final int BAD_GATEWAY = 502;

  /** Why an upstream answer is unusable (a status, a body that is not JSON). */
  private static final class UpstreamFailure extends RuntimeException {
    UpstreamFailure(String message) {
      super(message, null, false, false);
    }
  }

  private final UpstreamCache cache;
  private final WebClient client;
  private final Map<String, UpstreamSource> sources = new HashMap<>();
  private final long timeoutMs;
  private final Map<String, Promise<UpstreamCache.Answer>> waiting = new HashMap<>();
  private final Map<String, String> lastErrors = new HashMap<>();
  private final SecretRedactor redactor;
  private final RedirectPolicy redirects;

  UpstreamResolver(UpstreamCache cache, WebClient client, Iterable<UpstreamSource> sources, long timeoutMs,
      RedirectPolicy redirects, SecretRedactor redactor) {
    this.cache = cache;
    this.redirects = redirects;
    this.redactor = redactor;
    this.client = client;
    sources.forEach(s -> this.sources.put(s.name(), s));
    this.timeoutMs = timeoutMs;
  }

  /**
   * The reply for an ask: {@code {name, body, source, ageMs, state}}; fails with a {@link Refusal}: 404
   * {@code UNKNOWN_SOURCE}, or 502 {@code UPSTREAM_FAILED} when the upstream failed and nothing usable is cached.
   */
  Future<JsonObject> answer(String name) {
    if (name == null || !sources.containsKey(name)) {
      return Future.failedFuture(new Refusal(Failures.NOT_FOUND, "UNKNOWN_SOURCE", "no upstream source named '"
          + name + "' (cache.upstream.sources)"));
    }
    UpstreamCache.Plan plan = cache.ask(name);
    if (plan.fetch()) {
      fetch(sources.get(name));
    }
    Future<UpstreamCache.Answer> answer = plan.serve() != null ? Future.succeededFuture(plan.serve())
        : waiting.get(name).future();
    return answer.map(a -> new JsonObject().put("name", name).put("body", a.body()).put("source", a.source())
        .put("ageMs", a.ageMs()).put("state", plan.state().wire()));
  }

  /** Per source: {@code {name, state, ageMs, revalidating, lastError}}. */
  JsonArray describe() {
    JsonArray array = new JsonArray();
    for (String name : new TreeMap<>(sources).keySet()) {
      array.add(new JsonObject().put("name", name).put("state", cache.state(name).wire())
          .put("ageMs", cache.ageMs(name)).put("revalidating", cache.revalidating(name))
          .put("lastError", lastErrors.get(name)));
    }
    return array;
  }

  /** The answer at {@code url}, through the redirects the policy allows; a refused one fails naming why. */
  private Future<HttpResponse<Buffer>> get(URI url, int hops) {
    return client.getAbs(url.toString()).timeout(timeoutMs).send().compose(response -> {
      if (!RedirectPolicy.isRedirect(response.statusCode())) {
        return Future.succeededFuture(response);
      }
      RedirectPolicy.Step step = redirects.next(url, response.statusCode(), response.getHeader("Location"), hops);
      return step.follow() ? get(step.uri(), hops + 1) : Future.failedFuture(new UpstreamFailure("redirect: " + step.reason()));
    });
  }

  private void fetch(UpstreamSource source) {
    Promise<UpstreamCache.Answer> promise = Promise.promise();
    waiting.put(source.name(), promise);
    get(URI.create(source.url()), 0).map(response -> {
      if (response.statusCode() < 200 || response.statusCode() > 299) {
        throw new UpstreamFailure("status " + response.statusCode());
      }
      Object body;
      try {
        body = Json.decodeValue(response.bodyAsBuffer() == null ? "" : response.bodyAsString());
      } catch (DecodeException e) {
        throw new UpstreamFailure("the body is not JSON");
      }
      if (!(body instanceof JsonObject) && !(body instanceof JsonArray)) {
        throw new UpstreamFailure("the body is not a JSON object or array");
      }
      return body;
    }).onComplete(ar -> {
      waiting.remove(source.name());
      if (ar.succeeded()) {
        lastErrors.remove(source.name());
        promise.complete(cache.completed(source.name(), ar.result()));
        return;
      }
      String reason = redactor.text(ar.cause() instanceof UpstreamFailure ? ar.cause().getMessage()
          : ar.cause().getClass().getSimpleName() + ": " + ar.cause().getMessage());
      lastErrors.put(source.name(), reason);
      LOG.warn("upstream_fetch_failed", entries(Map.of("source", source.name(), "reason", reason)));
      UpstreamCache.Answer fallback = cache.failed(source.name());
      if (fallback != null) {
        promise.complete(fallback);
      } else {
        promise.fail(new Refusal(BAD_GATEWAY, "UPSTREAM_FAILED",
            source.name() + " failed (" + reason + ") and nothing usable is cached"));
      }
    });
  }
}
