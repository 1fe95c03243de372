package dev.vigie.quality;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * An archive's one entry, inflated as it is read, when the central directory gives its sizes (every archive but a
 * ZIP64 one): the local header read by position, then the compressed data in blocks of {@value #INPUT_BYTES}, inflated
 * by an {@link Inflater} kept with the scan's buffers. A commons-compress stream (and the JDK's {@code ZipInputStream},
 * the loop the scanner is measured against) feeds zlib 512 bytes at a time, which made inflating a big entry 20-30 %
 * slower, and makes a native {@code Inflater} and a DOS time {@code Calendar} per stream, most of a small file's scan.
 * Sizes and CRC come from the central directory, which {@link ZipShape} has checked. Used by one scan at a time (its
 * inflate thread, when it has one, or the scan's own thread).
 */
final class EntryStream extends InputStream {
  /** The single-byte read's buffer, kept rather than made at every call. */
  private final byte[] one = new byte[1];
  static final int INPUT_BYTES = 64 * 1024;
  private static final int LOCAL_HEADER_BYTES = 30;
  private static final int STORED = 0;
  private static final int DEFLATED = 8;
  private static final int ENCRYPTED = 1;

  private final Inflater inflater = new Inflater(true);
  private final byte[] input = new byte[INPUT_BYTES];
  private final ByteBuffer header = ByteBuffer.allocate(LOCAL_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
  private FileChannel channel;
  private long position;
  private long end;
  private boolean stored;
  private boolean padded;
  private String name = "";

  /** Whether an entry can be read this way: the central directory gave both of its sizes (no ZIP64). */
  static boolean fits(ZipShape.Outline outline) {
    return outline != null && outline.compressedSize() >= 0 && outline.uncompressedSize() >= 0;
  }

  /** Starts reading the entry of the archive open on {@code channel}; the channel stays the caller's to close. */
  EntryStream open(FileChannel channel, ZipShape.Outline outline) throws IOException, ScanFailure {
    header.clear();
    ZipShape.readFully(channel, header, 0);
    int flags = header.getShort(6) & 0xFFFF;
    int method = header.getShort(8) & 0xFFFF;
    int nameLength = header.getShort(26) & 0xFFFF;
    int extraLength = header.getShort(28) & 0xFFFF;
    if ((flags & ENCRYPTED) != 0 || (method != STORED && method != DEFLATED)) {
      throw new ScanFailure("CORRUPT_ZIP", "the entry uses an unsupported compression method or encryption");
    }
    long dataStart = LOCAL_HEADER_BYTES + (long) nameLength + extraLength;
    if (dataStart + outline.compressedSize() > channel.size()) {
      throw new ScanFailure("TRUNCATED_ZIP", "the entry's data runs past the end of the file: bytes are missing");
    }
    byte[] nameBytes = new byte[nameLength];
    ZipShape.readFully(channel, ByteBuffer.wrap(nameBytes), LOCAL_HEADER_BYTES);
    this.name = new String(nameBytes, StandardCharsets.UTF_8);
    this.channel = channel;
    this.position = dataStart;
    this.end = dataStart + outline.compressedSize();
    this.stored = method == STORED;
    this.padded = false;
    inflater.reset();
    return this;
  }

  /** The entry's name, as its local header gives it. */
  String name() {
    return name;
  }

  @Override
  public int read() throws IOException {
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (stored) {
      return readStored(b, off, len);
    }
    try {
      while (!inflater.finished()) {
        int n = inflater.inflate(b, off, len);
        if (n > 0) {
          return n;
        }
        if (inflater.needsDictionary()) {
          throw new ZipException("the entry's deflate data asks for a preset dictionary");
        }
        if (inflater.needsInput()) {
          fill();
        }
      }
      return -1;
    } catch (DataFormatException e) {
      throw new ZipException("invalid deflate data: " + e.getMessage());
    }
  }

  private int readStored(byte[] b, int off, int len) throws IOException {
    if (position >= end) {
      return -1;
    }
    int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
    if (n < 0) {
      throw new EOFException("the file ends inside the entry");
    }
    position += n;
    return n;
  }

  /** Hands zlib the next block of compressed data; past the entry's end, the one byte zlib may want after it. */
  private void fill() throws IOException {
    if (position >= end) {
      if (padded) {
        throw new EOFException("the deflate data ends before its last block");
      }
      // zlib may want one byte past a raw deflate stream (java.util.zip.ZipFile pads the same way).
      input[0] = 0;
      inflater.setInput(input, 0, 1);
      padded = true;
      return;
    }
    int length = (int) Math.min(INPUT_BYTES, end - position);
    ZipShape.readFully(channel, ByteBuffer.wrap(input, 0, length), position);
    position += length;
    inflater.setInput(input, 0, length);
  }
}
