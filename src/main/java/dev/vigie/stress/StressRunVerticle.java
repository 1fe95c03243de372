package dev.vigie.stress;

import dev.vigie.bus.StressBus;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One stress run, deployed on its own context (its own event loop) so that load generation never shares a loop
 * with the monitor, and undeployed when done. Owns the run's HttpClient, whose pool is sized to the plan. Publishes
 * progress every second and the result on {@link StressBus#DONE}; answers {@link StressBus#runStop} at once with the
 * partial result.
 */
public final class StressRunVerticle extends VerticleBase {
  private static final long PROGRESS_MS = 1000;

  private final String id;
  private final StressPlan plan;
  private final long maxDurationMs;
  private final LatencyRecorder latency = new LatencyRecorder();
  private final RunCounters counters = new RunCounters();
  private final GeneratorHealth health;
  private HttpClient client;
  private RequestSender sender;
  private Load load;
  private Instant startedAt;
  private long startNanos;
  private long lastProgressNanos;
  private long progressTimer = -1;
  private JsonObject result;

  public StressRunVerticle(String id, StressPlan plan, long maxDurationMs, long saturationLagMs) {
    this.id = id;
    this.plan = plan;
    this.maxDurationMs = maxDurationMs;
    this.health = new GeneratorHealth(saturationLagMs);
  }

  @Override
  public Future<?> start() {
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(plan.connections()));
    sender = new RequestSender(client, plan.target(), plan.timeoutMs(), latency, health, counters);
    load = switch (plan.kind()) {
      case SEQUENTIAL, OPEN -> new ScheduledLoad(vertx, sender, health, counters, plan.requests(), plan.rate());
      case CLOSED -> new ClosedLoad(sender, counters, plan.connections(), plan.requests(),
          plan.durationMs() > 0 ? plan.durationMs() : maxDurationMs);
    };
    MessageConsumer<JsonObject> stop = vertx.eventBus().consumer(StressBus.runStop(id), msg -> msg.reply(finish("cancelled")));
    return stop.completion().onSuccess(v -> {
      startedAt = Instant.now();
      startNanos = System.nanoTime();
      lastProgressNanos = startNanos;
      progressTimer = vertx.setPeriodic(PROGRESS_MS, t -> publishProgress());
      load.start(() -> finish("completed"));
    });
  }

  private void publishProgress() {
    long now = System.nanoTime();
    double rate = counters.takeIntervalCompleted() / ((now - lastProgressNanos) / 1e9);
    lastProgressNanos = now;
    vertx.eventBus().publish(StressBus.PROGRESS, RunResult.progress(id, plan, now - startNanos, rate, counters, latency, health));
  }

  /** Ends the run once; later calls return the same result. */
  private JsonObject finish(String state) {
    if (result != null) {
      return result;
    }
    load.stop();
    sender.stop();
    vertx.cancelTimer(progressTimer);
    result = RunResult.result(id, plan, state, startedAt, System.nanoTime() - startNanos, counters, latency, health);
    vertx.eventBus().publish(StressBus.DONE, result);
    client.close();
    return result;
  }

  /**
   * Undeployed mid-run (Vigie closing): the run ends as a cancel does, and its partial result is published for the
   * stress area to keep, before the client goes.
   */
  @Override
  public Future<?> stop() {
    if (load != null && startedAt != null) {
      finish("cancelled");
    } else {
      vertx.cancelTimer(progressTimer);
    }
    return client == null ? Future.succeededFuture() : client.close();
  }
}
