package dev.vigie.coverage;

import java.util.Arrays;
import java.util.Locale;

/** Where an archive stands in the coverage ledger. */
enum LedgerState {
  /** Not published upstream: missing from the listing between published ones, or answered 404. */
  ABSENT,
  /** Published upstream (the listing has it), not asked for yet. */
  LISTED,
  /** Asked of the downloader, not done yet. */
  QUEUED,
  /** Downloaded and its checksum verified; the quality fields say how good its rows are. */
  VERIFIED,
  /** The download failed for good, or the archive could not be scanned (the reason says which). */
  FAILED,
  /** The upstream checksum changed after the download: re-published, queued again. */
  REPUBLISHED;

  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  static String[] wires() {
    return Arrays.stream(values()).map(LedgerState::wire).toArray(String[]::new);
  }
}
