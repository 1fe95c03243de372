package dev.vigie.download;

/** When the download area tries an archive again: named once, applied by {@link Transfer}, told by the verticle. */
final class RetryRules {
  /** An archive whose bytes do not match its CHECKSUM is downloaded twice in all (once more), then it fails. */
  static final int CHECKSUM_ATTEMPTS = 2;

  private RetryRules() {
  }

  /** True when the {@code mismatches}-th mismatch of one archive is followed by another download. */
  static boolean retriesAfterMismatch(int mismatches) {
    return mismatches < CHECKSUM_ATTEMPTS;
  }
}
