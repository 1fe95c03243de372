package dev.vigie.stress;

import dev.vigie.bus.StressBus;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One stress run, deployed on its own context (its own event loop) so that load generation never shares a loop
 * with the monitor, and undeployed when done. A plan's {@code threads} are that many {@link RunLoop}s: the first
 * on this context, the others each on another event loop of Vert.x, each with its own HttpClient, its share of the
 * connections and its own histograms. Publishes progress every second and the result on {@link StressBus#DONE},
 * both from the threads' histograms merged; answers {@link StressBus#runStop} with the partial result.
 *
 * <p>A share of a distributed run ({@link Share}) publishes neither: every second and at its end it sends its
 * coordinator what it recorded since its last report ({@link StressBus#report}), and answers
 * {@link StressBus#shareStop}.
 */
public final class StressRunVerticle extends VerticleBase {
  private static final long PROGRESS_MS = 1000;

  private final String id;
  private final StressPlan plan;
  private final long maxDurationMs;
  private final long saturationLagMs;
  private final List<RunLoop> loops = new ArrayList<>();
  private Instant startedAt;
  private long startNanos;
  private long lastProgressNanos;
  private RunTally lastProgress;
  private long progressTimer = -1;
  private int running;
  private Future<JsonObject> result;
  private final Share share;
  /** The total as of the last report sent to the coordinator (a share only). */
  private RunTally lastReported;

  /**
   * What makes a run a share of a distributed one: its number, the node it runs on, and what to call once its final
   * report is sent (on the run's context).
   */
  record Share(int index, String nodeId, Consumer<JsonObject> ended) {
  }

  public StressRunVerticle(String id, StressPlan plan, long maxDurationMs, long saturationLagMs) {
    this(id, plan, maxDurationMs, saturationLagMs, null);
  }

  StressRunVerticle(String id, StressPlan plan, long maxDurationMs, long saturationLagMs, Share share) {
    this.id = id;
    this.plan = plan;
    this.maxDurationMs = maxDurationMs;
    this.saturationLagMs = saturationLagMs;
    this.share = share;
  }

  @Override
  public Future<?> start() {
    ContextInternal own = (ContextInternal) context;
    for (ContextInternal loop : eventLoops(own)) {
      loops.add(new RunLoop(loop, own, plan, loops.size(), maxDurationMs, saturationLagMs));
    }
    MessageConsumer<JsonObject> stop = vertx.eventBus().consumer(
        share == null ? StressBus.runStop(id) : StressBus.shareStop(id, share.index()),
        msg -> finish("cancelled").onSuccess(msg::reply));
    return stop.completion().onSuccess(v -> {
      startedAt = Instant.now();
      startNanos = System.nanoTime();
      lastProgressNanos = startNanos;
      progressTimer = vertx.setPeriodic(PROGRESS_MS, t -> publishProgress());
      running = loops.size();
      for (RunLoop loop : loops) {
        loop.start(startNanos, () -> {
          if (--running == 0) {
            finish("completed");
          }
        });
      }
    });
  }

  /** This context for the first thread, then contexts on other event loops of Vert.x, one per further thread. */
  private List<ContextInternal> eventLoops(ContextInternal own) {
    List<ContextInternal> contexts = new ArrayList<>(List.of(own));
    VertxInternal vx = (VertxInternal) vertx;
    for (EventExecutor loop : vx.eventLoopGroup()) {
      if (contexts.size() < plan.threads() && loop != own.nettyEventLoop()) {
        contexts.add(vx.contextBuilder().withEventLoop((EventLoop) loop).build());
      }
    }
    while (contexts.size() < plan.threads()) {
      // Fewer event loops than threads (a small eventLoopPoolSize): threads share loops rather than the run failing.
      contexts.add(vx.createEventLoopContext());
    }
    return contexts;
  }

  private Future<RunTally> merged(List<Future<RunTally>> tallies) {
    return Future.all(tallies).map(all -> RunTally.merge(all.list(), saturationLagMs));
  }

  private void publishProgress() {
    merged(loops.stream().map(RunLoop::tally).toList()).onSuccess(total -> {
      if (result != null) {
        return;
      }
      if (share != null) {
        report(total, null);
        return;
      }
      long now = System.nanoTime();
      long completedBefore = lastProgress == null ? 0 : lastProgress.counters().completed;
      double rate = (total.counters().completed - completedBefore) / ((now - lastProgressNanos) / 1e9);
      JsonObject interval = total.latency().since(lastProgress == null ? null : lastProgress.latency());
      lastProgressNanos = now;
      lastProgress = total;
      vertx.eventBus().publish(StressBus.PROGRESS,
          RunResult.progress(id, plan, now - startNanos, rate, interval, total));
    });
  }

  /** Ends the run once; later calls return the same result. */
  private Future<JsonObject> finish(String state) {
    if (result == null) {
      long elapsedNanos = System.nanoTime() - startNanos;
      vertx.cancelTimer(progressTimer);
      result = merged(loops.stream().map(RunLoop::stop).toList()).map(total -> {
        if (share != null) {
          JsonObject last = report(total, state);
          share.ended().accept(last);
          return last;
        }
        JsonObject json = RunResult.result(id, plan, state, startedAt, elapsedNanos, total);
        vertx.eventBus().publish(StressBus.DONE, json);
        return json;
      });
    }
    return result;
  }

  /**
   * Sends the coordinator what this share recorded since its last report, with its running counts; {@code state}
   * (its end state) only in the last report.
   */
  private JsonObject report(RunTally total, String state) {
    JsonObject report = new JsonObject().put("id", id).put("share", share.index()).put("nodeId", share.nodeId())
        .put("last", state != null).put("counters", total.counters().toJson())
        .put("latency", total.latency().encodeSince(lastReported == null ? null : lastReported.latency()))
        .put("generator", total.health().encodeSince(lastReported == null ? null : lastReported.health()));
    if (state != null) {
      report.put("state", state);
    }
    lastReported = total;
    vertx.eventBus().send(StressBus.report(id), report);
    return report;
  }

  /**
   * Undeployed mid-run (Vigie closing): the run ends as a cancel does, and its partial result is published for the
   * stress area to keep, before the client goes.
   */
  @Override
  public Future<?> stop() {
    if (startedAt != null) {
      return finish("cancelled");
    }
    vertx.cancelTimer(progressTimer);
    return Future.all(loops.stream().map(RunLoop::stop).toList());
  }
}
