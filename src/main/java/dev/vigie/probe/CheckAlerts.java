package dev.vigie.probe;

import io.vertx.core.json.JsonObject;

/**
 * The alerts the probe raises from its own checks ({@code MonitorBus.VERDICT}): one per endpoint (rule
 * {@code endpoint-latency}: failing, or slower than the latency threshold's critical bound) and one per freshness
 * source (rule {@code freshness}: older than its warning age), raised after {@code probe.raiseAfter} bad checks in a
 * row and cleared after {@code probe.clearAfter} good ones ({@link Streak}).
 */
final class CheckAlerts {
  static final String ENDPOINT_RULE = "endpoint-latency";
  static final String FRESHNESS_RULE = "freshness";
  private static final String ENDPOINT_ACTION = "check backend logs, optimise DB queries, enable caching";
  private static final String FRESHNESS_ACTION = "check that the source's service is running, then force a refresh";

  private final int raiseAfter;
  private final int clearAfter;

  CheckAlerts(int raiseAfter, int clearAfter) {
    this.raiseAfter = raiseAfter;
    this.clearAfter = clearAfter;
  }

  /** The alert to publish after this (redacted) result of the endpoint, or null. */
  JsonObject endpoint(EndpointState state, ProbeResult result, boolean bad) {
    Streak.Change change = state.streak().observe(bad, raiseAfter, clearAfter);
    if (change == Streak.Change.NONE) {
      return null;
    }
    String name = state.endpoint().name();
    String outcome = result.ok() ? "answered in " + EndpointsSection.round(result.latencyMs()) + " ms"
        : result.reason().wire() + ": " + result.error();
    String message = change == Streak.Change.RAISE
        ? "endpoints / " + name + " " + outcome + " (" + raiseAfter + " bad checks in a row)"
        : "endpoints / " + name + " back to normal: " + outcome + " (" + clearAfter + " good checks in a row)";
    JsonObject alert = alert(ENDPOINT_RULE, "endpoints", name, change, message, ENDPOINT_ACTION)
        .put("value", EndpointsSection.round(result.latencyMs())).put("unit", "ms");
    String host = state.endpoint().url().getHost();
    return host == null ? alert : alert.put("group", "host " + host);
  }

  /** The alert to publish after this check of the source, or null; {@code bad} is null while it has no data. */
  JsonObject freshness(FreshnessState state, Boolean bad, JsonObject reading) {
    Streak.Change change = state.streak().observe(bad, raiseAfter, clearAfter);
    if (change == Streak.Change.NONE) {
      return null;
    }
    String name = state.source().name();
    Long ageMs = reading.getLong("ageMs");
    String age = ageMs == null ? "no data" : Math.round(ageMs / 6_000.0) / 10.0 + " min old";
    String message = change == Streak.Change.RAISE
        ? "freshness / " + name + " is " + age + ", older than " + state.source().warningAgeMs() / 60_000 + " min ("
          + raiseAfter + " checks in a row)"
        : "freshness / " + name + " back to normal: " + age + " (" + clearAfter + " good checks in a row)";
    JsonObject alert = alert(FRESHNESS_RULE, "freshness", name, change, message, FRESHNESS_ACTION);
    return ageMs == null ? alert : alert.put("value", Math.round(ageMs / 6_000.0) / 10.0).put("unit", "min");
  }

  private static JsonObject alert(String rule, String section, String name, Streak.Change change, String message,
      String action) {
    return new JsonObject().put("id", rule + "/" + name).put("rule", rule)
        .put("state", change == Streak.Change.RAISE ? "raised" : "cleared").put("severity", "critical")
        .put("section", section).put("metric", name).put("message", message).put("action", action);
  }
}
