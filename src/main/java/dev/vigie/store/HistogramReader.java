package dev.vigie.store;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.HdrHistogram.Histogram;

/**
 * Adds stored latency histograms into an accumulating {@link Histogram} without building one per row: the 30-day
 * question merges tens of thousands of them, and HdrHistogram's own decoder allocates a histogram and an
 * {@link Inflater} each time. Reads HdrHistogram's V2 encoding (compressed, as rollups store it, or plain, as
 * {@link PackedAggregate} keeps it): a 40-byte header, then ZigZag LEB128 counts where a negative number is a run of
 * empty buckets. Only the layout the store writes (2 significant digits, lowest value 1) is read here; anything else
 * goes through HdrHistogram's decoder. One reader per thread; {@link #close} frees its inflater.
 */
final class HistogramReader implements AutoCloseable {
  private static final int PLAIN_COOKIE = 0x1c849313;
  private static final int COMPRESSED_COOKIE = 0x1c849314;
  private static final int HEADER = 40;
  /** HdrHistogram's bucket layout at 2 significant digits: 256 sub-buckets, the lower half of each bucket unused. */
  private static final int HALF_MAGNITUDE = 7;
  private static final int HALF_COUNT = 1 << HALF_MAGNITUDE;

  private final Inflater inflater = new Inflater();
  private byte[] plain = new byte[4096];

  /** Adds a base64 compressed histogram (a rollup's column) into {@code target}. */
  void addCompressed(String base64, Histogram target) {
    byte[] bytes = Base64.getDecoder().decode(base64);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (bytes.length < 8 || in.getInt(0) != COMPRESSED_COOKIE) {
      addWithLibrary(bytes, target);
      return;
    }
    inflater.reset();
    inflater.setInput(bytes, 8, in.getInt(4));
    int length = 0;
    try {
      while (!inflater.finished()) {
        if (length == plain.length) {
          plain = java.util.Arrays.copyOf(plain, plain.length * 2);
        }
        int n = inflater.inflate(plain, length, plain.length - length);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        length += n;
      }
    } catch (DataFormatException e) {
      throw new IllegalStateException("a stored latency histogram does not decode: " + e.getMessage(), e);
    }
    if (!addPlain(plain, 0, length, target)) {
      addWithLibrary(bytes, target);
    }
  }

  /** Adds a plain (uncompressed) V2 histogram into {@code target}. */
  void addPlain(byte[] encoded, Histogram target) {
    if (!addPlain(encoded, 0, encoded.length, target)) {
      target.add(Histogram.decodeFromByteBuffer(ByteBuffer.wrap(encoded), 0));
    }
  }

  /** False when the header is not the store's layout (nothing added then). */
  private static boolean addPlain(byte[] b, int offset, int length, Histogram target) {
    if (length < HEADER) {
      return false;
    }
    ByteBuffer header = ByteBuffer.wrap(b, offset, length);
    if (header.getInt(offset) != PLAIN_COOKIE || header.getInt(offset + 8) != 0 || header.getInt(offset + 12) != 2
        || header.getLong(offset + 16) != 1) {
      return false;
    }
    int end = offset + HEADER + Math.min(header.getInt(offset + 4), length - HEADER);
    int p = offset + HEADER;
    int index = 0;
    while (p < end) {
      // ZigZag LEB128, at most 9 bytes (the ninth carries 8 bits).
      long v = 0;
      int shift = 0;
      int read = 0;
      while (true) {
        int x = b[p++] & 0xff;
        read++;
        if (read == 9) {
          v |= (long) x << 56;
          break;
        }
        v |= (long) (x & 0x7f) << shift;
        shift += 7;
        if ((x & 0x80) == 0) {
          break;
        }
      }
      long count = (v >>> 1) ^ -(v & 1);
      if (count < 0) {
        index += (int) -count;
      } else {
        if (count > 0) {
          target.recordValueWithCount(valueAt(index), count);
        }
        index++;
      }
    }
    return true;
  }

  /** The lowest value counted at {@code index} in the store's layout (HdrHistogram's valueFromIndex). */
  static long valueAt(int index) {
    int bucket = (index >> HALF_MAGNITUDE) - 1;
    int subBucket = (index & (HALF_COUNT - 1)) + HALF_COUNT;
    if (bucket < 0) {
      subBucket -= HALF_COUNT;
      bucket = 0;
    }
    return (long) subBucket << bucket;
  }

  private static void addWithLibrary(byte[] bytes, Histogram target) {
    try {
      target.add(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0));
    } catch (DataFormatException e) {
      throw new IllegalStateException("a stored latency histogram does not decode: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    inflater.end();
  }
}
