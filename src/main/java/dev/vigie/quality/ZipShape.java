package dev.vigie.quality;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Checks an archive's outline before streaming it, from its first four bytes, its end of central directory and
 * its one central directory entry: not a ZIP, an empty ZIP, a ZIP cut short or spliced, or one with several
 * entries fail here, cheaply. The central entry's CRC and size are what the streamed data must match.
 */
final class ZipShape {
  /** The central directory's word on the one entry; -1 where ZIP64 defers the value. */
  record Outline(long crc, long compressedSize, long uncompressedSize) {
  }

  private static final int CENTRAL_HEADER = 0x02014b50;
  private static final long ZIP64_MARK = 0xFFFFFFFFL;
  private static final int LOCAL_HEADER = 0x04034b50;
  private static final int END_RECORD = 0x06054b50;
  private static final int ZIP64_LOCATOR = 0x07064b50;
  private static final int ZIP64_LOCATOR_BYTES = 20;
  private static final int END_MIN = 22;
  private static final int MAX_COMMENT = 0xFFFF;
  private static final int SHORT_TAIL = 1024;

  private ZipShape() {
  }

  /** Checks the archive open on {@code channel}, by positional reads: the channel's own position is left alone. */
  static Outline check(FileChannel channel) throws IOException, ScanFailure {
    long size = channel.size();
    if (size < 4) {
      throw new ScanFailure("NOT_A_ZIP", "the file holds " + size + " bytes: not a ZIP archive");
    }
    ByteBuffer head = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    readFully(channel, head, 0);
    int signature = head.getInt(0);
    if (signature == END_RECORD) {
      throw new ScanFailure("EMPTY_ZIP", "the ZIP archive holds no entry");
    }
    if (signature != LOCAL_HEADER) {
      throw new ScanFailure("NOT_A_ZIP", String.format("the file starts with 0x%08x, not a ZIP local header", signature));
    }
    // The end record is the last 22 bytes unless a comment follows it (Binance's archives have none): the short
    // tail first, the longest a comment allows only when the record is not in it.
    int shortTail = (int) Math.min(size, SHORT_TAIL);
    int longTail = (int) Math.min(size, END_MIN + MAX_COMMENT);
    for (int tailSize : shortTail == longTail ? new int[] {longTail} : new int[] {shortTail, longTail}) {
      ByteBuffer tail = ByteBuffer.allocate(tailSize).order(ByteOrder.LITTLE_ENDIAN);
      readFully(channel, tail, size - tailSize);
      for (int i = tailSize - END_MIN; i >= 0; i--) {
        if (tail.getInt(i) == END_RECORD && i + END_MIN + (tail.getShort(i + 20) & 0xFFFF) == tailSize) {
          int entries = tail.getShort(i + 10) & 0xFFFF;
          if (entries == 0) {
            throw new ScanFailure("EMPTY_ZIP", "the ZIP archive holds no entry");
          }
          // 0xFFFF defers to ZIP64; the stream then finds a second entry itself.
          if (entries > 1 && entries != 0xFFFF) {
            throw new ScanFailure("SEVERAL_ENTRIES", "the ZIP archive holds " + entries + " entries; Binance publishes one CSV per ZIP");
          }
          long directorySize = tail.getInt(i + 12) & ZIP64_MARK;
          long directoryOffset = tail.getInt(i + 16) & ZIP64_MARK;
          long endPosition = size - tailSize + i;
          if (entries == 0xFFFF || directoryOffset == ZIP64_MARK || zip64(channel, endPosition)) {
            return null;
          }
          return central(channel, directoryOffset, directorySize, endPosition);
        }
      }
    }
    throw new ScanFailure("TRUNCATED_ZIP", "the ZIP archive has no end of central directory: it is cut short");
  }

  /**
   * Whether a ZIP64 end locator sits just before the end record: the ZIP64 records then lie between the central
   * directory and the end record (which may still carry real values), and hold the word on sizes.
   */
  private static boolean zip64(FileChannel channel, long endPosition) throws IOException {
    if (endPosition < ZIP64_LOCATOR_BYTES) {
      return false;
    }
    ByteBuffer locator = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    readFully(channel, locator, endPosition - ZIP64_LOCATOR_BYTES);
    return locator.getInt(0) == ZIP64_LOCATOR;
  }

  private static Outline central(FileChannel channel, long offset, long directorySize, long endPosition)
      throws IOException, ScanFailure {
    if (offset + directorySize != endPosition || directorySize < 46) {
      throw new ScanFailure("TRUNCATED_ZIP", "the central directory is not where the end record says: bytes are missing or were spliced");
    }
    ByteBuffer entry = ByteBuffer.allocate(46).order(ByteOrder.LITTLE_ENDIAN);
    readFully(channel, entry, offset);
    if (entry.getInt(0) != CENTRAL_HEADER) {
      throw new ScanFailure("TRUNCATED_ZIP", "no central directory entry where the end record points: bytes are missing or were spliced");
    }
    long crc = entry.getInt(16) & ZIP64_MARK;
    long compressed = entry.getInt(20) & ZIP64_MARK;
    long uncompressed = entry.getInt(24) & ZIP64_MARK;
    return new Outline(crc, compressed == ZIP64_MARK ? -1 : compressed, uncompressed == ZIP64_MARK ? -1 : uncompressed);
  }

  /** Fills {@code buffer} from {@code position} on, without moving the channel's own position. */
  static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    long p = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, p);
      if (n < 0) {
        throw new EOFException("the file ends at byte " + p);
      }
      p += n;
    }
  }
}
