package dev.vigie.stress;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** Builds a run's result and progress messages from its recorders (shapes in docs/stress.md). */
final class RunResult {
  private RunResult() {
  }

  static JsonObject result(String id, StressPlan plan, String state, Instant startedAt, long elapsedNanos,
      RunTally total) {
    RunCounters counters = total.counters();
    LatencyRecorder latency = total.latency();
    GeneratorHealth health = total.health();
    double seconds = elapsedNanos / 1e9;
    double successPercent = counters.completed == 0 ? 0 : LatencyRecorder.round(counters.ok * 100.0 / counters.completed);
    JsonObject throughput = new JsonObject()
        .put("achievedPerSec", seconds <= 0 ? 0 : LatencyRecorder.round(counters.completed / seconds));
    if (!Double.isNaN(plan.plannedRate())) {
      throughput.put("plannedPerSec", LatencyRecorder.round(plan.plannedRate()));
    }
    JsonObject verdict = plan.pass().verdict(counters.completed, successPercent, latency.meanMs(), latency.p99Ms());
    if (!state.equals("completed")) {
      verdict.put("pass", false);
      if (!state.equals("partial")) {
        // A partial run's reasons name its lost generators (DistributedRun#lostReasons).
        verdict.getJsonArray("reasons").add("the run was " + state + " before the end of its plan");
      }
    }
    return new JsonObject()
        .put("id", id)
        .put("state", state)
        .put("target", plan.target().toString())
        .put("plan", plan.toJson())
        .put("startedAt", startedAt.toString())
        .put("endedAt", Instant.now().toString())
        .put("durationMs", elapsedNanos / 1_000_000)
        .put("sent", counters.sent)
        .put("completed", counters.completed)
        .put("ok", counters.ok)
        .put("aborted", counters.aborted)
        .put("successPercent", successPercent)
        .put("errors", counters.errorsJson())
        .put("statusCodes", counters.statusCodesJson())
        .put("throughput", throughput)
        .put("latencyMs", new JsonObject().put("corrected", latency.summary(true)).put("uncorrected", latency.summary(false)))
        .put("generator", health.toJson())
        .put("verdict", verdict)
        .put("hgrm", new JsonObject().put("corrected", latency.hgrm(true)).put("uncorrected", latency.hgrm(false)));
  }

  /** @param interval the latency since the previous progress ({@link LatencyRecorder#since}) */
  static JsonObject progress(String id, StressPlan plan, long elapsedNanos, double ratePerSec, JsonObject interval,
      RunTally total) {
    RunCounters counters = total.counters();
    return new JsonObject()
        .put("id", id)
        .put("target", plan.target().toString())
        .put("plan", plan.kind().wire())
        .put("elapsedMs", elapsedNanos / 1_000_000)
        .put("sent", counters.sent)
        .put("completed", counters.completed)
        .put("ok", counters.ok)
        .put("inFlight", counters.inFlight)
        .put("errors", counters.errorsJson())
        .put("statusCodes", counters.statusCodesJson())
        .put("ratePerSec", LatencyRecorder.round(ratePerSec))
        .put("interval", interval)
        .put("total", total.latency().soFar())
        .put("lagMaxMs", total.health().lagMaxMs());
  }
}
