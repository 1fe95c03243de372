package dev.vigie.bus;

/**
 * Stress-test addresses. A run is named by its {@code id}; its result shape is documented in docs/stress.md.
 * Latencies are in milliseconds; "corrected" latencies count from the intended send time of the schedule.
 */
public final class StressBus {
  private StressBus() {
  }

  /**
   * Request-reply: {@code {plan?: sequential|closed|open, target?, requests?, spacingMs?, connections?, durationMs?,
   * rate?, timeoutMs?, pass?: {minSuccessPercent?, maxMeanMs?, maxP99Ms?}}}; replies {@code {id, state: "running",
   * plan}} once the run has started. Fails 400 {@code BAD_PARAMETER} naming the field, 403
   * {@code TARGET_NOT_ALLOWED}, 409 {@code RUN_IN_PROGRESS} (a run holds the target machine), 429
   * {@code TOO_MANY_RUNS} ({@code stress.maxConcurrentRuns}).
   */
  public static final String START = "vigie.stress.start";
  /** Request-reply: {@code {id}}; replies the result of a finished run, or {@code {id, state: "running", progress}}. */
  public static final String GET = "vigie.stress.get";
  /** Request-reply: empty; replies {@code {active: [{id, target, plan, progress?}], runs: [result summaries, newest first]}}. */
  public static final String LIST = "vigie.stress.list";
  /** Request-reply: {@code {id}}; stops a running run at once and replies its partial result ({@code state: "cancelled"}). */
  public static final String STOP = "vigie.stress.stop";
  /** Request-reply: {@code {id, kind?: corrected|uncorrected}}; replies {@code {id, kind, hgrm}} (HdrHistogram text, ms). */
  public static final String HGRM = "vigie.stress.hgrm";
  /**
   * Publish, every second of a run: {@code {id, target, plan, elapsedMs, sent, completed, ok, inFlight, errors: {kind:
   * n}, statusCodes: {code: n}, ratePerSec, interval: {p50, p90, p99, max}, total: {p50, p90, p99, max}, lagMaxMs}}.
   */
  public static final String PROGRESS = "vigie.stress.progress";
  /** Publish: the full result of a run once it has completed, been cancelled or failed (see docs/stress.md). */
  public static final String DONE = "vigie.stress.done";

  /** Request-reply, to one run's own verticle: empty; stops it and replies its partial result. */
  public static String runStop(String id) {
    return "vigie.stress.run." + id + ".stop";
  }
}
