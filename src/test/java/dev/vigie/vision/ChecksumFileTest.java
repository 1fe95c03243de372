package dev.vigie.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChecksumFileTest {
  private static final Path CHANGELOG =
      Path.of("src/test/resources/binance-real/binance-public-data-updates/2022-10-04_aggregate_trade_updates.csv");

  @Test
  void readsBinancesOwnChecksumLines() throws Exception {
    // Each changelog row holds a real CHECKSUM line before and after Binance re-published the archive.
    List<String> rows = Files.readAllLines(CHANGELOG);
    String[] first = rows.get(1).split(",");
    String name = first[0] + ".zip";
    assertEquals("109df4fd75c918bc1b1dc653c24dc3b76854b08e994d15b53e625509993f4323", ChecksumFile.parse(first[1], name));
    assertEquals("8faa393c9532defe192c7a08f61f64b7b98089020683cb3520d5ea2503f9201c", ChecksumFile.parse(first[2], name));
    for (String row : rows.subList(1, rows.size())) {
      String[] cells = row.split(",");
      String file = cells[0].endsWith(".zip") ? cells[0] : cells[0] + ".zip";
      assertEquals(64, ChecksumFile.parse(cells[1], file).length());
    }
  }

  @Test
  void acceptsATrailingNewlineAndUpperCase() {
    String sha = "AB".repeat(32);
    assertEquals(sha.toLowerCase(), ChecksumFile.parse(sha + "  X-1m-2024-01-01.zip\n", "X-1m-2024-01-01.zip"));
  }

  @Test
  void refusesAnotherFileOrGarbage() {
    String sha = "ab".repeat(32);
    assertThrows(IllegalArgumentException.class, () -> ChecksumFile.parse(sha + "  other.zip", "mine.zip"));
    assertThrows(IllegalArgumentException.class, () -> ChecksumFile.parse("<html>not found</html>", "mine.zip"));
    assertThrows(IllegalArgumentException.class, () -> ChecksumFile.parse("abc  mine.zip", "mine.zip"));
  }

  @Test
  void refusalsSayWhatWasRead() {
    String sha = "ab".repeat(32);
    assertEquals("the CHECKSUM names other.zip, not mine.zip",
        assertThrows(IllegalArgumentException.class, () -> ChecksumFile.parse(sha + "  other.zip", "mine.zip")).getMessage());
    assertEquals("not a CHECKSUM line: '<html>not found</html>'", assertThrows(IllegalArgumentException.class,
        () -> ChecksumFile.parse("<html>not found</html>", "mine.zip")).getMessage());
    assertEquals(sha + "  mine.zip", ChecksumFile.line(sha, "mine.zip"));
    assertEquals(sha, ChecksumFile.parse(ChecksumFile.line(sha, "mine.zip"), "mine.zip"));
  }
}
