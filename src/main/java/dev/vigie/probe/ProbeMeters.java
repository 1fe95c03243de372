package dev.vigie.probe;

import dev.vigie.meters.AreaMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The probe's meters on {@code /metrics} (docs/probe.md, "Meters"), per endpoint: latency as a histogram by outcome
 * ({@code vigie_probe_latency_seconds{endpoint, outcome}}), seconds spent per phase
 * ({@code vigie_probe_phase_seconds_total{endpoint, phase}}) and failures by reason
 * ({@code vigie_probe_failures_total{endpoint, reason}}). Label sets are bounded: the first
 * {@code probe.metricsEndpoints} endpoint names get a label of their own, every later one is counted under
 * {@code endpoint="_other"} (and in {@code vigie_probe_metrics_folded_endpoints}); outcomes, phases and reasons are
 * fixed lists. Called on the probe's event loop.
 */
final class ProbeMeters implements AutoCloseable {
  static final String OTHER = "_other";
  /** Latency buckets: around the seeds' thresholds (100 ms good, 500 ms critical) and up to timeouts. */
  private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

  private final AreaMeters meters;
  private final int maxEndpoints;
  private final Map<String, EndpointMeters> byName = new HashMap<>();
  private final Set<String> folded = new HashSet<>();
  private volatile int foldedCount;
  private int labelled;

  ProbeMeters(AreaMeters meters, int maxEndpoints) {
    this.meters = meters;
    this.maxEndpoints = maxEndpoints;
    meters.gauge("vigie.probe.metrics.folded.endpoints", "endpoints counted under endpoint=\"_other\" because "
        + "probe.metricsEndpoints were already labelled", this, m -> m.foldedCount);
  }

  /** {@code probe.metricsEndpoints}: 0 to 100000 (0: every endpoint under {@code _other}). */
  static int maxEndpoints(JsonObject config) {
    Object value = config.getJsonObject("probe", new JsonObject()).getValue("metricsEndpoints", 200);
    if (!(value instanceof Integer n) || n < 0 || n > 100_000) {
      throw new IllegalArgumentException("probe.metricsEndpoints must be a whole number from 0 to 100000");
    }
    return n;
  }

  void record(ProbeResult result) {
    EndpointMeters m = of(result.endpoint());
    (result.ok() ? m.ok : m.failed).record((long) (result.latencyMs() * 1_000_000), TimeUnit.NANOSECONDS);
    if (result.phases() != null) {
      for (Phase phase : Phase.values()) {
        float ms = result.phases().ms(phase);
        if (!Float.isNaN(ms)) {
          m.phases.get(phase).increment(ms / 1000.0);
        }
      }
    }
    if (result.reason() != null) {
      m.reasons.computeIfAbsent(result.reason(), r -> meters.counter("vigie.probe.failures",
          "failed endpoint checks by reason", Tags.of("endpoint", m.label, "reason", r.wire()))).increment();
    }
  }

  private EndpointMeters of(String name) {
    EndpointMeters m = byName.get(name);
    if (m != null) {
      return m;
    }
    if (labelled < maxEndpoints && !name.equals(OTHER)) {
      m = new EndpointMeters(name);
      byName.put(name, m);
      labelled++;
      return m;
    }
    if (folded.add(name)) {
      foldedCount = folded.size();
    }
    return byName.computeIfAbsent(OTHER, EndpointMeters::new);
  }

  @Override
  public void close() {
    meters.close();
  }

  /** One label's meters; failure counters are made on the first failure of each reason. */
  private final class EndpointMeters {
    final String label;
    final Timer ok;
    final Timer failed;
    final Map<Phase, Counter> phases = new EnumMap<>(Phase.class);
    final Map<FailureReason, Counter> reasons = new EnumMap<>(FailureReason.class);

    EndpointMeters(String label) {
      this.label = label;
      ok = latency("ok");
      failed = latency("failed");
      for (Phase phase : Phase.values()) {
        phases.put(phase, meters.counter("vigie.probe.phase", "time endpoint checks spent in each phase", "seconds",
            Tags.of("endpoint", label, "phase", phase.wire())));
      }
    }

    private Timer latency(String outcome) {
      return meters.timer("vigie.probe.latency", "endpoint check latency (name lookup to the body's end)",
          Tags.of("endpoint", label, "outcome", outcome), BUCKETS);
    }
  }
}
