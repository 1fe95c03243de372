package dev.vigie.web;

import dev.vigie.bus.Activity;
import dev.vigie.bus.Metric;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Overload protection for {@code /api}: a token bucket per client ({@link ClientGroup}: an IPv4 address, an IPv6
 * /64, all of loopback as one; {@code http.rateLimit}: refilled at {@code requestsPerSecond}, holding up to
 * {@code burst}), and one bucket for all clients together ({@code globalRequestsPerSecond}, {@code globalBurst}) that
 * no set of addresses can exceed. An empty bucket answers 429 with Retry-After. Refusals show in the "api" section
 * and, once a minute per client, in the activity log. {@code requestsPerSecond: 0} turns both off.
 */
final class RateLimiter implements Handler<RoutingContext> {
  static final String SECTION = "api";
  private static final long MINUTE_NANOS = 60_000_000_000L;

  private final Vertx vertx;
  private final Activity activity;
  private final Counter refused;
  private final long timer;
  private final double perSecond;
  private final double burst;
  private final double globalPerSecond;
  private final Bucket global = new Bucket();
  private final Map<String, Bucket> buckets = new HashMap<>();
  private final ArrayDeque<Long> refusals = new ArrayDeque<>();
  private final double globalBurstSize;
  private long total;
  private long published = -1;

  private static final class Bucket {
    double tokens;
    long refilledAt;
    long loggedAt;
    long lastRefusedAt;
  }

  /** @param refused counts the requests answered 429 */
  RateLimiter(Vertx vertx, JsonObject http, Activity activity, Counter refused) {
    JsonObject limit = http.getJsonObject("rateLimit");
    this.vertx = vertx;
    this.activity = activity;
    this.refused = refused;
    this.perSecond = limit.getDouble("requestsPerSecond");
    this.burst = limit.getDouble("burst");
    this.globalPerSecond = limit.getDouble("globalRequestsPerSecond");
    double globalBurst = limit.getDouble("globalBurst");
    if (perSecond < 0 || perSecond > 0 && (burst < 1 || globalPerSecond <= 0 || globalBurst < 1)) {
      throw new IllegalArgumentException("http.rateLimit.requestsPerSecond must be at least 0, and when it is not 0, "
          + "http.rateLimit.burst and globalBurst at least 1 and globalRequestsPerSecond over 0");
    }
    global.tokens = globalBurst;
    global.refilledAt = System.nanoTime();
    global.loggedAt = global.refilledAt - MINUTE_NANOS;
    globalBurstSize = globalBurst;
    timer = vertx.setPeriodic(1000, id -> tick());
    publish(System.nanoTime());
  }

  void stop() {
    vertx.cancelTimer(timer);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (perSecond == 0) {
      ctx.next();
      return;
    }
    String client = ClientGroup.of(ctx.request().remoteAddress());
    long now = System.nanoTime();
    Bucket bucket = buckets.computeIfAbsent(client, k -> {
      Bucket b = new Bucket();
      b.tokens = burst;
      b.refilledAt = now;
      b.loggedAt = now - MINUTE_NANOS;
      return b;
    });
    refill(bucket, burst, perSecond, now);
    refill(global, globalBurstSize, globalPerSecond, now);
    if (bucket.tokens >= 1 && global.tokens >= 1) {
      bucket.tokens -= 1;
      global.tokens -= 1;
      ctx.next();
      return;
    }
    boolean own = bucket.tokens < 1;
    long retryAfter = Math.max(1, (long) Math.ceil(own ? (1 - bucket.tokens) / perSecond : (1 - global.tokens) / globalPerSecond));
    refused.increment();
    total++;
    refusals.addLast(now);
    bucket.lastRefusedAt = now;
    Bucket logged = own ? bucket : global;
    if (now - logged.loggedAt >= MINUTE_NANOS) {
      logged.loggedAt = now;
      activity.warning(own ? "client " + client + " over " + fmt(perSecond) + " requests/s: answering 429"
          : "all clients together over " + fmt(globalPerSecond) + " requests/s: answering 429");
    }
    ctx.response().putHeader("Retry-After", String.valueOf(retryAfter));
    ApiError.send(ctx, 429, "TOO_MANY_REQUESTS", own
        ? "over " + fmt(perSecond) + " requests/s (burst " + fmt(burst) + ") from " + client + "; retry after " + retryAfter + " s"
        : "Vigie is over " + fmt(globalPerSecond) + " requests/s from all clients together; retry after " + retryAfter + " s");
  }

  private static void refill(Bucket bucket, double capacity, double perSecond, long now) {
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.refilledAt) / 1e9 * perSecond);
    bucket.refilledAt = now;
  }

  private void tick() {
    long now = System.nanoTime();
    while (!refusals.isEmpty() && now - refusals.peekFirst() > MINUTE_NANOS) {
      refusals.removeFirst();
    }
    // A bucket that refilled completely holds nothing worth keeping.
    buckets.values().removeIf(b -> b.tokens + (now - b.refilledAt) / 1e9 * perSecond >= burst && now - b.loggedAt >= MINUTE_NANOS);
    publish(now);
  }

  private void publish(long now) {
    long recent = refusals.size();
    long key = recent * 1_000_003 + total;
    if (key == published) {
      return;
    }
    published = key;
    long limited = buckets.values().stream().filter(b -> b.lastRefusedAt != 0 && now - b.lastRefusedAt <= MINUTE_NANOS).count();
    String limit = perSecond == 0 ? "off" : fmt(perSecond) + "/s, burst " + fmt(burst) + "; all clients "
        + fmt(globalPerSecond) + "/s, burst " + fmt(globalBurstSize);
    List<Metric> metrics = List.of(
        Metric.of("Refused (429), last minute", recent, null, recent > 0 ? Status.WARNING : Status.GOOD)
            .withHint("API requests answered 429 because their client was over the rate limit"),
        Metric.of("Clients limited, last minute", limited, null, Status.NEUTRAL),
        Metric.of("Refused (429), total", total, null, Status.NEUTRAL).withHint("since start"),
        Metric.of("Limit per client", limit, null, Status.NEUTRAL).withHint("http.rateLimit"));
    vertx.eventBus().publish(MonitorBus.SECTION, new SectionUpdate(SECTION, "API overload protection", metrics, null).toJson());
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
