package dev.vigie.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken input never crashes or hangs: the scan fails with a stable code and says why. Here every entry is inflated on
 * an inflate thread (the one-thread bound is 0); {@link BadArchiveOnOneThreadTest} runs the same cases on one thread.
 */
@Timeout(20)
class BadArchiveTest {
  static final String NAME = "BTCUSDT-1m-2024-03-01.zip";
  static final String KEY = "data/spot/daily/klines/BTCUSDT/1m/" + NAME;

  @TempDir
  Path dir;

  private JsonObject scan(Path file) {
    return scan(file, ScanLimits.defaults());
  }

  JsonObject scan(Path file, ScanLimits limits) {
    return scanner(limits).scan(file, KEY, () -> false);
  }

  ArchiveScanner scanner(ScanLimits limits) {
    return new ArchiveScanner(limits, 0);
  }

  private static void assertFailed(JsonObject report, String code) {
    assertEquals("failed", report.getString("state"), report.encodePrettily());
    assertEquals(code, report.getJsonObject("failure").getString("code"), report.encodePrettily());
    assertTrue(report.getJsonObject("failure").getString("message").length() > 10, "the reason is a sentence");
  }

  @Test
  void aPlainCsvIsNotAZip() throws IOException {
    Path file = Files.writeString(dir.resolve(NAME), Archives.klinesDay(1));
    assertFailed(scan(file), "NOT_A_ZIP");
  }

  @Test
  void anEmptyFileIsNotAZip() throws IOException {
    assertFailed(scan(Files.write(dir.resolve(NAME), new byte[0])), "NOT_A_ZIP");
  }

  @Test
  void aZipCutInTheMiddleIsTruncated() throws IOException {
    byte[] whole = Files.readAllBytes(Archives.zip(dir, NAME, Archives.klinesDay(1)));
    Path cut = Files.write(dir.resolve("cut-" + NAME), Arrays.copyOf(whole, whole.length / 2));
    assertFailed(scan(cut), "TRUNCATED_ZIP");
  }

  @Test
  void aZipWithItsDataCutButItsEndRecordKeptIsTruncatedOrCorrupt() throws IOException {
    byte[] whole = Files.readAllBytes(Archives.zip(dir, NAME, Archives.klinesDay(1)));
    int tail = 200;
    byte[] spliced = new byte[whole.length / 2 + tail];
    System.arraycopy(whole, 0, spliced, 0, whole.length / 2);
    System.arraycopy(whole, whole.length - tail, spliced, whole.length / 2, tail);
    JsonObject report = scan(Files.write(dir.resolve("spliced-" + NAME), spliced));
    assertEquals("failed", report.getString("state"), report.encodePrettily());
    String code = report.getJsonObject("failure").getString("code");
    assertTrue(code.equals("TRUNCATED_ZIP") || code.equals("CORRUPT_ZIP") || code.equals("CRC_MISMATCH"), code);
  }

  @Test
  void flippedBytesInTheDataAreCaught() throws IOException {
    JsonObject report = scan(flipped(Archives.zip(dir, NAME, Archives.klinesDay(1))));
    assertEquals("failed", report.getString("state"), report.encodePrettily());
    String code = report.getJsonObject("failure").getString("code");
    assertTrue(code.equals("CORRUPT_ZIP") || code.equals("CRC_MISMATCH"), code);
  }

  @Test
  void aZipWithNoEntryIsEmpty() throws IOException {
    byte[] endRecordOnly = new byte[22];
    endRecordOnly[0] = 'P';
    endRecordOnly[1] = 'K';
    endRecordOnly[2] = 5;
    endRecordOnly[3] = 6;
    assertFailed(scan(Files.write(dir.resolve(NAME), endRecordOnly)), "EMPTY_ZIP");
  }

