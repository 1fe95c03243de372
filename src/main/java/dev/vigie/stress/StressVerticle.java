package dev.vigie.stress;

import static net.logstash.logback.argument.StructuredArguments.entries;

import dev.vigie.bus.Activity;
import dev.vigie.bus.Failures;
import dev.vigie.bus.HealthBus;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.Refusal;
import dev.vigie.bus.StressBus;
import dev.vigie.bus.Thresholds;
import dev.vigie.meters.AreaMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stress area: checks requested runs against the allowlist and the ceilings, allows one run per target machine
 * and {@code stress.maxConcurrentRuns} in all ({@link ActiveRuns}), deploys each run as its own {@link StressRunVerticle}, keeps the history and publishes the "stress" section.
 */
public final class StressVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger("stress");
  /** How long a stop waits for the runs it cut to hand in their partial results. */
  private static final long RUNS_END_TIMEOUT_MS = 2000;

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
    List<MessageConsumer<?>> consumers = List.of(
        vertx.eventBus().<JsonObject>consumer(StressBus.START, this::onStart),
        vertx.eventBus().<JsonObject>consumer(StressBus.GET, this::onGet),
        vertx.eventBus().consumer(StressBus.LIST, this::onList),
        vertx.eventBus().<JsonObject>consumer(StressBus.STOP, this::onStop),
        vertx.eventBus().<JsonObject>consumer(StressBus.HGRM, this::onHgrm),
        vertx.eventBus().<JsonObject>consumer(StressBus.DONE, msg -> finished(msg.body())),
        vertx.eventBus().<JsonObject>consumer(StressBus.PROGRESS, this::onProgress),
        HealthBus.answerPings(vertx.eventBus(), "stress"));
    List<Future<?>> ready = new ArrayList<>(consumers.stream().map(MessageConsumer::completion).toList());
    ready.add(history.load());
    return Future.all(ready).onSuccess(v -> publishSection());
  }

  private void onStart(Message<JsonObject> msg) {
    if (stopping) {
      Failures.fail(msg, Failures.UNAVAILABLE, "SHUTTING_DOWN", "Vigie is shutting down: no new stress run starts");
      return;
    }
    StressPlan plan;
    try {
      plan = StressPlan.from(msg.body() == null ? new JsonObject() : msg.body(), settings, allowlist);
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
        launch(msg, plan, active.admit(plan, resolved.result(), settings.maxConcurrentRuns()));
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
    if (!active.contains(id)) {
      history.get(id).ifPresentOrElse(r -> msg.reply(withoutHgrm(r)), () -> notFound(msg, id));
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
      vertx.undeploy(run.deploymentId);
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
