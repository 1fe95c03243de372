package dev.vigie.stress;

import io.vertx.core.Promise;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A run in progress as the stress area knows it: its plan, its deployment once up, its latest progress. A run of
 * several generators is either coordinated here ({@link #distributed}) or is a share of one coordinated elsewhere
 * ({@link #coordinator}).
 */
final class ActiveRun {
  final String id;
  final StressPlan plan;
  final Instant startedAt = Instant.now();
  String deploymentId;
  JsonObject progress;
  /** Completed once the run's result is taken in: a stopping stress area waits for it. */
  final Promise<Void> ended = Promise.promise();
  /** The shares of a distributed run this node coordinates; null otherwise. */
  DistributedRun distributed;
  /** Where a distributed run's generators report, while it runs. */
  MessageConsumer<JsonObject> reports;
  /** A distributed run's once-a-second check and progress. */
  long timer = -1;
  long startNanos;
  RunTally lastProgress;
  long lastProgressNanos;
  /** A distributed run's result, once its shares have all ended or been lost. */
  final Promise<JsonObject> result = Promise.promise();
  /** For a share of a run coordinated by another node: that node's id, and the share's number. */
  String coordinator;
  int share;

  ActiveRun(String id, StressPlan plan) {
    this.id = id;
    this.plan = plan;
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id).put("state", "running").put("target", plan.target().toString())
        .put("plan", plan.toJson()).put("startedAt", startedAt.toString()).put("progress", progress);
    if (distributed != null) {
      json.getJsonObject("plan").put("generators", distributed.shares().size());
      json.put("generators", distributed.generatorsJson(false));
    }
    if (coordinator != null) {
      json.put("coordinator", coordinator).put("share", share);
    }
    return json;
  }
}
