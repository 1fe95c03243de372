package dev.vigie.stress;

import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** A run in progress as the stress area knows it: its plan, its deployment once up, its latest progress. */
final class ActiveRun {
  final String id;
  final StressPlan plan;
  final Instant startedAt = Instant.now();
  String deploymentId;
  JsonObject progress;
  /** Completed once the run's result is taken in: a stopping stress area waits for it. */
  final Promise<Void> ended = Promise.promise();

  ActiveRun(String id, StressPlan plan) {
    this.id = id;
    this.plan = plan;
  }

  JsonObject toJson() {
    return new JsonObject().put("id", id).put("state", "running").put("target", plan.target().toString())
        .put("plan", plan.toJson()).put("startedAt", startedAt.toString()).put("progress", progress);
  }
}