  @Test
  void aZipWithTwoEntriesIsRefused() throws IOException {
    Path file = dir.resolve(NAME);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
      for (String entry : new String[] {"a.csv", "b.csv"}) {
        out.putNextEntry(new ZipEntry(entry));
        out.write(Archives.klinesDay(1).getBytes(StandardCharsets.US_ASCII));
        out.closeEntry();
      }
    }
    assertFailed(scan(file), "SEVERAL_ENTRIES");
  }

  @Test
  void anArchiveOverTheUncompressedLimitStopsAsAZipBomb() throws IOException {
    Path file = Archives.zip(dir, NAME, Archives.klinesDay(1));
    JsonObject report = scan(file, new ScanLimits(10_000, 100, 1024, 8192, true));
    assertFailed(report, "ZIP_BOMB");
    assertTrue(report.getLong("uncompressedBytes") < 10_000 + 2 * ScanLimits.CHUNK_BYTES);
  }

  @Test
  void anArchiveOverTheRatioLimitStopsAsAZipBomb() throws IOException {
    String line = Archives.kline(Archives.MARCH_1_MS, 60_000L, 1);
    Path file = dir.resolve(NAME);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
      out.putNextEntry(new ZipEntry(NAME.replace(".zip", ".csv")));
      byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 400_000; i++) {
        out.write(bytes);
      }
      out.closeEntry();
    }
    long archive = Files.size(file);
    JsonObject report = scan(file);
    assertFailed(report, "ZIP_BOMB");
    assertTrue(report.getJsonObject("failure").getString("message").contains("100 times"));
    assertTrue(report.getLong("uncompressedBytes") <= archive * 100 + 2 * ScanLimits.CHUNK_BYTES);
  }

  @Test
  void bytesThatAreNotUtf8FailTheScanAtTheirLine() throws IOException {
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    csv.writeBytes(Archives.kline(Archives.MARCH_1_MS, 60_000L, 1).getBytes(StandardCharsets.US_ASCII));
    csv.writeBytes(new byte[] {'1', '7', (byte) 0xFF, (byte) 0xFE, ',', '1', '\n'});
    csv.writeBytes(Archives.kline(Archives.MARCH_1_MS + 60_000L, 60_000L, 1).getBytes(StandardCharsets.US_ASCII));
    JsonObject report = scan(Archives.zip(dir, NAME, csv.toByteArray()));
    assertFailed(report, "NOT_UTF8");
    assertEquals(2L, report.getJsonObject("failure").getLong("line"));
  }

  @Test
  void validUtf8ThatIsNotANumberIsJustABadRow() throws IOException {
    String csv = Archives.kline(Archives.MARCH_1_MS, 60_000L, 1)
        + Archives.kline(Archives.MARCH_1_MS + 60_000L, 60_000L, 1).replace(",42,", ",4é,");
    JsonObject report = scan(Archives.zip(dir, NAME, csv));
    assertEquals("completed", report.getString("state"));
    assertEquals(1L, report.getJsonObject("badByReason").getLong("NOT_NUMERIC"));
  }

  @Test
  void aLineOverTheLimitFailsTheScan() throws IOException {
    String csv = Archives.kline(Archives.MARCH_1_MS, 60_000L, 1) + "1".repeat(5000) + "\n";
    JsonObject report = scan(Archives.zip(dir, NAME, csv));
    assertFailed(report, "LINE_TOO_LONG");
    assertEquals(2L, report.getJsonObject("failure").getLong("line"));
  }

  @Test
  void aHugeFileWithoutNewlinesFailsWithoutFillingMemory() throws IOException {
    Path file = dir.resolve(NAME);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
      out.putNextEntry(new ZipEntry("x.csv"));
      byte[] block = new byte[1 << 16];
      new java.util.Random(7).nextBytes(block);
      for (int i = 0; i < block.length; i++) {
        block[i] = (byte) ('0' + (block[i] & 7));
      }
      for (int i = 0; i < 12; i++) {
        out.write(block);
      }
      out.closeEntry();
    }
    JsonObject report = scan(file);
    assertFailed(report, "LINE_TOO_LONG");
    assertTrue(report.getLong("uncompressedBytes") < 1_000_000, "stops at the first over-long line");
  }

  @Test
  void crlfLineEndsFailTheScanButRowsAreStillChecked() throws IOException {
    JsonObject report = scan(Archives.zip(dir, NAME, Archives.klinesDay(1).replace("\n", "\r\n")));
    assertFailed(report, "CRLF_LINE_ENDS");
    assertEquals("CRLF", report.getString("lineEnding"));
    assertEquals(1440L, report.getLong("rows"));
    assertEquals(100.0, report.getDouble("scorePercent"));
  }

  @Test
  void anEmptyCsvHasNoRows() throws IOException {
    assertFailed(scan(Archives.zip(dir, NAME, "")), "NO_ROWS");
  }

  @Test
  void aNameThatIsNotBinancesIsRefused() throws IOException {
    Path file = Archives.zip(dir, "notes.zip", Archives.klinesDay(1));
    JsonObject report = scanner(ScanLimits.defaults()).scan(file, "notes.zip", () -> false);
    assertFailed(report, "UNSUPPORTED_NAME");
  }

  @Test
  void aCancelledScanStopsAndSaysSo() throws IOException {
    Path file = Archives.zip(dir, NAME, Archives.klinesDay(1));
    AtomicInteger checks = new AtomicInteger();
    JsonObject report = scanner(new ScanLimits(1 << 30, 100, 128, 256, false))
        .scan(file, KEY, () -> checks.incrementAndGet() > 3);
    assertEquals("cancelled", report.getString("state"));
    assertEquals("CANCELLED", report.getJsonObject("failure").getString("code"));
    assertTrue(report.getLong("rows") < 1440);
  }

  @Test
  void theSingleThreadAndTwoThreadPathsAgree() throws IOException {
    Path file = Archives.zip(dir, NAME, Archives.klinesDay(1, 3, 4, 900));
    JsonObject one = scan(file, new ScanLimits(1 << 30, 100, 1024, 4096, false));
    JsonObject two = scan(file, new ScanLimits(1 << 30, 100, 1024, 4096, true));
    for (String field : new String[] {"rows", "validRows", "gaps", "coverage", "uncompressedBytes", "firstTime", "lastTime"}) {
      assertEquals(one.getValue(field), two.getValue(field), field);
    }
    assertEquals("completed", two.getString("state"));
  }

  @Test
  void aStoredEntryIsReadAsItIs() throws IOException {
    byte[] csv = Archives.klinesDay(1).getBytes(StandardCharsets.US_ASCII);
    Path file = dir.resolve(NAME);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
      ZipEntry entry = new ZipEntry(NAME.replace(".zip", ".csv"));
      entry.setMethod(ZipEntry.STORED);
      entry.setSize(csv.length);
      entry.setCompressedSize(csv.length);
      CRC32 crc = new CRC32();
      crc.update(csv);
      entry.setCrc(crc.getValue());
      out.putNextEntry(entry);
      out.write(csv);
      out.closeEntry();
    }
    JsonObject report = scan(file);
    assertEquals("completed", report.getString("state"), report.encodePrettily());
    assertEquals(1440L, report.getLong("rows"));
    assertEquals((long) csv.length, report.getLong("uncompressedBytes"));
  }

  @Test
  void anEntryLongerThanItsCentralDirectorySaysIsCorrupt() throws IOException {
    byte[] whole = Files.readAllBytes(Archives.zip(dir, NAME, Archives.klinesDay(1)));
    ByteBuffer zip = ByteBuffer.wrap(whole).order(ByteOrder.LITTLE_ENDIAN);
    int central = whole.length - 22 - 46;
    while (zip.getInt(central) != 0x02014b50) {
      central--;
    }
    zip.putInt(central + 24, zip.getInt(central + 24) - 10);
    JsonObject report = scan(Files.write(dir.resolve("long-" + NAME), whole));
    assertFailed(report, "CORRUPT_ZIP");
    assertTrue(report.getJsonObject("failure").getString("message").contains("declares"), report.encodePrettily());
  }

  /** A ZIP64 archive defers its sizes to records the scanner does not read itself: commons-compress reads it. */
  @Test
  void aZip64ArchiveIsReadAndItsBrokenDataCaught() throws IOException {
    byte[] csv = Archives.klinesDay(1).getBytes(StandardCharsets.US_ASCII);
    Path file = dir.resolve(NAME);
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(file.toFile())) {
      out.setUseZip64(Zip64Mode.Always);
      out.putArchiveEntry(new ZipArchiveEntry(NAME.replace(".zip", ".csv")));
      out.write(csv);
      out.closeArchiveEntry();
    }
    JsonObject report = scan(file);
    assertEquals("completed", report.getString("state"), report.encodePrettily());
    assertEquals(1440L, report.getLong("rows"));
    JsonObject flipped = scan(flipped(file));
    assertEquals("failed", flipped.getString("state"), flipped.encodePrettily());
    String code = flipped.getJsonObject("failure").getString("code");
    assertTrue(code.equals("CORRUPT_ZIP") || code.equals("CRC_MISMATCH"), code);
  }

  /** A copy of {@code file} beside it with sixty bytes of its compressed data flipped. */
  static Path flipped(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    for (int i = 200; i < 260; i++) {
      bytes[i] ^= 0x5A;
    }
    return Files.write(file.resolveSibling("flipped-" + file.getFileName()), bytes);
  }

  static void write(OutputStream out, byte[] bytes) throws IOException {
    out.write(bytes);
  }
}
