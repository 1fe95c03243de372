package dev.vigie.stress;

import dev.vigie.bus.Metric;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import dev.vigie.bus.Thresholds;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The monitor's "stress" section: the last run's figures as metrics, active runs and history as details. */
final class StressSection {
  static final String NAME = "stress";

  private final Thresholds thresholds;

  StressSection(Thresholds thresholds) {
    this.thresholds = thresholds;
  }

  SectionUpdate build(Collection<JsonObject> active, List<JsonObject> newestFirst) {
    List<Metric> metrics = new ArrayList<>();
    metrics.add(Metric.of("Active runs", active.size(), null, Status.NEUTRAL));
    JsonObject last = newestFirst.isEmpty() ? null : newestFirst.get(0);
    if (last == null) {
      metrics.add(Metric.of("Last run", "none yet", null, Status.NEUTRAL));
    } else {
      boolean pass = last.getJsonObject("verdict").getBoolean("pass");
      JsonObject corrected = last.getJsonObject("latencyMs").getJsonObject("corrected");
      JsonObject generator = last.getJsonObject("generator");
      double success = last.getDouble("successPercent");
      metrics.add(Metric.of("Last run", pass ? "pass" : "fail", null, pass ? Status.GOOD : Status.CRITICAL)
          .withHint(last.getString("state") + " " + last.getJsonObject("plan").getString("plan") + " run on " + last.getString("target")));
      metrics.add(Metric.of("Success rate", success, "%", thresholds.evaluate("errorRatePercent", 100 - success)));
      metrics.add(Metric.of("Mean latency", corrected.getDouble("mean"), "ms", thresholds.evaluate("latencyMs", corrected.getDouble("mean")))
          .withHint("from the intended send time (corrected for coordinated omission)"));
      metrics.add(Metric.of("p99 latency", corrected.getDouble("p99"), "ms", thresholds.evaluate("latencyMs", corrected.getDouble("p99"))));
      metrics.add(Metric.of("Throughput", last.getJsonObject("throughput").getDouble("achievedPerSec"), "req/s", Status.NEUTRAL));
      boolean saturated = generator.getBoolean("saturated");
      metrics.add(Metric.of("Generator", saturated ? "saturated" : "kept up", null, saturated ? Status.WARNING : Status.GOOD)
          .withHint(saturated ? generator.getString("reason") : "the load went out on schedule"));
    }
    JsonArray history = new JsonArray();
    newestFirst.forEach(r -> history.add(summary(r)));
    JsonObject details = new JsonObject().put("active", new JsonArray(new ArrayList<>(active)))
        .put("last", last == null ? null : summary(last)).put("history", history);
    return new SectionUpdate(NAME, "Stress test", List.copyOf(metrics), details);
  }

  /** A finished run in one line of JSON; {@code generators}: the nodes it was shared over (1 for a run on one node). */
  static JsonObject summary(JsonObject r) {
    JsonObject corrected = r.getJsonObject("latencyMs").getJsonObject("corrected");
    JsonObject uncorrected = r.getJsonObject("latencyMs").getJsonObject("uncorrected");
    return new JsonObject().put("id", r.getString("id")).put("state", r.getString("state"))
        .put("plan", r.getJsonObject("plan").getString("plan"))
        .put("generators", r.getJsonObject("plan").getInteger("generators", 1)).put("target", r.getString("target"))
        .put("startedAt", r.getString("startedAt")).put("durationMs", r.getLong("durationMs"))
        .put("pass", r.getJsonObject("verdict").getBoolean("pass"))
        .put("successPercent", r.getDouble("successPercent"))
        .put("meanMs", corrected.getDouble("mean")).put("p99Ms", corrected.getDouble("p99"))
        .put("uncorrectedP99Ms", uncorrected.getDouble("p99"))
        .put("achievedPerSec", r.getJsonObject("throughput").getDouble("achievedPerSec"))
        .put("saturated", r.getJsonObject("generator").getBoolean("saturated"));
  }
}
