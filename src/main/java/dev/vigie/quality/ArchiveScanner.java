package dev.vigie.quality;

import dev.vigie.vision.ArchiveName;

import io.vertx.core.json.JsonObject;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * Scans one Binance Vision archive in constant memory: the ZIP streams through commons-compress, the CSV is cut
 * into lines in a reused buffer and each row is checked by its data type's rules. Nothing is written anywhere.
 * Plain Java (no Vert.x instance needed); blocking, so callers run it off any event loop.
 */
public final class ArchiveScanner {
  /**
   * Entries up to this size (a day of metrics, 1m klines, BVOLIndex, liquidationSnapshot or EOHSummary, a month of
   * funding rates) are inflated and parsed on the calling thread: the quality queue runs one scan per core, so a
   * second thread per scan would only compete for the same cores, and its hand-offs outweigh the smallest.
   */
  static final int SMALL_ENTRY_BYTES = 1024 * 1024;
  /** A chunk is filled with at least this much before the parser gets it, so hand-offs stay few. */
  private static final int MIN_FILL_BYTES = 16 * 1024;

  private final ScanLimits limits;
  private final long smallEntryBytes;
  /**
   * Buffers of finished scans, reused by the next ones (a scan's fixed cost is otherwise mostly zeroing them).
   * Bounded: past it, a scan's buffers are left to the garbage collector.
   */
  private final BlockingQueue<ScanBuffers> idle =
      new ArrayBlockingQueue<>(Math.min(8, Runtime.getRuntime().availableProcessors()));

  public ArchiveScanner(ScanLimits limits) {
    this(limits, SMALL_ENTRY_BYTES);
  }

  /** With another small-entry bound (tests: to force the two-thread path on small archives). */
  ArchiveScanner(ScanLimits limits, long smallEntryBytes) {
    this.limits = limits;
    this.smallEntryBytes = smallEntryBytes;
  }

  /** One scan's line reader, inflate chunks and entry reader, kept between scans; the last two made on first need. */
  private static final class ScanBuffers {
    final LineReader lines;
    byte[][] chunks;
    EntryStream entry;

    ScanBuffers(ScanLimits limits) {
      lines = new LineReader(limits.bufferBytes(), limits.maxLineBytes());
    }

    byte[][] chunks() {
      if (chunks == null) {
        chunks = new byte[ScanLimits.INFLATE_CHUNKS][ScanLimits.CHUNK_BYTES];
      }
      return chunks;
    }

    EntryStream entry() {
      if (entry == null) {
        entry = new EntryStream();
      }
      return entry;
    }
  }

