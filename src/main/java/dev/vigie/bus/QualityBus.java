package dev.vigie.bus;

/**
 * Quality addresses. A scan checks one archive, named by its cache key (see {@link DownloadBus}) or by a path
 * inside the data directory; its report is described in docs/quality.md.
 */
public final class QualityBus {
  private QualityBus() {
  }

  /**
   * Request-reply: {@code {key} | {path}}; queues a scan and replies {@code {id, key?, path, state: queued|running}},
   * or the scan of that file already waiting or running with {@code joined: true}. Fails 400 {@code BAD_REQUEST}, 403
   * {@code OUTSIDE_DATA_DIR}, 404 {@code NOT_CACHED} or {@code NOT_FOUND}, 429 {@code QUEUE_FULL} ({@code
   * quality.maxQueued}).
   */
  public static final String SCAN = "vigie.quality.scan";
  /** Request-reply: {@code {id} | {key}}; replies that scan's report (the latest for a key), or fails 404 {@code UNKNOWN_SCAN}. */
  public static final String REPORT = "vigie.quality.report";
  /** Request-reply: {@code {id}}; replies {@code {id, state: cancelled|cancelling}}; fails 404, or 409 {@code ALREADY_FINISHED}. */
  public static final String CANCEL = "vigie.quality.cancel";
  /** Request-reply: empty; replies {@code {reports: [summary, newest first], running: [summary], queued: [summary]}}. */
  public static final String LIST = "vigie.quality.list";
  /** Publish: a finished scan's full report {@code {id, key?, path, state: completed|failed|cancelled, ...}}. */
  public static final String REPORTED = "vigie.quality.reported";
}
