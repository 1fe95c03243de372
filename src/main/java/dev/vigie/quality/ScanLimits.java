package dev.vigie.quality;

/**
 * Bounds of one scan. Memory is {@code bufferBytes} for lines plus {@code inflateChunks × chunkBytes} when inflating
 * on its own thread, whatever the archive's size.
 *
 * @param maxUncompressedBytes stop as a zip bomb past this many uncompressed bytes
 * @param maxCompressionRatio stop as a zip bomb once uncompressed bytes exceed this multiple of the archive's size
 * @param maxLineBytes a longer line fails the scan
 * @param bufferBytes the reused line buffer; at least twice {@code maxLineBytes}
 * @param inflateThread inflate on a second thread while this one parses
 */
public record ScanLimits(long maxUncompressedBytes, long maxCompressionRatio, int maxLineBytes, int bufferBytes,
    boolean inflateThread) {

  public static final int CHUNK_BYTES = 128 * 1024;
  public static final int INFLATE_CHUNKS = 4;

  public ScanLimits {
    if (maxUncompressedBytes < 1 || maxCompressionRatio < 1 || maxLineBytes < 64) {
      throw new IllegalArgumentException("limits must be positive and maxLineBytes at least 64");
    }
    if (bufferBytes < 2 * maxLineBytes) {
      throw new IllegalArgumentException("bufferBytes must be at least twice maxLineBytes");
    }
  }

  public static ScanLimits defaults() {
    return new ScanLimits(64L << 30, 100, 1024, 256 * 1024, true);
  }
}
