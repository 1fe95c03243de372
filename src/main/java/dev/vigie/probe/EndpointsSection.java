package dev.vigie.probe;

import dev.vigie.bus.Metric;
import dev.vigie.bus.SecretRedactor;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import dev.vigie.bus.Thresholds;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The "endpoints" section, a summary whatever the number of endpoints (a push stays far under 64 KB with ten
 * thousand): counts by status, latency percentiles over every endpoint's last good answer, how late checks start,
 * and in {@code details.endpoints} the worst few ({@code probe.worstShown}) with their charts. The full list is
 * paged through {@code GET /api/probes} ({@link EndpointQuery}).
 */
final class EndpointsSection {
  static final String NAME = "endpoints";
  /** An endpoint's error text is cut to this in summaries: a push must stay small whatever a target answers. */
  private static final int ERROR_CHARS = 200;
  /** Worst first: failing, then slow, then good, then pending; within a status the slowest first. */
  static final Comparator<EndpointState> WORST_FIRST = Comparator
      .comparingInt((EndpointState s) -> rank(s.status())).reversed()
      .thenComparing(Comparator.comparingDouble(EndpointsSection::lastLatency).reversed())
      .thenComparingLong(EndpointState::seq);

  private final Thresholds thresholds;
  private final int chartPoints;
  private final int worstShown;
  private final long windowMs;

  EndpointsSection(Thresholds thresholds, int chartPoints, int worstShown, long windowMs) {
    this.thresholds = thresholds;
    this.chartPoints = chartPoints;
    this.worstShown = worstShown;
    this.windowMs = windowMs;
  }

  /** A result's status: critical on a failure, else the latency threshold's verdict. */
  Status judge(ProbeResult result) {
    return result.ok() ? thresholds.evaluate("latencyMs", result.latencyMs()) : Status.CRITICAL;
  }

  /** Neutral (pending) 0, good 1, warning 2, critical 3: the order "worst" and {@code sort=status} use. */
  static int rank(Status status) {
    return switch (status) {
      case NEUTRAL -> 0;
      case GOOD -> 1;
      case WARNING -> 2;
      case CRITICAL -> 3;
    };
  }

  static double lastLatency(EndpointState s) {
    return s.last() == null ? -1 : s.last().latencyMs();
  }

