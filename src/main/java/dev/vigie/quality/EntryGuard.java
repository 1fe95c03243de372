package dev.vigie.quality;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts an entry's uncompressed bytes as they stream, and stops a zip bomb: past the size limit, or past the ratio
 * limit measured against the whole archive's size (which a bomb cannot fake). The CRC is taken by the reader (the
 * parse thread), so that when inflating has a thread of its own, that thread does nothing else.
 */
final class EntryGuard extends FilterInputStream {
  /** The single-byte read's buffer, kept rather than made at every call. */
  private final byte[] one = new byte[1];
  /** Carries a {@link ScanFailure} through APIs that only throw IOException. */
  static final class LimitExceeded extends IOException {
    final transient ScanFailure failure;

    LimitExceeded(ScanFailure failure) {
      super(failure.getMessage());
      this.failure = failure;
    }
  }

  private final long maxBytes;
  private final long maxByRatio;
  private final long ratio;
  private long count;

  EntryGuard(InputStream in, ScanLimits limits, long archiveBytes) {
    super(in);
    this.maxBytes = limits.maxUncompressedBytes();
    this.ratio = limits.maxCompressionRatio();
    this.maxByRatio = Math.max(archiveBytes, 1) > Long.MAX_VALUE / ratio ? Long.MAX_VALUE : Math.max(archiveBytes, 1) * ratio;
  }

  @Override
  public int read() throws IOException {
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      count += n;
      if (count > maxBytes) {
        throw new LimitExceeded(new ScanFailure("ZIP_BOMB",
            "stopped after " + count + " uncompressed bytes: over the " + maxBytes + "-byte limit"));
      }
      if (count > maxByRatio) {
        throw new LimitExceeded(new ScanFailure("ZIP_BOMB",
            "stopped after " + count + " uncompressed bytes: over " + ratio + " times the archive's size"));
      }
    }
    return n;
  }

  long count() {
    return count;
  }
}
