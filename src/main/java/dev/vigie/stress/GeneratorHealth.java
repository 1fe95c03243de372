package dev.vigie.stress;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The generator's own side of a run, kept apart from the target's latency: how far dispatch fell behind the schedule
 * (lag), how long requests waited for a pooled connection, and how many could not be sent on time at all. When lag
 * (p99) passes the bound or a request could not be sent, the run is "generator saturated": its figures say more about
 * Vigie than about the target. Each generator thread keeps its own; the run merges copies of them.
 */
final class GeneratorHealth {
  private final Histogram lag;
  private final Histogram poolWait;
  private final long boundMicros;
  private long notSentOnTime;

  GeneratorHealth(long saturationLagMs) {
    this(new Histogram(3), new Histogram(3), saturationLagMs * 1000);
  }

  private GeneratorHealth(Histogram lag, Histogram poolWait, long boundMicros) {
    this.lag = lag;
    this.poolWait = poolWait;
    this.boundMicros = boundMicros;
  }

  /** A copy, for another thread to read. */
  GeneratorHealth copy() {
    GeneratorHealth copy = new GeneratorHealth(lag.copy(), poolWait.copy(), boundMicros);
    copy.notSentOnTime = notSentOnTime;
    return copy;
  }

  /** Adds another thread's figures to these. */
  void add(GeneratorHealth other) {
    lag.add(other.lag);
    poolWait.add(other.poolWait);
    notSentOnTime += other.notSentOnTime;
  }

  /**
   * Lag and pool wait recorded since {@code earlier} (null: everything), encoded as {@link LatencyRecorder#encode},
   * with the count of requests not sent on time so far.
   */
  JsonObject encodeSince(GeneratorHealth earlier) {
    Histogram l = LatencyRecorder.since(lag, earlier == null ? null : earlier.lag);
    Histogram w = LatencyRecorder.since(poolWait, earlier == null ? null : earlier.poolWait);
    return new JsonObject().put("lag", LatencyRecorder.encode(l)).put("poolWait", LatencyRecorder.encode(w))
        .put("notSentOnTime", notSentOnTime);
  }

  /** Adds what {@link #encodeSince} encoded; {@code notSentOnTime} there is a running total and replaces this one's. */
  void addEncoded(JsonObject encoded) {
    lag.add(LatencyRecorder.decode(encoded.getString("lag")));
    poolWait.add(LatencyRecorder.decode(encoded.getString("poolWait")));
    notSentOnTime = encoded.getLong("notSentOnTime", notSentOnTime);
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

  /**
   * Null when the generator kept up, else why it did not. Lag is judged on its p99, so that one pause of the JVM
   * (a collection, a compilation) does not condemn a run whose schedule held.
   */
  String saturation() {
    List<String> reasons = new ArrayList<>();
    long lagP99 = lag.getValueAtPercentile(99);
    if (lagP99 > boundMicros) {
      reasons.add("the generator fell behind its schedule (lag p99 " + LatencyRecorder.round(lagP99 / 1000.0)
          + " ms, bound " + boundMicros / 1000 + " ms): latency figures may be Vigie's, not the target's");
    }
    if (notSentOnTime > 0) {
      reasons.add(notSentOnTime + " requests could not get a connection in time: add connections or lower the rate");
    }
    return reasons.isEmpty() ? null : String.join("; ", reasons);
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