  /**
   * {@code share}: in a cluster, {@code {nodeId, members, owned, of}} (this node checks {@code owned} of the cluster's
   * {@code of} endpoints), else null.
   */
  SectionUpdate build(Collection<EndpointState> states, JsonObject lateness, long nowMs, JsonObject share) {
    int[] counts = new int[4];
    double[] latencies = new double[states.size()];
    int answered = 0;
    PriorityQueue<EndpointState> worst = new PriorityQueue<>(WORST_FIRST.reversed());
    for (EndpointState state : states) {
      counts[state.status().ordinal()]++;
      if (state.last() != null && state.last().ok()) {
        latencies[answered++] = state.last().latencyMs();
      }
      worst.add(state);
      if (worst.size() > worstShown) {
        worst.poll();
      }
    }
    List<EndpointState> shown = new ArrayList<>(worst);
    shown.sort(WORST_FIRST);
    JsonArray endpoints = new JsonArray();
    shown.forEach(s -> endpoints.add(summary(s, s.window(nowMs, windowMs)).put("chart", s.chart(chartPoints))));
    Arrays.sort(latencies, 0, answered);
    Double p50 = percentile(latencies, answered, 50);
    Double p95 = percentile(latencies, answered, 95);
    Double p99 = percentile(latencies, answered, 99);

    int good = counts[Status.GOOD.ordinal()];
    int slow = counts[Status.WARNING.ordinal()];
    int failing = counts[Status.CRITICAL.ordinal()];
    int pending = counts[Status.NEUTRAL.ordinal()];
    List<Metric> metrics = new ArrayList<>();
    String owned = share == null ? "" : "this node checks " + states.size() + " of the cluster's " + share.getInteger("of")
        + " (" + share.getJsonArray("members").size() + " members); ";
    metrics.add(Metric.of("Endpoints", states.size(), null, Status.NEUTRAL)
        .withHint(owned + (states.size() - pending) + " checked, " + pending + " not yet"));
    metrics.add(Metric.of("Good", good, null, good > 0 ? Status.GOOD : Status.NEUTRAL));
    metrics.add(Metric.of("Slow", slow, null, slow > 0 ? Status.WARNING : Status.NEUTRAL)
        .withHint("answering, but slower than the latency threshold's warning bound"));
    metrics.add(Metric.of("Failing", failing, null, failing > 0 ? Status.CRITICAL : Status.NEUTRAL)
        .withHint("an error, a wrong answer, or slower than the latency threshold's critical bound"));
    metrics.add(Metric.of("Pending", pending, null, Status.NEUTRAL).withHint("not checked yet"));
    metrics.add(latency("p50", p50, false, answered));
    metrics.add(latency("p95", p95, true, answered));
    metrics.add(latency("p99", p99, false, answered));
    Object lateMax = lateness.getValue("max");
    long lateBound = lateness.getLong("lateMs");
    metrics.add(Metric.of("Lateness, max", lateMax, lateMax == null ? null : "ms", lateMax == null ? Status.NEUTRAL
            : ((Number) lateMax).longValue() > lateBound ? Status.WARNING : Status.GOOD)
        .withHint("how late checks started over the last minute (actual start minus schedule); " + lateness.getLong("late")
            + " of " + lateness.getLong("checks") + " later than " + lateBound + " ms"));

    JsonObject details = new JsonObject().put("total", states.size()).put("healthy", good + slow)
        .put("counts", new JsonObject().put("good", good).put("warning", slow).put("critical", failing)
            .put("neutral", pending))
        .put("latency", new JsonObject().put("p50", p50).put("p95", p95).put("p99", p99).put("endpoints", answered))
        .put("lateness", lateness)
        .put("endpoints", endpoints);
    if (share != null) {
      details.put("share", share);
    }
    return new SectionUpdate(NAME, "Endpoint performance", metrics, details);
  }

  private Metric latency(String label, Double value, boolean judged, int answered) {
    Status status = value == null || !judged ? Status.NEUTRAL : thresholds.evaluate("latencyMs", value);
    return Metric.of(label, value == null ? null : round(value), value == null ? null : "ms", status)
        .withHint("over the last answer of each of the " + answered + " endpoints answering");
  }

  private static Double percentile(double[] sorted, int n, double percentile) {
    if (n == 0) {
      return null;
    }
    int index = (int) Math.ceil(percentile / 100 * n) - 1;
    return round(sorted[Math.max(0, Math.min(n - 1, index))]);
  }

  /**
   * One endpoint's summary: {@code {name, url, method, status, statusCode?, latencyMs?, ok?, reason?, error?, time?,
   * p50, p95, p99, samples, successRatio, uptimePercent}}.
   */
  static JsonObject summary(EndpointState state, ResultRing.Window w) {
    Endpoint e = state.endpoint();
    JsonObject json = new JsonObject().put("name", e.name()).put("url", SecretRedactor.redactUrl(e.url().toString()))
        .put("method", e.method().name()).put("status", state.status().wire());
    ProbeResult last = state.last();
    if (last != null) {
      json.put("statusCode", last.statusCode()).put("latencyMs", round(last.latencyMs())).put("ok", last.ok())
          .put("time", last.time().toString());
      if (last.reason() != null) {
        String error = last.error();
        json.put("reason", last.reason().wire())
            .put("error", error != null && error.length() > ERROR_CHARS ? error.substring(0, ERROR_CHARS) + "…" : error);
      }
      if (last.phases() != null) {
        json.put("phases", last.phases().toJson());
      }
    }
    return json.put("p50", number(w.p50())).put("p95", number(w.p95())).put("p99", number(w.p99()))
        .put("samples", w.samples()).put("successRatio", number(w.successRatio()))
        .put("uptimePercent", number(Double.isNaN(w.successRatio()) ? Double.NaN : round(w.successRatio() * 100)));
  }

  private static Double number(double v) {
    return Double.isNaN(v) ? null : v;
  }

  static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