  /**
   * Scans {@code file}, whose Binance Vision name or cache key is {@code nameOrKey}. Never throws: a broken
   * archive gives a report with {@code state: failed} and {@code failure: {code, message, line?}}.
   */
  public JsonObject scan(Path file, String nameOrKey, BooleanSupplier cancelled) {
    long started = System.nanoTime();
    JsonObject report = new JsonObject().put("file", file.getFileName().toString());
    ArchiveName name;
    try {
      name = ArchiveName.parse(nameOrKey);
    } catch (IllegalArgumentException e) {
      return failed(report, new ScanFailure("UNSUPPORTED_NAME", e.getMessage()), started, 0);
    }
    describe(report, name);
    ScanTally tally = new ScanTally();
    RowRules rules = RowRules.forName(name, tally);
    RowSink sink = new RowSink(rules, tally);
    ScanBuffers buffers = idle.poll();
    if (buffers == null) {
      buffers = new ScanBuffers(limits);
    }
    boolean reusable = true;
    LineReader lines = buffers.lines;
    long uncompressed = 0;
    long crlfLines;
    ScanFailure failure = null;
    try {
      // One open for the outline and the data: the outline reads by position, the stream from the start.
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        ZipShape.Outline outline = ZipShape.check(channel);
        long archiveBytes = channel.size();
        report.put("archiveBytes", archiveBytes);
        if (outline != null) {
          refuseDeclared(outline.uncompressedSize());
        }
        // The CRC is taken on this (parsing) side: the inflate thread, the scan's bound, only inflates and counts.
        CRC32 crc = new CRC32();
        // Read by Vigie when the central directory gives the sizes; a ZIP64 archive through commons-compress.
        ZipArchiveInputStream zip = null;
        try {
          InputStream data;
          ZipArchiveEntry entry = null;
          long declared;
          if (EntryStream.fits(outline)) {
            EntryStream stream = buffers.entry().open(channel, outline);
            report.put("entry", stream.name());
            data = stream;
            declared = outline.uncompressedSize();
          } else {
            zip = new ZipArchiveInputStream(new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024));
            entry = zip.getNextEntry();
            if (entry == null) {
              throw new ScanFailure("EMPTY_ZIP", "the ZIP archive holds no entry");
            }
            report.put("entry", entry.getName());
            if (!zip.canReadEntryData(entry)) {
              throw new ScanFailure("CORRUPT_ZIP", "the entry uses an unsupported compression method or encryption");
            }
            declared = Math.max(entry.getSize(), outline == null ? -1 : outline.uncompressedSize());
            refuseDeclared(declared);
            data = zip;
          }
          EntryGuard guard = new EntryGuard(data, limits, archiveBytes);
          InflateAhead ahead = limits.inflateThread() && (declared < 0 || declared > smallEntryBytes)
              ? InflateAhead.start(guard, buffers.chunks(), fillBytes(declared)) : null;
          try {
            lines.read(new CheckedInputStream(ahead != null ? ahead : guard, crc), sink, cancelled);
          } finally {
            // Chunks (and an Inflater) a producer may still use (it did not stop in time) are never handed on.
            reusable = ahead == null || ahead.stop();
            uncompressed = guard.count();
          }
          rules.finish();
          verify(outline != null ? outline.crc() : entry.getCrc(),
              outline != null ? outline.uncompressedSize() : entry.getSize(), guard, crc.getValue());
          if (zip != null && zip.getNextEntry() != null) {
            throw new ScanFailure("SEVERAL_ENTRIES", "the ZIP archive holds more than one entry; Binance publishes one CSV per ZIP");
          }
        } finally {
          if (zip != null) {
            zip.close();
          }
        }
      }
    } catch (ScanFailure f) {
      failure = f;
    } catch (EntryGuard.LimitExceeded e) {
      failure = e.failure;
    } catch (EOFException e) {
      failure = new ScanFailure("TRUNCATED_ZIP", "the archive ends inside its data: " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      failure = fromException(e);
    } finally {
      crlfLines = lines.crlfLines();
      if (reusable) {
        lines.reset();
        idle.offer(buffers);
      }
    }
    tally.writeTo(report);
    report.put("header", sink.header()).put("lineEnding", crlfLines > 0 ? "CRLF" : "LF");
    long expected = rules.expected();
    if (expected > 0) {
      report.put("coverage", new JsonObject().put("present", rules.present()).put("expected", expected)
          .put("percent", round2(100.0 * rules.present() / expected)));
    }
    if (tally.rows() > 0) {
      report.put("scorePercent", round2(100.0 * tally.validRows() / tally.rows()));
    }
    if (failure == null && crlfLines > 0) {
      failure = new ScanFailure("CRLF_LINE_ENDS", crlfLines + " lines end in CRLF; Binance publishes LF: "
          + "this file was rewritten after publication (rows were still checked)");
    }
    if (failure == null && tally.rows() == 0) {
      failure = new ScanFailure("NO_ROWS", "the CSV holds no data row");
    }
    if (failure != null) {
      return failed(report, failure, started, uncompressed);
    }
    return finish(report.put("state", "completed"), started, uncompressed);
  }

  /** A fill per chunk of about an eighth of the entry, so that parsing starts early on a small one. */
  private static int fillBytes(long declared) {
    if (declared < 0) {
      return ScanLimits.CHUNK_BYTES;
    }
    return (int) Math.max(MIN_FILL_BYTES, Math.min(ScanLimits.CHUNK_BYTES, declared / 8));
  }

  /** Refuses an entry whose declared size is over the limit before a byte of it is inflated. */
  private void refuseDeclared(long declared) throws ScanFailure {
    if (declared > limits.maxUncompressedBytes()) {
      throw new ScanFailure("ZIP_BOMB", "the entry declares " + declared + " uncompressed bytes, over the "
          + limits.maxUncompressedBytes() + "-byte limit");
    }
  }

  /** The bytes read must match what the central directory (or else the local header) says; -1 is unknown. */
  private static void verify(long crc, long size, EntryGuard guard, long readCrc) throws ScanFailure {
    if (size != -1 && size != guard.count()) {
      throw new ScanFailure("CORRUPT_ZIP", "the entry gave " + guard.count() + " bytes where the archive declares " + size);
    }
    if (crc != -1 && crc != readCrc) {
      throw new ScanFailure("CRC_MISMATCH", String.format("the archive declares CRC-32 %08x, its data gives %08x", crc, readCrc));
    }
  }

  private static void describe(JsonObject report, ArchiveName name) {
    report.put("dataType", name.dataType().wire()).put("symbol", name.symbol())
        .put("interval", name.interval() == null ? null : name.interval().wire())
        .put("period", new JsonObject().put("monthly", name.monthly())
            .put("start", Instant.ofEpochMilli(name.periodStartMs()).toString())
            .put("end", Instant.ofEpochMilli(name.periodEndMs()).toString()));
    name.market().ifPresent(market -> report.put("market", market.futures() ? "futures" : market.wire()));
  }

  private static ScanFailure fromException(Exception e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause != cause.getCause()) {
      if (cause instanceof EntryGuard.LimitExceeded limit) {
        return limit.failure;
      }
      cause = cause.getCause();
    }
    if (cause instanceof EntryGuard.LimitExceeded limit) {
      return limit.failure;
    }
    String message = String.valueOf(e.getMessage());
    if (e instanceof EOFException || cause instanceof EOFException || message.toLowerCase().contains("truncated")) {
      return new ScanFailure("TRUNCATED_ZIP", "the archive ends inside its data: " + message);
    }
    if (e instanceof FileSystemException) {
      return new ScanFailure("UNREADABLE", "the archive cannot be read: " + message);
    }
    return new ScanFailure("CORRUPT_ZIP", "the archive's data is broken: " + e.getClass().getSimpleName() + ": " + message);
  }

  private static JsonObject failed(JsonObject report, ScanFailure failure, long started, long uncompressed) {
    JsonObject f = new JsonObject().put("code", failure.code()).put("message", failure.getMessage());
    if (failure.line() > 0) {
      f.put("line", failure.line());
    }
    report.put("state", "CANCELLED".equals(failure.code()) ? "cancelled" : "failed").put("failure", f);
    return finish(report, started, uncompressed);
  }

  private static JsonObject finish(JsonObject report, long started, long uncompressed) {
    long nanos = System.nanoTime() - started;
    double seconds = nanos / 1e9;
    return report.put("uncompressedBytes", uncompressed).put("durationMs", round2(nanos / 1e6))
        .put("mbPerSecond", seconds > 0 ? round2(uncompressed / 1e6 / seconds) : 0.0)
        .put("finishedAt", Instant.now().toString());
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  /** The parse side: the header check on line 1, then one row check per line. */
  private static final class RowSink implements LineReader.LineSink {
    private final RowRules rules;
    private final ScanTally tally;
    private final CsvRow row = new CsvRow();
    private boolean header;

    RowSink(RowRules rules, ScanTally tally) {
      this.rules = rules;
      this.tally = tally;
    }

    @Override
    public void line(byte[] buf, int start, int end, long number) {
      row.split(buf, start, end);
      if (number == 1 && rules.header(row)) {
        header = true;
        return;
      }
      BadReason reason = rules.check(row, number);
      if (reason == null) {
        tally.valid();
      } else {
        tally.bad(reason, number, buf, start, end);
      }
    }

    boolean header() {
      return header;
    }
  }
}
