package dev.vigie.quality;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Splits a stream into lines inside one reused buffer and hands each line to a sink as buffer bounds: no String,
 * no copy per line. Newlines are searched eight bytes at a time. A line over the limit, bytes that are not UTF-8 or
 * a cancellation stop the read with a {@link ScanFailure}; CRLF ends are stripped and counted.
 */
public final class LineReader {
  /** Receives one line, without its line end, as {@code buf[start, end)}; line numbers start at 1. */
  public interface LineSink {
    void line(byte[] buf, int start, int end, long number) throws ScanFailure;
  }

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private final byte[] buf;
  private final int maxLineBytes;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private final CharBuffer decoded;
  private long high;
  private long lines;
  private long crlfLines;

  public LineReader(int bufferBytes, int maxLineBytes) {
    this.buf = new byte[bufferBytes];
    this.maxLineBytes = maxLineBytes;
    this.decoded = CharBuffer.allocate(maxLineBytes);
  }

  /** Reads {@code in} to its end, or until the sink, a limit or {@code cancelled} stops it. */
  public void read(InputStream in, LineSink sink, BooleanSupplier cancelled) throws IOException, ScanFailure {
    int start = 0;
    int limit = 0;
    int scan = 0;
    while (true) {
      if (cancelled.getAsBoolean()) {
        throw new ScanFailure("CANCELLED", "the scan was cancelled", lines);
      }
      int n = in.read(buf, limit, buf.length - limit);
      if (n < 0) {
        break;
      }
      limit += n;
      int newline;
      while ((newline = indexOfNewline(scan, limit)) >= 0) {
        emit(sink, start, newline);
        start = newline + 1;
        scan = start;
      }
      scan = limit;
      if (limit - start > maxLineBytes) {
        throw tooLong(lines + 1);
      }
      if (start > 0) {
        System.arraycopy(buf, start, buf, 0, limit - start);
        limit -= start;
        scan -= start;
        start = 0;
      }
    }
    if (limit > start) {
      emit(sink, start, limit);
    }
  }

  /** Forgets the last read (line numbers, CRLF count), however it ended, so the reader can serve the next file. */
  public void reset() {
    lines = 0;
    crlfLines = 0;
    high = 0;
  }

  public long lines() {
    return lines;
  }

  public long crlfLines() {
    return crlfLines;
  }

  private void emit(LineSink sink, int start, int end) throws ScanFailure {
    lines++;
    if (end - start > maxLineBytes) {
      throw tooLong(lines);
    }
    if ((high & HIGHS) != 0) {
      checkUtf8(start, end);
    }
    high = 0;
    if (end > start && buf[end - 1] == '\r') {
      end--;
      crlfLines++;
    }
    sink.line(buf, start, end, lines);
  }

  private int indexOfNewline(int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long word = (long) LONGS.get(buf, i);
      high |= word;
      long x = word ^ NEWLINES;
      long found = (x - ONES) & ~x & HIGHS;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      byte b = buf[i];
      high |= b & 0xFF;
      if (b == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Only lines holding a byte above 0x7F get here; Binance CSVs are pure ASCII. */
  private void checkUtf8(int start, int end) throws ScanFailure {
    utf8.reset();
    decoded.clear();
    CoderResult result = utf8.decode(ByteBuffer.wrap(buf, start, end - start), decoded, true);
    if (result.isError()) {
      throw new ScanFailure("NOT_UTF8", "line " + lines + " holds bytes that are not UTF-8", lines);
    }
  }

  private ScanFailure tooLong(long line) {
    return new ScanFailure("LINE_TOO_LONG", "a line is over the " + maxLineBytes + "-byte limit (line " + line + ")", line);
  }
}
