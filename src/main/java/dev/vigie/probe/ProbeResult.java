package dev.vigie.probe;

import dev.vigie.bus.SecretRedactor;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One endpoint check: {@code statusCode} is null when no answer came; {@code reason} and {@code error} only on
 * failure; {@code phases} where the time went (null only for a result made without a clock).
 */
record ProbeResult(String endpoint, String url, String method, Integer statusCode, double latencyMs, boolean ok,
                   Instant time, FailureReason reason, String error, Phases phases) {

  static ProbeResult success(Endpoint e, int status, double latencyMs, Instant time) {
    return new ProbeResult(e.name(), e.url().toString(), e.method().name(), status, latencyMs, true, time, null, null, null);
  }

  static ProbeResult failure(Endpoint e, Integer status, double latencyMs, Instant time, FailureReason reason, String error) {
    return new ProbeResult(e.name(), e.url().toString(), e.method().name(), status, latencyMs, false, time, reason, error,
        null);
  }

  ProbeResult withPhases(Phases measured) {
    return new ProbeResult(endpoint, url, method, statusCode, latencyMs, ok, time, reason, error, measured);
  }

  /** This result as it may leave the probe area: the URL and the error text without secrets. */
  ProbeResult redacted(SecretRedactor redactor) {
    return new ProbeResult(endpoint, SecretRedactor.redactUrl(url), method, statusCode, latencyMs, ok, time, reason,
        redactor.text(error), phases);
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject().put("endpoint", endpoint).put("url", url).put("method", method)
        .put("latencyMs", Math.round(latencyMs * 10) / 10.0).put("ok", ok).put("time", time.toString());
    if (statusCode != null) {
      json.put("statusCode", statusCode);
    }
    if (reason != null) {
      json.put("reason", reason.wire()).put("error", error);
    }
    if (phases != null) {
      json.put("phases", phases.toJson());
    }
    return json;
  }
}
