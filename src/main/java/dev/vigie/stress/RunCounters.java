package dev.vigie.stress;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * What happened to a run's requests: sent, completed, ok (status below 400), errors by kind, status codes, and the
 * ones still in flight when the run was stopped (aborted, neither ok nor errors). One event loop only: each
 * generator thread counts its own, and the run adds copies of them together.
 */
final class RunCounters {
  long sent;
  long completed;
  long ok;
  long inFlight;
  long aborted;
  private final Map<String, Long> errors = new TreeMap<>();
  // Indexed by status code: counting must cost next to nothing at tens of thousands of responses a second.
  private final long[] statusCodes = new long[600];

  void status(int code) {
    if (code >= 100 && code < 600) {
      statusCodes[code]++;
    }
    if (code < 400) {
      ok++;
    } else {
      errors.merge("status_" + code / 100 + "xx", 1L, Long::sum);
    }
  }

  void error(String kind) {
    errors.merge(kind, 1L, Long::sum);
  }

  long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  /** A copy, for another thread to read. */
  RunCounters copy() {
    RunCounters copy = new RunCounters();
    copy.add(this);
    return copy;
  }

  /** Adds another thread's counts to these. */
  void add(RunCounters other) {
    sent += other.sent;
    completed += other.completed;
    ok += other.ok;
    inFlight += other.inFlight;
    aborted += other.aborted;
    other.errors.forEach((kind, n) -> errors.merge(kind, n, Long::sum));
    for (int code = 0; code < statusCodes.length; code++) {
      statusCodes[code] += other.statusCodes[code];
    }
  }

  /** Every count, as a generator of a distributed run reports its running totals. */
  JsonObject toJson() {
    return new JsonObject().put("sent", sent).put("completed", completed).put("ok", ok).put("inFlight", inFlight)
        .put("aborted", aborted).put("errors", errorsJson()).put("statusCodes", statusCodesJson());
  }

  /** The counts {@link #toJson} wrote; throws ClassCastException or IllegalArgumentException on another shape. */
  static RunCounters fromJson(JsonObject json) {
    RunCounters counters = new RunCounters();
    counters.sent = json.getLong("sent", 0L);
    counters.completed = json.getLong("completed", 0L);
    counters.ok = json.getLong("ok", 0L);
    counters.inFlight = json.getLong("inFlight", 0L);
    counters.aborted = json.getLong("aborted", 0L);
    json.getJsonObject("errors", new JsonObject()).forEach(e -> counters.errors.put(e.getKey(), ((Number) e.getValue()).longValue()));
    json.getJsonObject("statusCodes", new JsonObject()).forEach(e -> {
      int code = Integer.parseInt(e.getKey());
      if (code >= 100 && code < 600) {
        counters.statusCodes[code] = ((Number) e.getValue()).longValue();
      }
    });
    return counters;
  }

  JsonObject errorsJson() {
    JsonObject json = new JsonObject();
    errors.forEach(json::put);
    return json;
  }

  JsonObject statusCodesJson() {
    JsonObject json = new JsonObject();
    for (int code = 100; code < statusCodes.length; code++) {
      if (statusCodes[code] > 0) {
        json.put(String.valueOf(code), statusCodes[code]);
      }
    }
    return json;
  }
}
