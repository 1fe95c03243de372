package dev.vigie.probe;

import dev.vigie.bus.Metric;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import dev.vigie.bus.SecretRedactor;
import dev.vigie.bus.Thresholds;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The "endpoints" section: one metric per endpoint (its last latency, critical on any failure), and in
 * {@code details} what the page charts: recent latencies, percentiles, last status code and uptime.
 */
final class EndpointsSection {
  static final String NAME = "endpoints";

  private final Thresholds thresholds;
  private final int chartPoints;

  EndpointsSection(Thresholds thresholds, int chartPoints) {
    this.thresholds = thresholds;
    this.chartPoints = chartPoints;
  }

  SectionUpdate build(Collection<EndpointState> states, long nowMs) {
    List<Metric> metrics = new ArrayList<>();
    JsonArray endpoints = new JsonArray();
    int healthy = 0;
    for (EndpointState state : states) {
      ProbeResult last = state.last();
      RollingLatency.Window w = state.window(nowMs);
      metrics.add(metric(state, last, w));
      if (last != null && last.ok()) {
        healthy++;
      }
      endpoints.add(summary(state, w).put("chart", state.chart(chartPoints)));
    }
    JsonObject details = new JsonObject().put("endpoints", endpoints).put("healthy", healthy).put("total", states.size());
    return new SectionUpdate(NAME, "Endpoint performance", metrics, details);
  }

  private Metric metric(EndpointState state, ProbeResult last, RollingLatency.Window w) {
    String name = state.endpoint().name();
    if (last == null) {
      return Metric.of(name, "pending", null, Status.NEUTRAL).withHint("not checked yet");
    }
    Status status = last.ok() ? thresholds.evaluate("latencyMs", last.latencyMs()) : Status.CRITICAL;
    String outcome = last.ok() ? "HTTP " + last.statusCode() : last.reason().wire() + ": " + last.error();
    String hint = String.format("%s · p95 %s ms · uptime %s %% over %d checks", outcome, text(w.p95()),
        text(w.successRatio() * 100), w.samples());
    return Metric.of(name, round(last.latencyMs()), "ms", status).withHint(hint);
  }

  /** One endpoint's summary: {@code {name, url, method, statusCode?, latencyMs?, ok?, reason?, error?, time?, p50, p95, p99, samples, successRatio, uptimePercent}}. */
  static JsonObject summary(EndpointState state, RollingLatency.Window w) {
    Endpoint e = state.endpoint();
    JsonObject json = new JsonObject().put("name", e.name()).put("url", SecretRedactor.redactUrl(e.url().toString()))
        .put("method", e.method().name());
    ProbeResult last = state.last();
    if (last != null) {
      json.put("statusCode", last.statusCode()).put("latencyMs", round(last.latencyMs())).put("ok", last.ok())
          .put("time", last.time().toString());
      if (last.reason() != null) {
        json.put("reason", last.reason().wire()).put("error", last.error());
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

  private static String text(double v) {
    return Double.isNaN(v) ? "n/a" : String.valueOf(round(v));
  }

  static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
