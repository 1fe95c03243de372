package dev.vigie.quality;

/**
 * Why a scan stopped without a verdict on the data: a stable code (NOT_A_ZIP, TRUNCATED_ZIP, EMPTY_ZIP,
 * SEVERAL_ENTRIES, ZIP_BOMB, CORRUPT_ZIP, CRC_MISMATCH, NOT_UTF8, LINE_TOO_LONG, CRLF_LINE_ENDS, NO_ROWS,
 * UNSUPPORTED_NAME, UNREADABLE, CANCELLED) and a sentence, with the line number when one applies (else 0).
 */
public final class ScanFailure extends Exception {
  private final String code;
  private final long line;

  public ScanFailure(String code, String message, long line) {
    super(message, null, false, false);
    this.code = code;
    this.line = line;
  }

  public ScanFailure(String code, String message) {
    this(code, message, 0);
  }

  public String code() {
    return code;
  }

  public long line() {
    return line;
  }
}
