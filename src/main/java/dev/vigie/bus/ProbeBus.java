package dev.vigie.bus;

/**
 * Probe addresses: HTTP endpoint checks and data-freshness checks. A result is
 * {@code {endpoint, url, method, statusCode?, latencyMs, ok, time, reason?, error?}} where {@code reason} is one of
 * {@code dns, connect, timeout, tls, reset, status, assertion, invalid_body, redirect} and {@code error} its text, and
 * {@code phases: {dnsMs?, connectMs?, firstByteMs?, bodyMs?, reused, failedIn?}} says where its time went
 * (docs/probe.md, "Where the time went").
 */
public final class ProbeBus {
  private ProbeBus() {
  }

  /** Publish: one endpoint result (shape above), as soon as it is known. */
  public static final String RESULT = "vigie.probe.result";
  /** Publish: one freshness reading {@code {source, kind, newestAt?, ageMs?, status, error?, time}}. */
  public static final String FRESHNESS = "vigie.probe.freshness";
  /**
   * Request-reply: empty; runs every endpoint and freshness check at once and replies when all are done:
   * {@code {results: [result], freshness: [reading], wallMs}}.
   */
  public static final String RUN = "vigie.probe.run";
  /**
   * Request-reply: {@code {history?: boolean, limit?: 1-1000, cursor? | offset?: 0-1000000, status?:
   * "critical,warning,...", q?, sort?: added|name|latency|p95|uptime|status, "-" first for the other way}}; replies
   * one page {@code {endpoints: [{name,
   * url, method, status, statusCode?, latencyMs?, ok?, time?, reason?, error?, p50, p95, p99, samples, successRatio,
   * uptimePercent, history?: [{endpoint, url, method, time, latencyMs, ok, statusCode?, reason?}]}], offset, total, matched,
   * counts: {good, warning, critical, neutral}, nextCursor?, freshness: [reading]}} with latencies in ms over the
   * rolling window. Without {@code limit}, every endpoint; {@code history} needs a limit of at most 100. Fails 400
   * {@code BAD_PARAMETER} naming the field.
   */
  public static final String LIST = "vigie.probe.list";
}
