package dev.vigie.bus;

/**
 * Download addresses. An archive is named by its cache key: its Binance Vision path relative to the base URL,
 * e.g. {@code data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-03-01.zip}.
 */
public final class DownloadBus {
  private DownloadBus() {
  }

  /**
   * Request-reply, answered by this node (every download address is local to its node): {@code {market:
   * spot|um|cm|option, period: daily|monthly, dataType (one the market publishes), symbol, interval?, date? | from+to,
   * force?}}; replies {@code {queued: [{id, key}], cached: [key]}} once validated and queued (not when done), plus
   * {@code waitingFor: "source", reason} while the source's breaker is open (the jobs wait, they are not refused).
   * With {@code --cluster}: {@code cached} counts archives any member holds, {@code holders: {key: nodeId}} says which
   * member, and {@code elsewhere: [{key, node}]} lists the archives another member is already downloading (not
   * queued here: an archive runs on one member at a time). Fails 400 {@code {error: BAD_REQUEST, message, field}},
   * 429 {@code QUEUE_FULL} past {@code download.maxQueued}, and (with {@code cluster.quorum}) 503 {@code FENCED} on a
   * member that lacks the quorum or has lost touch with the cluster's map: nothing is queued, a job there waits
   * ({@code waitingFor: "cluster"}).
   */
  public static final String REQUEST = "vigie.download.request";
  /**
   * Request-reply: {@code {limit?, cursor?}}; replies one page of jobs, newest first: {@code {items: [job], next:
   * cursor|null, queueLength, activeCount, waitingForSource, breaker: {host, state, failures}, counts: {completed,
   * failed, missing, corrupted}, lastRevalidation}} (job and lastRevalidation: see docs/download.md). Fails 400
   * naming {@code limit} or {@code cursor}.
   */
  public static final String LIST = "vigie.download.list";
  /**
   * Request-reply: empty; asks the cache what it holds ({@link CacheBus#HELD}), re-fetches each archive's
   * {@code .CHECKSUM} through the download path (breaker, backoff) and re-queues, forced, those Binance re-published;
   * replies {@code {at, checked, unchanged, changed: [key], requested: [key], failed: [{key, error, message}],
   * durationMs}} when done ({@code error} as in {@link #FAILED}, or {@code UNSUPPORTED_KEY}). Fails 409
   * {@code REVALIDATION_RUNNING} while one is running.
   */
  public static final String REVALIDATE = "vigie.download.revalidate";
  /** Publish: {@code {id, key, bytes, total, bytesPerSecond, etaSeconds}}, at most 4 a second per transfer. */
  public static final String PROGRESS = "vigie.download.progress";
  /** Publish: {@code {id, key, path, bytes, sha256, durationMs, resumed}} once verified and in the cache. */
  public static final String DONE = "vigie.download.done";
  /** Publish: {@code {id, key, error: MISSING|CHECKSUM_MISMATCH|BREAKER_OPEN|HTTP_ERROR|IO_ERROR|..., message, attempts}}. */
  public static final String FAILED = "vigie.download.failed";
  /**
   * Publish: {@code {key}} when a revalidation finds that Binance re-published an archive the cache holds (its
   * {@code .CHECKSUM} no longer matches the cached file), just before it is queued again.
   */
  public static final String REPUBLISHED = "vigie.download.republished";
}
