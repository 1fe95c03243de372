package dev.vigie.probe;

import dev.vigie.bus.Status;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What the probe verticle knows of one endpoint: its last result and status, its recent results ({@link ResultRing})
 * and its alert streak. Kept small, since one node holds ten thousand of them (docs/probe.md, "Scale").
 */
final class EndpointState {
  private final Endpoint endpoint;
  private final long seq;
  private final ResultRing ring;
  private final Streak streak = new Streak();
  private ProbeResult last;
  private Status status = Status.NEUTRAL;
  private ConcurrencyGate.Ticket<ProbeResult> inFlight;
  private ResultRing.Window window;
  private long windowAtMs = Long.MIN_VALUE;

  /** @param seq the order it was added in: the list's default order and its cursor */
  EndpointState(Endpoint endpoint, long seq, int historySize) {
    this.endpoint = endpoint;
    this.seq = seq;
    this.ring = new ResultRing(historySize);
  }

  Endpoint endpoint() {
    return endpoint;
  }

  long seq() {
    return seq;
  }

  ProbeResult last() {
    return last;
  }

  /** Neutral until checked; then critical on a failure, else the latency threshold's verdict. */
  Status status() {
    return status;
  }

  Streak streak() {
    return streak;
  }

  /** The check of this endpoint waiting at the gate or running, or null. */
  ConcurrencyGate.Ticket<ProbeResult> inFlight() {
    return inFlight;
  }

  void inFlight(ConcurrencyGate.Ticket<ProbeResult> ticket) {
    inFlight = ticket;
  }

  /** Records a (redacted) result and its status; returns the previous result (null for the first). */
  ProbeResult record(ProbeResult result, Status judged) {
    ProbeResult previous = last;
    last = result;
    status = judged;
    ring.record(result.time().toEpochMilli(), result.latencyMs(), result.statusCode(), result.reason());
    windowAtMs = Long.MIN_VALUE;
    return previous;
  }

  /** The window's figures, computed at most once a second (sorting the list by p95 asks all of them). */
  ResultRing.Window window(long nowMs, long windowMs) {
    if (nowMs / 1000 != windowAtMs / 1000) {
      window = ring.window(nowMs, windowMs);
      windowAtMs = nowMs;
    }
    return window;
  }

  JsonObject chart(int points) {
    return ring.chart(points);
  }

  /** The results kept, oldest first, without their error texts (only the last result keeps its own). */
  JsonArray history() {
    return ring.history();
  }
}
