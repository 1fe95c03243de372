package dev.vigie.stress;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/**
 * The generator's own side of a run, kept apart from the target's latency: how far dispatch fell behind the schedule
 * (lag), how long requests waited for a pooled connection, and how many could not be sent on time at all. When lag
 * passes the bound or a request could not be sent, the run is "generator saturated": its figures say more about
 * Vigie than about the target.
 */
final class GeneratorHealth {
  private final Histogram lag = new Histogram(3);
  private final Histogram poolWait = new Histogram(3);
  private final long boundMicros;
  private long notSentOnTime;

  GeneratorHealth(long saturationLagMs) {
    this.boundMicros = saturationLagMs * 1000;
  }

  void recordLag(long nanos) {
    lag.recordValue(LatencyRecorder.micros(nanos));
  }

  void recordPoolWait(long nanos) {
    poolWait.recordValue(LatencyRecorder.micros(nanos));
  }

  void notSentOnTime() {
    notSentOnTime++;
  }

  double lagMaxMs() {
    return LatencyRecorder.round(lag.getMaxValue() / 1000.0);
  }

  /** Null when the generator kept up, else why it did not. */
  String saturation() {
    if (lag.getMaxValue() > boundMicros) {
      return "the generator fell " + lagMaxMs() + " ms behind its schedule (bound " + boundMicros / 1000
          + " ms): latency figures may be Vigie's, not the target's";
    }
    if (notSentOnTime > 0) {
      return notSentOnTime + " requests could not get a connection in time: add connections or lower the rate";
    }
    return null;
  }

  JsonObject toJson() {
    String reason = saturation();
    JsonObject json = new JsonObject().put("saturated", reason != null)
        .put("lagMs", LatencyRecorder.quantiles(lag))
        .put("poolWaitMs", LatencyRecorder.quantiles(poolWait))
        .put("notSentOnTime", notSentOnTime);
    if (reason != null) {
      json.put("reason", reason);
    }
    return json;
  }
}
