package dev.vigie.stress;

import static net.logstash.logback.argument.StructuredArguments.entries;

import dev.vigie.bus.Activity;
import dev.vigie.bus.ClusterBus;
import dev.vigie.bus.Failures;
import dev.vigie.bus.HealthBus;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.Refusal;
import dev.vigie.bus.StressBus;
import dev.vigie.bus.Thresholds;
import dev.vigie.meters.AreaMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stress area: checks requested runs against the allowlist and the ceilings, allows one run per target machine
 * and {@code stress.maxConcurrentRuns} in all ({@link ActiveRuns}), deploys each run as its own {@link StressRunVerticle}, keeps the history and publishes the "stress" section.
 *
 * <p>In a cluster, a plan of {@code generators: K} is coordinated by the node that received it: it picks K live
 * members running the stress area (itself first, {@link DistributedRun#pickNodes}), starts a share on each
 * ({@link StressBus#share}), merges their reports into one result and loses a share whose node leaves the cluster
 * ({@link ClusterBus#MEMBERSHIP}) or stops reporting ({@code stress.generatorTimeoutMs}).
 */
public final class StressVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger("stress");
  /** How long a stop waits for the runs it cut to hand in their partial results. */
  private static final long RUNS_END_TIMEOUT_MS = 2000;
  /** How often a coordinator publishes a distributed run's progress and looks for silent generators. */
  private static final long DISTRIBUTED_TICK_MS = 1000;
  /** How long a coordinator waits for a cut share's last report (within the stop's own bound). */
  private static final long SHARE_STOP_TIMEOUT_MS = 1500;

  private StressSettings settings;
  private Allowlist allowlist;
  private StressHistory history;
  private StressSection section;
  private final ActiveRuns active = new ActiveRuns();
  private final AreaMeters meters = new AreaMeters();
  /** Finished runs by state, registered as each state first occurs. */
  private final Map<String, Counter> runsByState = new HashMap<>();
  private Activity activity;
  /** Set once undeploying: no new run starts, and the runs under way end as cancelled. */
  private boolean stopping;
  /** This node's id in the cluster; null when Vigie runs alone (a run then has one generator). */
  private String nodeId;

  @Override
  public Future<?> start() {
    try {
      settings = StressSettings.from(config());
      section = new StressSection(Thresholds.from(config()));
    } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
      return Future.failedFuture(new IllegalArgumentException("stress configuration: " + e.getMessage(), e));
    }
    activity = new Activity(vertx.eventBus(), "stress");
    try {
      allowlist = Allowlist.of(settings);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    if (!settings.defaultTarget().isEmpty()) {
      try {
        StressPlan.from(new JsonObject().put("requests", 1).put("spacingMs", 1), settings, allowlist);
      } catch (Refusal e) {
        return Future.failedFuture(new IllegalArgumentException("stress.defaultTarget: " + e.getMessage()));
      }
    }
    history = new StressHistory(vertx, Path.of(settings.dataDir(), "stress"), settings.historySize());
    // Local: in a cluster each node answers for its own runs, and the node asked to start one coordinates it.
    List<MessageConsumer<?>> consumers = new ArrayList<>(List.of(
        vertx.eventBus().<JsonObject>localConsumer(StressBus.START, this::onStart),
        vertx.eventBus().<JsonObject>localConsumer(StressBus.GET, this::onGet),
        vertx.eventBus().localConsumer(StressBus.LIST, this::onList),
        vertx.eventBus().<JsonObject>localConsumer(StressBus.STOP, this::onStop),
        vertx.eventBus().<JsonObject>localConsumer(StressBus.HGRM, this::onHgrm),
        vertx.eventBus().<JsonObject>localConsumer(StressBus.DONE, msg -> finished(msg.body())),
        vertx.eventBus().<JsonObject>localConsumer(StressBus.PROGRESS, this::onProgress),
        HealthBus.answerPings(vertx.eventBus(), "stress")));
    if (vertx.isClustered()) {
      nodeId = ((VertxInternal) vertx).clusterManager().getNodeId();
      consumers.add(vertx.eventBus().<JsonObject>consumer(StressBus.share(nodeId), this::onShare));
      consumers.add(vertx.eventBus().<JsonObject>localConsumer(ClusterBus.MEMBERSHIP, msg -> onMembership(msg.body())));
    }
    List<Future<?>> ready = new ArrayList<>(consumers.stream().map(MessageConsumer::completion).toList());
    ready.add(history.load());
    return Future.all(ready).onSuccess(v -> publishSection());
  }

  private void onStart(Message<JsonObject> msg) {
    if (stopping) {
      Failures.fail(msg, Failures.UNAVAILABLE, "SHUTTING_DOWN", "Vigie is shutting down: no new stress run starts");
      return;
    }
    JsonObject body = msg.body() == null ? new JsonObject() : msg.body();
    StressPlan plan;
    int generators;
    try {
      plan = StressPlan.from(body, settings, allowlist);
      generators = StressPlan.generators(body, plan);
      if (generators > 1 && nodeId == null) {
        throw Refusal.badField("generators", generators + " generators need a cluster (--cluster): a Vigie alone is "
            + "one generator (use threads to load more of its cores)");
      }
    } catch (Refusal e) {
      e.failReply(msg);
      return;
    }
    // The lock is per machine, whatever name reaches it: resolve off the event loop, admit back on it.
    vertx.executeBlocking(() -> TargetMachine.resolve(plan.target().getHost()), false).onComplete(resolved -> {
      if (resolved.failed()) {
        Refusal.badField("target", plan.target().getHost() + " does not resolve: " + resolved.cause().getMessage())
            .failReply(msg);
        return;
      }
      try {
        ActiveRun run = active.admit(plan, resolved.result(), settings.maxConcurrentRuns());
        if (generators == 1) {
          launch(msg, plan, run);
        } else {
          distribute(msg, body, run, generators);
        }
      } catch (Refusal e) {
        e.failReply(msg);
      }
    });
  }

  private void launch(Message<JsonObject> msg, StressPlan plan, ActiveRun run) {
    String id = run.id;
    vertx.deployVerticle(new StressRunVerticle(id, plan, settings.maxDurationMs(), settings.saturationLagMs()))
        .onSuccess(deploymentId -> {
          if (active.contains(id)) {
            run.deploymentId = deploymentId;
          } else {
            vertx.undeploy(deploymentId);
          }
          LOG.info("stress_started", entries(Map.of("id", id, "plan", plan.toJson().encode())));
          activity.info("Stress run " + id + " started: " + plan.describe());
          publishSection();
          msg.reply(run.toJson());
        })
        .onFailure(e -> {
          active.remove(id);
          Failures.fail(msg, Failures.INTERNAL, "RUN_FAILED", "the run could not start: " + e.getMessage());
        });
  }

  /**
   * Coordinates a run over {@code k} generators: picks them among the live members, registers where they report,
   * starts every share (this node's own as a child verticle) and answers once all have started; when one refuses,
   * stops those already started and answers its refusal, naming the node.
   */
  private void distribute(Message<JsonObject> msg, JsonObject body, ActiveRun run, int k) {
    vertx.eventBus().<JsonObject>request(ClusterBus.MEMBERS, new JsonObject()).onComplete(view -> {
      List<String> nodes;
      try {
        if (view.failed()) {
          throw new Refusal(Failures.UNAVAILABLE, "NO_CLUSTER_VIEW", "generators",
              "generators: the cluster area did not say who the members are (" + view.cause().getMessage() + ")");
        }
        nodes = DistributedRun.pickNodes(nodeId, view.result().body(), run.id, k);
      } catch (Refusal e) {
        active.remove(run.id);
        e.failReply(msg);
        return;
      }
      DistributedRun distributed = new DistributedRun(run.plan, nodes, settings.saturationLagMs(), System.nanoTime());
      run.distributed = distributed;
      run.reports = vertx.eventBus().<JsonObject>consumer(StressBus.report(run.id), m -> onReport(run, m.body()));
      run.reports.completion().compose(v -> {
        List<Future<?>> starting = new ArrayList<>();
        for (DistributedRun.Share share : distributed.shares()) {
          starting.add(share.nodeId.equals(nodeId)
              ? deployShare(run.id, share.plan, share.index, () -> { })
                  .onSuccess(deploymentId -> run.deploymentId = deploymentId)
              // The target as resolved here: a plan without one must not take each generator's own default.
              : requestShare(share.nodeId, run.id, share.index, k, body.copy().put("target", run.plan.target().toString())));
        }
        return Future.join(starting);
      }).onComplete(started -> {
        if (started.succeeded() && active.get(run.id) == run) {
          run.startNanos = System.nanoTime();
          run.lastProgressNanos = run.startNanos;
          distributed.started(run.startNanos);
          run.timer = vertx.setPeriodic(DISTRIBUTED_TICK_MS, t -> tick(run));
          LOG.info("stress_started", entries(Map.of("id", run.id, "plan", run.plan.toJson().encode(), "generators", nodes)));
          activity.info("Stress run " + run.id + " started on " + k + " generators (" + String.join(", ", nodes) + "): "
              + run.plan.describe());
          publishSection();
          msg.reply(run.toJson());
          return;
        }
        distributed.cancel();
        distributed.running().forEach(share -> stopShare(run.id, share.index));
        distributed.giveUp("the run did not start");
        run.reports.unregister();
        active.remove(run.id);
        if (run.deploymentId != null) {
          vertx.undeploy(run.deploymentId);
        }
        JsonObject failure = Failures.bodyOf(started.failed() ? started.cause() : new IllegalStateException("stopped"));
        msg.fail(started.failed() ? Failures.statusOf(started.cause()) : Failures.UNAVAILABLE, failure.encode());
      });
    });
  }

  /** Asks {@code node} to start its share; a refusal comes back naming the node. */
  private Future<?> requestShare(String node, String id, int index, int of, JsonObject plan) {
    JsonObject ask = new JsonObject().put("id", id).put("coordinator", nodeId).put("share", index).put("of", of)
        .put("plan", plan);
    return vertx.eventBus().request(StressBus.share(node), ask, new DeliveryOptions().setSendTimeout(10_000))
        .recover(e -> {
          JsonObject body = Failures.bodyOf(e);
          body.put("message", "generator " + node + ": " + body.getString("message"));
          return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, Failures.statusOf(e),
              body.encode()));
        });
  }

  /** A share of run {@code id} on this node, reporting to its coordinator; {@code ended} runs here once it has ended. */
  private Future<String> deployShare(String id, StressPlan share, int index, Runnable ended) {
    Context area = context;
    return vertx.deployVerticle(new StressRunVerticle(id, share, settings.maxDurationMs(), settings.saturationLagMs(),
        new StressRunVerticle.Share(index, nodeId, last -> area.runOnContext(v -> ended.run()))));
  }

  private void stopShare(String id, int index) {
    vertx.eventBus().request(StressBus.shareStop(id, index), null,
        new DeliveryOptions().setSendTimeout(SHARE_STOP_TIMEOUT_MS)).onFailure(e -> { });
  }

  /** A generator's report: added to its share; the run ends once every share has ended or been lost. */
  private void onReport(ActiveRun run, JsonObject report) {
    if (active.get(run.id) != run || run.result.future().isComplete()) {
      return;
    }
    boolean ownShareCut = nodeId.equals(report.getString("nodeId")) && report.getBoolean("last", false)
        && !"completed".equals(report.getString("state"));
    if (ownShareCut) {
      // This node's own share was cut (Vigie closing undeploys it first): the run is cancelled, as a local one would be.
      run.distributed.cancel();
    }
    try {
      run.distributed.report(report, System.nanoTime());
    } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
      LOG.warn("stress_report_refused", entries(Map.of("id", run.id, "reason", String.valueOf(e.getMessage()))));
      return;
    }
    if (ownShareCut) {
      cancelDistributed(run);
    } else if (run.distributed.settled() && run.startNanos > 0) {
      finishDistributed(run);
    }
  }

  /** Once a second: loses silent generators, then publishes the merged progress (or the result, once settled). */
  private void tick(ActiveRun run) {
    DistributedRun distributed = run.distributed;
    long now = System.nanoTime();
    lost(run, distributed.overdue(now, TimeUnit.MILLISECONDS.toNanos(settings.generatorTimeoutMs())));
    if (distributed.settled()) {
      finishDistributed(run);
      return;
    }
    RunTally total = distributed.tally();
    long completedBefore = run.lastProgress == null ? 0 : run.lastProgress.counters().completed;
    double rate = (total.counters().completed - completedBefore) / ((now - run.lastProgressNanos) / 1e9);
    JsonObject interval = total.latency().since(run.lastProgress == null ? null : run.lastProgress.latency());
    run.lastProgress = total;
    run.lastProgressNanos = now;
    vertx.eventBus().publish(StressBus.PROGRESS, RunResult.progress(run.id, run.plan, now - run.startNanos, rate,
        interval, total).put("generators", distributed.generatorsJson(false)));
  }

  /** Logs the shares just lost and stops them, in case their node is alive but cut off or slow. */
  private void lost(ActiveRun run, List<DistributedRun.Share> shares) {
    for (DistributedRun.Share share : shares) {
      LOG.warn("stress_generator_lost", entries(Map.of("id", run.id, "share", share.index, "nodeId", share.nodeId,
          "reason", share.outcome)));
      activity.warning("Stress run " + run.id + ": generator " + share.nodeId + " lost (" + share.outcome
          + "); the run will be partial");
      stopShare(run.id, share.index);
    }
  }

  /** Stops every share of a distributed run; the result comes once each has handed in its figures, or after a bound. */
  private Future<JsonObject> cancelDistributed(ActiveRun run) {
    DistributedRun distributed = run.distributed;
    if (!run.result.future().isComplete()) {
      distributed.cancel();
      distributed.running().forEach(share -> stopShare(run.id, share.index));
      vertx.setTimer(SHARE_STOP_TIMEOUT_MS, t -> {
        distributed.giveUp("it did not hand in its figures within " + SHARE_STOP_TIMEOUT_MS + " ms of the stop");
        finishDistributed(run);
      });
      if (distributed.settled()) {
        finishDistributed(run);
      }
    }
    return run.result.future();
  }

  /** The merged result of a distributed run, once: published, kept, and answered to a stop waiting for it. */
  private void finishDistributed(ActiveRun run) {
    if (run.result.future().isComplete()) {
      return;
    }
    DistributedRun distributed = run.distributed;
    vertx.cancelTimer(run.timer);
    run.reports.unregister();
    long elapsed = run.startNanos == 0 ? 0 : System.nanoTime() - run.startNanos;
    JsonObject result = RunResult.result(run.id, run.plan, distributed.state(), run.startedAt, elapsed,
        distributed.tally());
    result.getJsonObject("plan").put("generators", distributed.shares().size());
    result.put("generators", distributed.generatorsJson(true));
    if (!distributed.lostJson().isEmpty()) {
      result.put("lost", distributed.lostJson());
      distributed.lostReasons().forEach(result.getJsonObject("verdict").getJsonArray("reasons")::add);
    }
    run.result.complete(result);
    vertx.eventBus().publish(StressBus.DONE, result);
  }

  /**
   * A coordinator asks this node for a share of its run: checked against this node's own allowlist and ceilings, and
   * admitted as any run here (the target machine's lock, a run slot), under the run's id.
   */
  private void onShare(Message<JsonObject> msg) {
    if (stopping) {
      Failures.fail(msg, Failures.UNAVAILABLE, "SHUTTING_DOWN", "Vigie is shutting down: no new stress run starts");
      return;
    }
    JsonObject ask = msg.body();
    String id;
    String coordinator;
    int index;
    StressPlan share;
    try {
      id = ask.getString("id");
      coordinator = ask.getString("coordinator");
      index = ask.getInteger("share");
      int of = ask.getInteger("of");
      StressPlan plan = StressPlan.from(ask.getJsonObject("plan"), settings, allowlist);
      if (id == null || coordinator == null || StressPlan.generators(ask.getJsonObject("plan"), plan) != of
          || index < 1 || index >= of) {
        throw Refusal.badField("share", "share " + index + " of " + of + " does not fit the plan");
      }
      share = plan.share(index, of);
    } catch (Refusal e) {
      e.failReply(msg);
      return;
    } catch (ClassCastException | NullPointerException e) {
      Refusal.badField("share", "must be {id, coordinator, share, of, plan}").failReply(msg);
      return;
    }
    vertx.executeBlocking(() -> TargetMachine.resolve(share.target().getHost()), false).onComplete(resolved -> {
      ActiveRun run;
      try {
        if (resolved.failed()) {
          throw Refusal.badField("target", share.target().getHost() + " does not resolve: " + resolved.cause().getMessage());
        }
        run = active.admit(id, share, resolved.result(), settings.maxConcurrentRuns());
      } catch (Refusal e) {
        e.failReply(msg);
        return;
      }
      run.coordinator = coordinator;
      run.share = index;
      deployShare(id, share, index, () -> shareEnded(run)).onSuccess(deploymentId -> {
        run.deploymentId = deploymentId;
        activity.info("Stress run " + id + ": share " + (index + 1) + " started for " + coordinator + ": " + share.describe());
        publishSection();
        msg.reply(new JsonObject().put("id", id).put("share", index).put("nodeId", nodeId));
      }).onFailure(e -> {
        active.remove(id);
        Failures.fail(msg, Failures.INTERNAL, "RUN_FAILED", "the share could not start: " + e.getMessage());
      });
    });
  }

  /** A share run here for another node has ended: its lock and slot are free, its figures went to the coordinator. */
  private void shareEnded(ActiveRun run) {
    if (active.get(run.id) != run) {
      return;
    }
    active.remove(run.id);
    if (run.deploymentId != null && !stopping) {
      vertx.undeploy(run.deploymentId);
    }
    run.ended.tryComplete();
    publishSection();
  }

  /** Who is in now: the distributed runs coordinated here lose the shares of members gone; shares whose coordinator left stop. */
  private void onMembership(JsonObject membership) {
    Set<String> members = new HashSet<>();
    membership.getJsonArray("members", new JsonArray()).forEach(m -> members.add(String.valueOf(m)));
    for (ActiveRun run : active.all()) {
      if (run.distributed != null && !run.result.future().isComplete()) {
        lost(run, run.distributed.membersNow(members));
        if (run.distributed.settled() && run.startNanos > 0) {
          finishDistributed(run);
        }
      } else if (run.coordinator != null && !members.contains(run.coordinator)) {
        LOG.warn("stress_coordinator_lost", entries(Map.of("id", run.id, "coordinator", run.coordinator)));
        stopShare(run.id, run.share);
      }
    }
  }

  private void onProgress(Message<JsonObject> msg) {
    ActiveRun run = active.get(msg.body().getString("id"));
    if (run != null) {
      run.progress = msg.body();
    }
  }

  private void onGet(Message<JsonObject> msg) {
    String id = idOf(msg);
    ActiveRun run = active.get(id);
    if (run != null) {
      msg.reply(run.toJson());
      return;
    }
    history.get(id).ifPresentOrElse(r -> msg.reply(withoutHgrm(r)), () -> notFound(msg, id));
  }

  private void onList(Message<Object> msg) {
    JsonArray runs = new JsonArray();
    history.newestFirst().forEach(r -> runs.add(withoutHgrm(r)));
    JsonArray running = new JsonArray();
    active.toJson().forEach(running::add);
    msg.reply(new JsonObject().put("active", running).put("runs", runs));
  }

  private void onStop(Message<JsonObject> msg) {
    String id = idOf(msg);
    ActiveRun run = active.get(id);
    if (run == null) {
      history.get(id).ifPresentOrElse(r -> msg.reply(withoutHgrm(r)), () -> notFound(msg, id));
      return;
    }
    if (run.coordinator != null) {
      Failures.fail(msg, Failures.CONFLICT, "RUN_COORDINATED_ELSEWHERE", "run " + id + " is coordinated by node "
          + run.coordinator + ": stop it there (this node runs share " + (run.share + 1) + " of it)");
      return;
    }
    if (run.distributed != null) {
      cancelDistributed(run).onSuccess(result -> {
        finished(result);
        msg.reply(withoutHgrm(result));
      });
      return;
    }
    vertx.eventBus().<JsonObject>request(StressBus.runStop(id), null).onComplete(reply -> {
      if (reply.succeeded()) {
        finished(reply.result().body());
        msg.reply(withoutHgrm(reply.result().body()));
      } else {
        Failures.fail(msg, Failures.INTERNAL, "STOP_FAILED", "run " + id + " did not stop: " + reply.cause().getMessage());
      }
    });
  }

  private void onHgrm(Message<JsonObject> msg) {
    String id = idOf(msg);
    String kind = msg.body() == null ? "corrected" : msg.body().getString("kind", "corrected");
    if (!kind.equals("corrected") && !kind.equals("uncorrected")) {
      Refusal.badField("kind", "must be corrected or uncorrected, not " + kind).failReply(msg);
      return;
    }
    if (active.contains(id)) {
      Failures.fail(msg, Failures.CONFLICT, "RUN_IN_PROGRESS", "run " + id + " is still going: its distribution comes with its result");
      return;
    }
    history.get(id).ifPresentOrElse(
        r -> msg.reply(new JsonObject().put("id", id).put("kind", kind).put("hgrm", r.getJsonObject("hgrm").getString(kind))),
        () -> notFound(msg, id));
  }

  /** Takes a run's result in once, whether it came from the run itself or from a stop request. */
  private void finished(JsonObject result) {
    ActiveRun run = active.remove(result.getString("id"));
    if (run == null) {
      return;
    }
    if (run.deploymentId != null && !stopping) {
      vertx.undeploy(run.deploymentId).onFailure(e -> { });
    }
    history.add(result);
    run.ended.tryComplete();
    runsByState.computeIfAbsent(result.getString("state"),
        state -> meters.counter("vigie.stress.runs", "stress runs by outcome", Tags.of("state", state))).increment();
    JsonObject summary = StressSection.summary(result);
    LOG.info("stress_finished", entries(summary.getMap()));
    boolean pass = summary.getBoolean("pass");
    String text = String.format(Locale.ROOT,
        "Stress run %s %s: %s, %.2f %% success, mean %.1f ms, p99 %.1f ms (corrected), %.1f req/s%s",
        run.id, result.getString("state"), pass ? "pass" : "fail", summary.getDouble("successPercent"),
        summary.getDouble("meanMs"), summary.getDouble("p99Ms"), summary.getDouble("achievedPerSec"),
        summary.getBoolean("saturated") ? ", generator saturated" : "");
    if (pass && !summary.getBoolean("saturated")) {
      activity.info(text);
    } else {
      activity.warning(text);
    }
    publishSection();
  }

  private void publishSection() {
    vertx.eventBus().publish(MonitorBus.SECTION, section.build(active.toJson(), history.newestFirst()).toJson());
  }

  private static JsonObject withoutHgrm(JsonObject result) {
    JsonObject copy = result.copy();
    copy.remove("hgrm");
    return copy;
  }

  private static String idOf(Message<JsonObject> msg) {
    return msg.body() == null ? "" : msg.body().getString("id", "");
  }

  private static void notFound(Message<?> msg, String id) {
    Failures.fail(msg, Failures.NOT_FOUND, "NO_SUCH_RUN", "no stress run " + id + " (only the last runs are kept)");
  }

  /**
   * Undeploying: the runs under way are undeployed first (they are this verticle's children) and each hands in its
   * partial result as cancelled ({@link StressRunVerticle#stop}); this waits for those results, bounded, then for
   * every history write, so a run under way at shutdown is kept as a cancelled run and no write outlives the stop.
   */
  @Override
  public Future<?> stop() {
    stopping = true;
    active.all().stream().filter(run -> run.distributed != null).forEach(this::cancelDistributed);
    List<Future<Void>> ending = active.all().stream().map(run -> run.ended.future()).toList();
    return Future.join(ending).timeout(RUNS_END_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .onFailure(e -> LOG.warn("stress_runs_not_ended", entries(Map.of("runs", active.toJson().size()))))
        .transform(ignored -> {
          // After the results came in: taking one in counts it on a meter.
          meters.close();
          return history.close();
        });
  }
}
