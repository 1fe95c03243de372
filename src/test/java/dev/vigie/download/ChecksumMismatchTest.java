package dev.vigie.download;

import static dev.vigie.download.MirroredDownloads.outcome;
import static dev.vigie.kit.TestArchives.klines;
import static dev.vigie.kit.TestArchives.klinesKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vigie.bus.DownloadBus;
import dev.vigie.demo.MirrorFaults;
import dev.vigie.kit.Heard;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumMismatchTest {
  @TempDir
  Path temp;

  @Test
  void aMismatchDeletesTheFileRetriesOnceThenFails() throws Exception {
    try (TestVigie vigie = TestVigie.start(MirroredDownloads.config(temp).only("cache", "download"))) {
      Heard outcomes = vigie.listen(DownloadBus.DONE, DownloadBus.FAILED);
      String key = klinesKey("BNBUSDT", "2022-06-01");
      vigie.mirror().faults().set(key, MirrorFaults.Fault.badChecksum());

      vigie.ask(DownloadBus.REQUEST, klines("BNBUSDT", "2022-06-01"));
      JsonObject failed = outcome(outcomes, key);

      assertEquals("CHECKSUM_MISMATCH", failed.getString("error"), failed.encode());
      long archiveGets = vigie.mirror().seen().stream().filter(s -> s.path().endsWith(".zip")).count();
      assertEquals(2, archiveGets, "downloaded once, then once more");
      assertEquals(2, vigie.ask(DownloadBus.LIST, null).getJsonObject("counts").getInteger("corrupted"));
      assertFalse(Files.exists(temp.resolve("data").resolve("archives").resolve(key)), "an unverified file never enters the cache");
      try (Stream<Path> tmp = Files.list(temp.resolve("data").resolve("tmp"))) {
        assertEquals(0, tmp.filter(p -> p.toString().endsWith(".part")).count(), "the bad file is deleted");
      }
    }
  }
}
