package dev.vigie.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index file as it is streamed: every entry read back as written, in order, and no temporary file left. */
class IndexFileTest {
  @Test
  void entriesReadBackAsWrittenInOrder(@TempDir Path dir) throws Exception {
    List<ArchiveEntry> written = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      written.add(new ArchiveEntry("data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2021-" + i + ".zip", 90_000L + i,
          "%064x".formatted(i), 1_796_192_908_980L + i, 1_796_192_909_009L + 2L * i));
    }
    Path file = dir.resolve("archive-index.json");
    IndexFile.write(file, written);
    IndexFile.write(file, written.subList(0, 4_000)); // over the older one, shorter

    assertEquals(written.subList(0, 4_000), IndexFile.read(file).orElseThrow());
    assertEquals(1, new JsonObject(Files.readString(file)).getInteger("version"));
    assertFalse(Files.exists(dir.resolve("archive-index.json.tmp")), "the temporary file is renamed over the index");
  }

  @Test
  void anEntryWithAnUnsafeKeyIsLeftOutOnRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("archive-index.json");
    IndexFile.write(file, List.of(new ArchiveEntry("../etc/passwd", 1, "%064x".formatted(1), 1, 1),
        new ArchiveEntry("data/spot/daily/trades/BTCUSDT/BTCUSDT-trades-2021-10-01.zip", 2, "%064x".formatted(2), 2, 2)));
    assertEquals(List.of("data/spot/daily/trades/BTCUSDT/BTCUSDT-trades-2021-10-01.zip"),
        IndexFile.read(file).orElseThrow().stream().map(ArchiveEntry::key).toList());
  }
}
