package dev.vigie.stress;

import dev.vigie.bus.Failures;
import dev.vigie.bus.Refusal;
import dev.vigie.bus.RequestField;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One run's load, validated against the allowlist and the ceilings. {@code sequential} is the seed's plan: N requests
 * D ms apart on one connection, i.e. an open schedule at 1000/D per second. {@code closed}: C connections sending back
 * to back for T ms or N requests, whichever ends first. {@code open}: R requests a second for T ms on up to C
 * connections, latency counted from each request's intended send time.
 *
 * A closed or open plan may ask for {@code threads} (as {@code wrk -tN}): that many event loops, each with its own
 * share of the connections, the requests and the rate.
 *
 * @param requests total requests (0: bounded by duration only)
 * @param durationMs run length (0: bounded by requests only)
 * @param threads generator event loops (1 to the cores available, at most one per connection)
 */
public record StressPlan(Kind kind, URI target, long requests, long spacingMs, int connections, long durationMs,
    double rate, long timeoutMs, PassCriteria pass, int threads) {

  public enum Kind {
    SEQUENTIAL, CLOSED, OPEN;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final Set<String> FIELDS = Set.of("plan", "target", "requests", "spacingMs", "connections",
      "durationMs", "rate", "timeoutMs", "pass", "threads", "generators");
  /** Bounds the field itself; the live members running the stress area bound it in practice. */
  private static final int MAX_GENERATORS = 1000;
  private static final long MAX_TIMEOUT_MS = 60_000;
  private static final int DEFAULT_CONNECTIONS = 16;
  private static final long DEFAULT_DURATION_MS = 10_000;

  /** The plan a {@code POST /api/stress} body asks for; throws a Refusal (400 naming the field, or 403). */
  public static StressPlan from(JsonObject body, StressSettings settings, Allowlist allowlist) {
    for (String field : body.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw Refusal.badField(field, "unknown field (known: " + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
      }
    }
    Kind kind = kind(body);
    URI target = target(body, settings, allowlist);
    long timeoutMs = whole(body, "timeoutMs", settings.requestTimeoutMs(), 1, MAX_TIMEOUT_MS, "");
    PassCriteria pass = settings.pass();
    if (body.containsKey("pass")) {
      if (!(body.getValue("pass") instanceof JsonObject overrides)) {
        throw Refusal.badField("pass", "must be an object {minSuccessPercent, maxMeanMs, maxP99Ms}");
      }
      try {
        pass = pass.with(overrides, "pass");
      } catch (IllegalArgumentException e) {
        throw new Refusal(Failures.BAD_REQUEST, "BAD_PARAMETER", e.getMessage().split("[: ]", 2)[0], e.getMessage());
      }
    }
    String ceiling = " (ceiling stress.max";
    return switch (kind) {
      case SEQUENTIAL -> {
        refuse(body, kind, "connections", "durationMs", "rate", "threads");
        long n = whole(body, "requests", 10, 1, settings.maxRequests(), ceiling + "Requests)");
        long spacing = whole(body, "spacingMs", 50, 1, settings.maxDurationMs(), ceiling + "DurationMs)");
        if (n > settings.maxDurationMs() / spacing) {
          throw Refusal.badField("spacingMs", n + " requests " + spacing + " ms apart last longer than "
              + "stress.maxDurationMs = " + settings.maxDurationMs() + " ms");
        }
        yield new StressPlan(kind, target, n, spacing, 1, 0, 1000.0 / spacing, timeoutMs, pass, 1);
      }
      case CLOSED -> {
        refuse(body, kind, "spacingMs", "rate");
        int c = (int) whole(body, "connections", Math.min(DEFAULT_CONNECTIONS, settings.maxConcurrency()), 1,
            settings.maxConcurrency(), ceiling + "Concurrency)");
        boolean bounded = body.containsKey("requests") || body.containsKey("durationMs");
        long n = whole(body, "requests", 0, 1, settings.maxRequests(), ceiling + "Requests)");
        long d = whole(body, "durationMs", bounded ? 0 : Math.min(DEFAULT_DURATION_MS, settings.maxDurationMs()), 1,
            settings.maxDurationMs(), ceiling + "DurationMs)");
        yield new StressPlan(kind, target, n, 0, c, d, 0, timeoutMs, pass, threads(body, c));
      }
      case OPEN -> {
        refuse(body, kind, "spacingMs", "requests");
        if (!body.containsKey("rate")) {
          throw Refusal.badField("rate", "an open plan needs a rate in requests per second");
        }
        double rate = number(body, "rate", settings.maxRate());
        long d = whole(body, "durationMs", Math.min(DEFAULT_DURATION_MS, settings.maxDurationMs()), 1,
            settings.maxDurationMs(), ceiling + "DurationMs)");
        int c = (int) whole(body, "connections", Math.min(DEFAULT_CONNECTIONS, settings.maxConcurrency()), 1,
            settings.maxConcurrency(), ceiling + "Concurrency)");
        long n = (long) Math.floor(rate * d / 1000.0);
        if (n < 1) {
          throw Refusal.badField("rate", rate + "/s for " + d + " ms sends no request at all");
        }
        if (n > settings.maxRequests()) {
          throw Refusal.badField("rate", rate + "/s for " + d + " ms is " + n
              + " requests, over stress.maxRequests = " + settings.maxRequests());
        }
        yield new StressPlan(kind, target, n, 0, c, d, rate, timeoutMs, pass, threads(body, c));
      }
    };
  }

  /**
   * Generator nodes {@code body} asks for ({@code generators}, default 1), checked against {@code plan} (already
   * read from the same body): each generator needs at least one connection and one request of its own. A Refusal
   * (400 naming {@code generators}) otherwise. Whether that many members are up is the cluster's to say.
   */
  public static int generators(JsonObject body, StressPlan plan) {
    int k = (int) RequestField.whole(body, "generators", 1, 1, MAX_GENERATORS);
    if (k == 1) {
      return k;
    }
    if (plan.kind == Kind.SEQUENTIAL) {
      throw Refusal.badField("generators", "a sequential plan runs on one connection: share an open or closed plan");
    }
    if (plan.connections < k) {
      throw Refusal.badField("generators", k + " generators cannot share " + plan.connections
          + " connections: each needs at least one");
    }
    if (plan.requests > 0 && plan.requests < k) {
      throw Refusal.badField("generators", k + " generators cannot share " + plan.requests
          + " requests: each needs at least one");
    }
    return k;
  }

  /**
   * Generator {@code index}'s share of this plan split over {@code of} generators: its part of the connections and
   * of the requests (as {@link RunLoop#share} splits them over threads) and, for an open plan, the rate that sends
   * its requests over the same duration, so the shares together keep the plan's arrival rate. Each keeps the
   * plan's threads, at most one per connection of its share.
   */
  public StressPlan share(int index, int of) {
    if (of == 1) {
      return this;
    }
    long shareRequests = requests == 0 ? 0 : RunLoop.share(requests, index, of);
    int shareConnections = (int) RunLoop.share(connections, index, of);
    double shareRate = kind == Kind.OPEN ? rate * shareRequests / requests : rate;
    return new StressPlan(kind, target, shareRequests, spacingMs, shareConnections, durationMs, shareRate, timeoutMs,
        pass, Math.min(threads, shareConnections));
  }

  /** What a share is, to name it: {@code {connections, requests?, rate?}}. */
  public JsonObject shareJson() {
    JsonObject json = new JsonObject().put("connections", connections);
    if (requests > 0) {
      json.put("requests", requests);
    }
    if (kind == Kind.OPEN) {
      json.put("rate", rate);
    }
    return json;
  }

  /** Event loops asked for: 1 to the cores this JVM may use, and no more than the connections to share out. */
  private static int threads(JsonObject body, int connections) {
    int cores = Runtime.getRuntime().availableProcessors();
    int threads = (int) whole(body, "threads", 1, 1, cores, " (the cores available to Vigie)");
    if (threads > connections) {
      throw Refusal.badField("threads", threads + " threads cannot share " + connections
          + " connections: each thread needs at least one");
    }
    return threads;
  }

  /** The plan in words, for the activity log. */
  public String describe() {
    return switch (kind) {
      case SEQUENTIAL -> requests + " requests " + spacingMs + " ms apart to " + target;
      case CLOSED -> connections + " connections back to back" + (threads > 1 ? " on " + threads + " threads" : "")
          + (requests > 0 ? ", " + requests + " requests" : "")
          + (durationMs > 0 ? ", " + durationMs + " ms" : "") + " to " + target;
      case OPEN -> rate + " requests/s for " + durationMs + " ms on up to " + connections + " connections"
          + (threads > 1 ? " and " + threads + " threads" : "") + " to " + target;
    };
  }

  /** Requests a second the plan aims at; NaN for a closed plan, which has no planned rate. */
  public double plannedRate() {
    return kind == Kind.CLOSED ? Double.NaN : rate;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("plan", kind.wire()).put("target", target.toString())
        .put("connections", connections).put("timeoutMs", timeoutMs);
    if (requests > 0) {
      json.put("requests", requests);
    }
    if (kind == Kind.SEQUENTIAL) {
      json.put("spacingMs", spacingMs);
    }
    if (durationMs > 0) {
      json.put("durationMs", durationMs);
    }
    if (kind == Kind.OPEN) {
      json.put("rate", rate);
    }
    if (kind != Kind.SEQUENTIAL) {
      json.put("threads", threads);
    }
    return json.put("pass", pass.toJson());
  }

  private static Kind kind(JsonObject body) {
    Object v = body.getValue("plan", "sequential");
    if (v instanceof String s) {
      for (Kind k : Kind.values()) {
        if (k.wire().equals(s)) {
          return k;
        }
      }
    }
    throw Refusal.badField("plan", "must be sequential, closed or open, not " + v);
  }

  private static URI target(JsonObject body, StressSettings settings, Allowlist allowlist) {
    Object v = body.getValue("target");
    if (v == null) {
      v = !settings.defaultTarget().isEmpty() ? settings.defaultTarget()
          : settings.probeEndpoints().isEmpty() ? null : settings.probeEndpoints().get(0);
      if (v == null) {
        throw Refusal.badField("target", "no target given, and neither stress.defaultTarget nor a probe endpoint is configured");
      }
    }
    if (!(v instanceof String s)) {
      throw Refusal.badField("target", "must be an http(s) URL string");
    }
    URI uri;
    try {
      uri = URI.create(s.trim());
    } catch (IllegalArgumentException e) {
      throw Refusal.badField("target", "'" + s + "' is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
      throw Refusal.badField("target", "'" + s + "' must be an http or https URL with a host and no user info");
    }
    Optional<String> refusal = allowlist.refusal(uri);
    if (refusal.isPresent()) {
      throw new Refusal(Failures.FORBIDDEN, "TARGET_NOT_ALLOWED", "target", refusal.get());
    }
    return uri;
  }

  private static void refuse(JsonObject body, Kind kind, String... fields) {
    for (String f : fields) {
      if (body.containsKey(f)) {
        throw Refusal.badField(f, "does not apply to " + kind.wire() + " plans");
      }
    }
  }

  private static long whole(JsonObject body, String field, long dflt, long min, long max, String ceiling) {
    try {
      return RequestField.whole(body, field, dflt, min, max);
    } catch (Refusal e) {
      throw ceiling.isEmpty() ? e : Refusal.badField(field, e.getMessage().substring(field.length() + 2) + ceiling);
    }
  }

  private static double number(JsonObject body, String field, long max) {
    double rate;
    try {
      rate = RequestField.decimal(body, field, Double.NaN, 0, max);
    } catch (Refusal e) {
      throw Refusal.badField(field, e.getMessage().substring(field.length() + 2) + " (ceiling stress.maxRate)");
    }
    if (!(rate > 0)) {
      throw Refusal.badField(field, "must be a positive number of requests per second, not " + body.getValue(field));
    }
    return rate;
  }
}
