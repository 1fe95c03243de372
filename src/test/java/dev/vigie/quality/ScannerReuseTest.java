package dev.vigie.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One scanner serves scan after scan with the same line reader, inflate chunks and inflate thread: what a broken,
 * failed or cancelled file leaves in them never shows in the next file's report.
 */
@Timeout(30)
class ScannerReuseTest {
  private static final String NAME = "BTCUSDT-1m-2024-03-01.zip";
  private static final String KEY = "data/spot/daily/klines/BTCUSDT/1m/" + NAME;
  private static final String[] SAME = {"state", "rows", "validRows", "badRows", "scorePercent", "header", "lineEnding",
      "unit", "gaps", "coverage", "uncompressedBytes", "firstTime", "lastTime", "badByReason"};

  @TempDir
  Path dir;

  private Path zip(String folder, byte[] csv) throws IOException {
    return Archives.zip(Files.createDirectories(dir.resolve(folder)), NAME, csv);
  }

  /** Buffers a few lines long, so that each file goes through many refills and hand-offs of the reused buffers. */
  private static ArchiveScanner scanner(boolean inflateThread) {
    return new ArchiveScanner(new ScanLimits(1 << 30, 100, 256, 512, inflateThread), 0);
  }

  @ParameterizedTest(name = "inflate thread: {0}")
  @ValueSource(booleans = {false, true})
  void aBrokenFileLeavesNothingInTheReusedBuffersForTheNextOne(boolean inflateThread) throws IOException {
    ArchiveScanner scanner = scanner(inflateThread);
    Path valid = zip("valid", Archives.klinesDay(1, 7).getBytes(StandardCharsets.US_ASCII));
    JsonObject fresh = scanner.scan(valid, KEY, () -> false);
    assertEquals("completed", fresh.getString("state"), fresh.encodePrettily());
    assertEquals(1L, fresh.getJsonObject("gaps").getLong("count"));

    // CRLF lines, then a line cut by bytes that are not UTF-8 half-way through the day: the scan stops mid-buffer.
    ByteArrayOutputStream broken = new ByteArrayOutputStream();
    broken.writeBytes(Archives.klinesDay(1).substring(0, 70_000).replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII));
    broken.writeBytes(new byte[] {'1', (byte) 0xC3, (byte) 0x28, ',', '2', '\n'});
    broken.writeBytes(Archives.klinesDay(1).getBytes(StandardCharsets.US_ASCII));
    JsonObject failed = scanner.scan(zip("broken", broken.toByteArray()), KEY, () -> false);
    assertEquals("NOT_UTF8", failed.getJsonObject("failure").getString("code"), failed.encodePrettily());
    assertEquals("CRLF", failed.getString("lineEnding"));

    // A file whose data does not match its CRC, and one that is not a ZIP (it fails before any line is read).
    byte[] flipped = Files.readAllBytes(valid);
    flipped[flipped.length / 2] ^= 0x5A;
    Files.write(Files.createDirectories(dir.resolve("flipped")).resolve(NAME), flipped);
    scanner.scan(dir.resolve("flipped").resolve(NAME), KEY, () -> false);
    Path notZip = Files.createDirectories(dir.resolve("text")).resolve(NAME);
    Files.writeString(notZip, "open_time\r\n1,2\r\n");
    assertEquals("NOT_A_ZIP", scanner.scan(notZip, KEY, () -> false).getJsonObject("failure").getString("code"));

    JsonObject again = scanner.scan(valid, KEY, () -> false);
    for (String field : SAME) {
      assertEquals(fresh.getValue(field), again.getValue(field), field);
    }
    assertEquals("LF", again.getString("lineEnding"));
    assertNull(again.getJsonObject("failure"));
  }

  @ParameterizedTest(name = "inflate thread: {0}")
  @ValueSource(booleans = {false, true})
  void aCancelledScanLeavesNothingForTheNextOne(boolean inflateThread) throws IOException {
    ArchiveScanner scanner = scanner(inflateThread);
    Path valid = zip("valid", Archives.klinesDay(1).getBytes(StandardCharsets.US_ASCII));
    JsonObject fresh = scanner.scan(valid, KEY, () -> false);
    AtomicInteger checks = new AtomicInteger();
    JsonObject cancelled = scanner.scan(valid, KEY, () -> checks.incrementAndGet() > 20);
    assertEquals("cancelled", cancelled.getString("state"));
    for (int i = 0; i < 3; i++) {
      JsonObject again = scanner.scan(valid, KEY, () -> false);
      for (String field : SAME) {
        assertEquals(fresh.getValue(field), again.getValue(field), field);
      }
    }
  }

  @ParameterizedTest(name = "inflate thread: {0}")
  @ValueSource(booleans = {false, true})
  void scansAtOnceDoNotShareBuffers(boolean inflateThread) throws Exception {
    ArchiveScanner scanner = scanner(inflateThread);
    Path day1 = zip("a", Archives.klinesDay(1).getBytes(StandardCharsets.US_ASCII));
    Path day2 = zip("b", Archives.klinesDay(1, 3, 4, 900).getBytes(StandardCharsets.US_ASCII));
    JsonObject one = scanner.scan(day1, KEY, () -> false);
    JsonObject two = scanner.scan(day2, KEY, () -> false);
    java.util.List<Thread> threads = new java.util.ArrayList<>();
    java.util.Queue<String> wrong = new java.util.concurrent.ConcurrentLinkedQueue<>();
    for (int t = 0; t < 4; t++) {
      boolean first = t % 2 == 0;
      Thread thread = new Thread(() -> {
        for (int i = 0; i < 5; i++) {
          JsonObject report = scanner.scan(first ? day1 : day2, KEY, () -> false);
          JsonObject expected = first ? one : two;
          for (String field : SAME) {
            if (!java.util.Objects.equals(expected.getValue(field), report.getValue(field))) {
              wrong.add(field + ": " + report.getValue(field) + " instead of " + expected.getValue(field));
            }
          }
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertFalse(one.getValue("gaps").equals(two.getValue("gaps")), "the two files differ");
    assertEquals("[]", wrong.toString());
  }
}
