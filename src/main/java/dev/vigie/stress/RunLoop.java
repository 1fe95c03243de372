package dev.vigie.stress;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;

/**
 * One generator thread of a run (as one thread of {@code wrk -tN}): its own event loop, its own clients holding
 * its share of the connections, its share of the plan, and its own counters and histograms. Everything it owns is
 * touched on its own context only; the run reads it through {@link RunTally} copies handed back to the run's context.
 */
final class RunLoop {
  private final ContextInternal context;
  private final ContextInternal runContext;
  private final StressPlan plan;
  private final int index;
  private final long maxDurationMs;
  private final RunCounters counters = new RunCounters();
  private final LatencyRecorder latency = new LatencyRecorder();
  private final GeneratorHealth health;
  private HttpClientAgent client;
  private NetClient plainClient;
  private RequestSender sender;
  private Load load;
  private Future<RunTally> stopped;

  /**
   * @param context the event loop this thread sends on
   * @param runContext the run's context, where tallies and the end of this thread's share are handed back
   * @param index this thread's number, 0 to {@code plan.threads() - 1}
   */
  RunLoop(ContextInternal context, ContextInternal runContext, StressPlan plan, int index, long maxDurationMs,
      long saturationLagMs) {
    this.context = context;
    this.runContext = runContext;
    this.plan = plan;
    this.index = index;
    this.maxDurationMs = maxDurationMs;
    this.health = new GeneratorHealth(saturationLagMs);
  }

  /** This thread's part of {@code total} shared out as evenly as can be over the run's threads. */
  static long share(long total, int index, int threads) {
    return total / threads + (index < total % threads ? 1 : 0);
  }

  /** Starts sending on this thread's own context; {@code whenDone} runs on the run's context once its share is done. */
  void start(long startNanos, Runnable whenDone) {
    context.runOnContext(v -> {
      int connections = (int) share(plan.connections(), index, plan.threads());
      client = context.owner().createHttpClient(new HttpClientOptions().setKeepAlive(true),
          new PoolOptions().setHttp1MaxSize(connections));
      plainClient = context.owner().createNetClient(new NetClientOptions().setConnectTimeout((int) plan.timeoutMs()));
      sender = new RequestSender(context.owner(), client, plainClient, plan.target(), connections, plan.timeoutMs(),
          latency, health, counters);
      long requests = share(plan.requests(), index, plan.threads());
      Runnable done = () -> runContext.runOnContext(x -> whenDone.run());
      if (plan.requests() > 0 && requests == 0) {
        done.run();
        return;
      }
      load = switch (plan.kind()) {
        case SEQUENTIAL, OPEN -> new ScheduledLoad(context, sender, health, counters, startNanos, index,
            plan.threads(), requests, plan.rate());
        case CLOSED -> new ClosedLoad(context.owner(), sender, counters, connections, requests,
            plan.durationMs() > 0 ? plan.durationMs() : maxDurationMs, plan.timeoutMs());
      };
      load.start(done);
    });
  }

  /** A copy of what this thread has recorded so far, on the run's context. */
  Future<RunTally> tally() {
    PromiseInternal<RunTally> promise = runContext.promise();
    context.runOnContext(v -> promise.complete(copy()));
    return promise.future();
  }

  /**
   * Sends nothing more, counts what is in flight as aborted, closes the client; the final tally, on the run's
   * context. Later calls return the same.
   */
  Future<RunTally> stop() {
    if (stopped == null) {
      PromiseInternal<RunTally> promise = runContext.promise();
      context.runOnContext(v -> {
        if (load != null) {
          load.stop();
        }
        if (sender != null) {
          sender.stop();
        }
        promise.complete(copy());
        if (client != null) {
          client.close();
          plainClient.close();
        }
      });
      stopped = promise.future();
    }
    return stopped;
  }

  private RunTally copy() {
    return new RunTally(counters.copy(), latency.copy(), health.copy());
  }
}
