package dev.vigie.download;

/** How a transfer ended, as it reports it to the verticle (which alone writes the job). */
sealed interface TransferOutcome {
  /** Verified against its CHECKSUM and taken by the cache at {@code path}. */
  record Completed(String path, String sha256, long bytes) implements TransferOutcome {
  }

  /** Given up: the last attempt's failure. */
  record Failed(DownloadFailure cause) implements TransferOutcome {
  }
}
