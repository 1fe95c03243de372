package dev.vigie.stress;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * What happened to a run's requests: sent, completed, ok (status below 400), errors by kind, status codes, and the
 * ones still in flight when the run was stopped (aborted, neither ok nor errors). One event loop only.
 */
final class RunCounters {
  long sent;
  long completed;
  long ok;
  long inFlight;
  long aborted;
  long completedAtLastInterval;
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

  /** Completed since the previous call. */
  long takeIntervalCompleted() {
    long n = completed - completedAtLastInterval;
    completedAtLastInterval = completed;
    return n;
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
