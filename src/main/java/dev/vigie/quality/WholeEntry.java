package dev.vigie.quality;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads a small archive's one entry whole into memory, with an {@link Inflater} and buffers kept from scan to scan.
 * On entries of a few KB (a month of funding rates, a day of metrics) a streamed read costs more than the data:
 * commons-compress makes a native {@code Inflater} for every stream and converts the entry's DOS time through a
 * {@code Calendar}, a fifth of a fundingRate scan between them. Sizes and CRC come from the central directory
 * ({@link ZipShape.Outline}), which the caller has checked; the local header gives the method and where data starts.
 * Not thread-safe: one scan at a time uses it.
 */
final class WholeEntry {
  private static final int LOCAL_HEADER_BYTES = 30;
  private static final int STORED = 0;
  private static final int DEFLATED = 8;
  private static final int ENCRYPTED = 1;

  private final Inflater inflater = new Inflater(true);
  private final ByteBuffer header = ByteBuffer.allocate(LOCAL_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
  private byte[] compressed = new byte[0];
  private byte[] inflated = new byte[0];
  private String name = "";

  /** Whether an entry is read whole: its sizes are known (no ZIP64) and both within {@code maxBytes}. */
  static boolean fits(ZipShape.Outline outline, long maxBytes) {
    return outline != null && outline.uncompressedSize() >= 0 && outline.compressedSize() >= 0
        && outline.uncompressedSize() <= maxBytes && outline.compressedSize() <= maxBytes;
  }

  /** The entry's name, as its local header gives it; valid after {@link #read}. */
  String name() {
    return name;
  }

  /**
   * Reads and inflates the entry of the archive open on {@code channel}. The stream gives what the data inflates
   * to, up to one byte more than declared (so that the caller's size check sees an entry that is too long).
   */
  InputStream read(FileChannel channel, ZipShape.Outline outline) throws IOException, ScanFailure {
    header.clear();
    ZipShape.readFully(channel, header, 0);
    int flags = header.getShort(6) & 0xFFFF;
    int method = header.getShort(8) & 0xFFFF;
    int nameLength = header.getShort(26) & 0xFFFF;
    int extraLength = header.getShort(28) & 0xFFFF;
    if ((flags & ENCRYPTED) != 0 || (method != STORED && method != DEFLATED)) {
      throw new ScanFailure("CORRUPT_ZIP", "the entry uses an unsupported compression method or encryption");
    }
    int compressedSize = (int) outline.compressedSize();
    int size = (int) outline.uncompressedSize();
    long dataStart = LOCAL_HEADER_BYTES + (long) nameLength + extraLength;
    if (dataStart + compressedSize > channel.size()) {
      throw new ScanFailure("TRUNCATED_ZIP", "the entry's data runs past the end of the file: bytes are missing");
    }
    byte[] nameBytes = new byte[nameLength];
    ZipShape.readFully(channel, ByteBuffer.wrap(nameBytes), LOCAL_HEADER_BYTES);
    name = new String(nameBytes, StandardCharsets.UTF_8);
    if (compressed.length < compressedSize + 1) {
      compressed = new byte[compressedSize + 1];
    }
    ZipShape.readFully(channel, ByteBuffer.wrap(compressed, 0, compressedSize), dataStart);
    if (method == STORED) {
      return new ByteArrayInputStream(compressed, 0, compressedSize);
    }
    if (inflated.length < size + 1) {
      inflated = new byte[size + 1];
    }
    return new ByteArrayInputStream(inflated, 0, inflate(compressedSize, size + 1));
  }

  /** Inflates {@code compressed[0, length)} into {@code inflated}, at most {@code room} bytes; returns the count. */
  private int inflate(int length, int room) throws IOException, ScanFailure {
    inflater.reset();
    inflater.setInput(compressed, 0, length);
    int count = 0;
    boolean padded = false;
    try {
      while (!inflater.finished() && count < room) {
        int n = inflater.inflate(inflated, count, room - count);
        count += n;
        if (n > 0 || inflater.finished()) {
          continue;
        }
        if (inflater.needsDictionary()) {
          throw new ScanFailure("CORRUPT_ZIP", "the entry's deflate data asks for a preset dictionary");
        }
        if (!inflater.needsInput() || padded) {
          throw new EOFException("the deflate data ends before its last block");
        }
        // zlib may want one byte past a raw deflate stream (java.util.zip.ZipFile pads the same way).
        compressed[length] = 0;
        inflater.setInput(compressed, length, 1);
        padded = true;
      }
    } catch (DataFormatException e) {
      throw new ScanFailure("CORRUPT_ZIP", "the archive's data is broken: " + e.getMessage());
    }
    return count;
  }
}
