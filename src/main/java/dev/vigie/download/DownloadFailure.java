package dev.vigie.download;

/**
 * Why an attempt or a whole download failed: a stable {@code code} (as in {@code DownloadBus.FAILED}), whether
 * waiting and trying again may help, whether it says the host is unwell (what the circuit breaker counts), and the
 * delay the server asked for with {@code Retry-After} (or -1).
 */
final class DownloadFailure extends RuntimeException {
  static final String MISSING = "MISSING";
  static final String CHECKSUM_MISMATCH = "CHECKSUM_MISMATCH";
  static final String BREAKER_OPEN = "BREAKER_OPEN";
  static final String HTTP_ERROR = "HTTP_ERROR";
  static final String NETWORK_ERROR = "NETWORK_ERROR";
  static final String IO_ERROR = "IO_ERROR";
  static final String CACHE_ERROR = "CACHE_ERROR";
  static final String BAD_CHECKSUM_FILE = "BAD_CHECKSUM_FILE";
  /** The source redirected somewhere a download may not follow (see {@link RedirectRule}). */
  static final String REDIRECT_REFUSED = "REDIRECT_REFUSED";
  /** Vigie stopped while the transfer waited: it stays in the journal and resumes at the next start. */
  static final String STOPPED = "STOPPED";
  /** A revalidation found a key the download area cannot turn back into a Binance Vision path. */
  static final String UNSUPPORTED_KEY = "UNSUPPORTED_KEY";
  /** Clustered with a quorum, this member may not fetch now (a side of a split without it, or its lease lapsed): it waits. */
  static final String FENCED = "FENCED";
  /** Another member took this download over while this one was cut off or frozen: it is that member's now. */
  static final String CLAIM_LOST = "CLAIM_LOST";

  private final String code;
  private final boolean retryable;
  private final boolean hostFault;
  private final long retryAfterMs;

  private DownloadFailure(String code, String message, boolean retryable, boolean hostFault, long retryAfterMs) {
    super(message, null, false, false);
    this.code = code;
    this.retryable = retryable;
    this.hostFault = hostFault;
    this.retryAfterMs = retryAfterMs;
  }

  /** The host failed (network error, 5xx, 429): retry later; counts against the host's breaker. */
  static DownloadFailure transientFault(String code, String message, long retryAfterMs) {
    return new DownloadFailure(code, message, true, true, retryAfterMs);
  }

  /** Retrying cannot help (404, another 4xx, a local disk error); the host itself is fine. */
  static DownloadFailure permanent(String code, String message) {
    return new DownloadFailure(code, message, false, false, -1);
  }

  /** This member may not fetch now ({@link #FENCED}): not the host's fault, and the transfer waits rather than retries. */
  static DownloadFailure fenced(String message) {
    return new DownloadFailure(FENCED, message, true, false, -1);
  }

  /** The bytes did not match the published checksum: the caller decides whether to try once more. */
  static DownloadFailure mismatch(String message) {
    return new DownloadFailure(CHECKSUM_MISMATCH, message, false, false, -1);
  }

  /** What any failure of a call to the source means: a {@link DownloadFailure} as it is, anything else a network fault. */
  static DownloadFailure from(Throwable failure) {
    return failure instanceof DownloadFailure f ? f : transientFault(NETWORK_ERROR, describe(failure), -1);
  }

  /** A local disk failure: retrying cannot help, and the storage is shown as unwritable. */
  static DownloadFailure io(String what, Throwable cause) {
    return permanent(IO_ERROR, what + ": " + describe(cause));
  }

  /** The root cause's message, or its class name when it has none. */
  static String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }

  String code() {
    return code;
  }

  boolean retryable() {
    return retryable;
  }

  boolean hostFault() {
    return hostFault;
  }

  long retryAfterMs() {
    return retryAfterMs;
  }
}
