package dev.vigie.bus;

/**
 * Stress-test addresses. A run is named by its {@code id}; its result shape is documented in docs/stress.md.
 * Latencies are in milliseconds; "corrected" latencies count from the intended send time of the schedule.
 *
 * <p>In a cluster, {@link #START}, {@link #GET}, {@link #LIST}, {@link #STOP}, {@link #HGRM} are answered by the
 * node asked (local consumers: each node keeps its own runs), and a run of {@code generators: K} is coordinated by
 * that node: it picks K live members running the stress area (itself first), starts each share with
 * {@link #share}, merges the shares' {@link #report}s and stops them with {@link #shareStop}.
 */
public final class StressBus {
  private StressBus() {
  }

  /**
   * Request-reply: {@code {plan?: sequential|closed|open, target?, requests?, spacingMs?, connections?, durationMs?,
   * rate?, timeoutMs?, threads?, generators?, pass?: {minSuccessPercent?, maxMeanMs?, maxP99Ms?}}}; replies
   * {@code {id, state: "running", plan}} once the run has started (every generator's share included). Fails 400
   * {@code BAD_PARAMETER} naming the field ({@code generators} above 1 without {@code --cluster}), 403
   * {@code TARGET_NOT_ALLOWED}, 409 {@code RUN_IN_PROGRESS} (a run holds the target machine, here or on a
   * generator), 409 {@code NOT_ENOUGH_GENERATORS} (fewer live members run the stress area than {@code generators}),
   * 429 {@code TOO_MANY_RUNS} ({@code stress.maxConcurrentRuns}, here or on a generator).
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

  /**
   * Request-reply, to the stress area of node {@code nodeId} (clustered): {@code {id, coordinator, share, of, plan}}
   * ({@code plan}: the body the coordinator received); the node checks the plan against its own allowlist and
   * ceilings, takes the target machine's lock and a run slot under the run's id, starts share {@code share} (0 to
   * {@code of - 1}) of it and replies {@code {id, share, nodeId}}. Fails as {@link #START} does.
   */
  public static String share(String nodeId) {
    return "vigie.stress.share." + nodeId;
  }

  /**
   * Send, from each generator of a distributed run to its coordinator, every second and once at its end:
   * {@code {id, share, nodeId, last, state? (last only: completed|cancelled), counters: {sent, completed, ok,
   * inFlight, aborted, errors, statusCodes} (running totals), latency: {corrected, uncorrected}, generator: {lag,
   * poolWait, notSentOnTime}}}. The histograms hold what was recorded since the previous report, each HdrHistogram's
   * compressed encoding in base64 (latency and lag in microseconds); the coordinator adds them up.
   */
  public static String report(String id) {
    return "vigie.stress.run." + id + ".report";
  }

  /** Request-reply, to share {@code share} of distributed run {@code id}: empty; stops it and replies its last report. */
  public static String shareStop(String id, int share) {
    return "vigie.stress.run." + id + ".share." + share + ".stop";
  }

  /** Request-reply, to one run's own verticle: empty; stops it and replies its partial result. */
  public static String runStop(String id) {
    return "vigie.stress.run." + id + ".stop";
  }
}
