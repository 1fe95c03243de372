package dev.vigie.quality;

/** A scan request that cannot be served: the HTTP status, a stable code and a sentence (see {@code Failures}). */
final class ScanRefused extends Exception {
  final int status;
  final String code;

  ScanRefused(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }
}
