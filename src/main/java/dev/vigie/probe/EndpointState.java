package dev.vigie.probe;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** What the probe verticle knows of one endpoint: its last result, rolling percentiles and the recent results. */
final class EndpointState {
  private final Endpoint endpoint;
  private final RollingLatency latency;
  private final int historySize;
  private final ArrayDeque<ProbeResult> history;
  private ProbeResult last;
  private int failuresInARow;
  private Future<ProbeResult> inFlight;

  EndpointState(Endpoint endpoint, long windowMs, int historySize) {
    this.endpoint = endpoint;
    this.latency = new RollingLatency(windowMs);
    this.historySize = historySize;
    this.history = new ArrayDeque<>(historySize);
  }

  Endpoint endpoint() {
    return endpoint;
  }

  ProbeResult last() {
    return last;
  }

  Future<ProbeResult> inFlight() {
    return inFlight;
  }

  void inFlight(Future<ProbeResult> future) {
    inFlight = future;
  }

  int failuresInARow() {
    return failuresInARow;
  }

  /** Records a result; returns the previous one (null for the first). */
  ProbeResult record(ProbeResult result) {
    ProbeResult previous = last;
    last = result;
    failuresInARow = result.ok() ? 0 : failuresInARow + 1;
    latency.record(result.time().toEpochMilli(), result.latencyMs(), result.ok());
    if (history.size() == historySize) {
      history.removeFirst();
    }
    history.addLast(result);
    return previous;
  }

  RollingLatency.Window window(long nowMs) {
    return latency.window(nowMs);
  }

  /** The last {@code points} results as parallel arrays, oldest first: {@code {t: [epoch ms], ms: [...], ok: [...]}}. */
  JsonObject chart(int points) {
    List<ProbeResult> all = new ArrayList<>(history);
    List<ProbeResult> tail = all.subList(Math.max(0, all.size() - points), all.size());
    JsonArray t = new JsonArray();
    JsonArray ms = new JsonArray();
    JsonArray ok = new JsonArray();
    for (ProbeResult r : tail) {
      t.add(r.time().toEpochMilli());
      ms.add(Math.round(r.latencyMs() * 10) / 10.0);
      ok.add(r.ok());
    }
    return new JsonObject().put("t", t).put("ms", ms).put("ok", ok);
  }

  JsonArray history() {
    JsonArray array = new JsonArray();
    history.forEach(r -> array.add(r.toJson()));
    return array;
  }
}
