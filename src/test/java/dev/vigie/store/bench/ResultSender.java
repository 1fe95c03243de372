package dev.vigie.store.bench;

import dev.vigie.bus.ProbeBus;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/**
 * Stands in for the probe area: publishes probe results on {@link ProbeBus#RESULT} the way ProbeVerticle does (one
 * {@code publish} per result, the JSON built before it), at {@code rate} a second spread over {@code monitors}
 * endpoints, for {@code durationMs}. It times each {@code publish} (the time the probe path spends handing a result
 * over: with the store's local consumer, a copy of the JSON and a task queued on the store's event loop) and how late
 * each send was against its schedule (its own event loop kept busy by something else). Histograms in nanoseconds;
 * read them once {@link #done()} completes.
 */
final class ResultSender extends VerticleBase {
  private final double rate;
  private final int monitors;
  private final long durationMs;
  private final Histogram handover = new Histogram(3_600_000_000_000L, 3);
  private final Histogram lateness = new Histogram(3_600_000_000_000L, 3);
  private final SplittableRandom random = new SplittableRandom(14);
  private final Promise<Void> done = Promise.promise();
  private long startNs;
  private long sent;
  private long timer;

  ResultSender(double rate, int monitors, long durationMs) {
    this.rate = rate;
    this.monitors = monitors;
    this.durationMs = durationMs;
  }

  @Override
  public Future<?> start() {
    startNs = System.nanoTime();
    timer = vertx.setPeriodic(1, id -> tick());
    return Future.succeededFuture();
  }

  /** Sends every result due by now: a timer tick comes every millisecond at best, so ten or so per tick. */
  private void tick() {
    long now = System.nanoTime();
    long elapsedNs = Math.min(now - startNs, durationMs * 1_000_000L);
    long due = (long) (elapsedNs * rate / 1e9);
    while (sent < due) {
      long scheduledNs = startNs + (long) (sent * 1e9 / rate);
      JsonObject result = result(sent);
      long before = System.nanoTime();
      vertx.eventBus().publish(ProbeBus.RESULT, result);
      long after = System.nanoTime();
      handover.recordValue(after - before);
      lateness.recordValue(Math.max(0, before - scheduledNs));
      sent++;
    }
    if (now - startNs >= durationMs * 1_000_000L) {
      vertx.cancelTimer(timer);
      done.tryComplete();
    }
  }

  /** What ProbeResult.toJson gives: about 1 % failures, latencies mostly 5 to 80 ms with a long tail. */
  private JsonObject result(long n) {
    boolean ok = random.nextInt(100) != 0;
    double latency = random.nextInt(20) == 0 ? 80 + random.nextDouble() * 2000 : 5 + random.nextDouble() * 75;
    JsonObject json = new JsonObject().put("endpoint", StoreBench.monitorName((int) (n % monitors)))
        .put("url", "http://127.0.0.1/health").put("method", "GET")
        .put("latencyMs", Math.round(latency * 10) / 10.0).put("ok", ok).put("time", Instant.now().toString());
    if (ok) {
      json.put("statusCode", 200);
    } else {
      json.put("reason", "timeout").put("error", "no answer within 5000 ms");
    }
    return json;
  }

  Future<Void> done() {
    return done.future();
  }

  long sent() {
    return sent;
  }

  Histogram handover() {
    return handover;
  }

  Histogram lateness() {
    return lateness;
  }
}
