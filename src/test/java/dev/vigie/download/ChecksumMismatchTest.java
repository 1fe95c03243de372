package dev.vigie.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vigie.demo.MirrorFaults;
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
    try (DownloadHarness h = new DownloadHarness(temp, new JsonObject())) {
      String key = DownloadHarness.klinesKey("BNBUSDT", "2022-06-01");
      h.mirror.faults().set(key, MirrorFaults.Fault.badChecksum());

      h.request(DownloadHarness.klines("BNBUSDT", "2022-06-01"));
      JsonObject failed = h.outcome(key);

      assertEquals("CHECKSUM_MISMATCH", failed.getString("error"), failed.encode());
      long archiveGets = h.mirror.seen().stream().filter(s -> s.path().endsWith(".zip")).count();
      assertEquals(2, archiveGets, "downloaded once, then once more");
      assertEquals(2, h.list().getJsonObject("counts").getInteger("corrupted"));
      assertFalse(Files.exists(h.dataDir.resolve("archives").resolve(key)), "an unverified file never enters the cache");
      try (Stream<Path> tmp = Files.list(h.dataDir.resolve("tmp"))) {
        assertEquals(0, tmp.filter(p -> p.toString().endsWith(".part")).count(), "the bad file is deleted");
      }
    }
  }
}
