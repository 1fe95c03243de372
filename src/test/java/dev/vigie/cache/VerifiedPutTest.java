package dev.vigie.cache;

import static dev.vigie.cache.StagedArchives.config;
import static dev.vigie.cache.StagedArchives.key;
import static dev.vigie.cache.StagedArchives.staged;
import static dev.vigie.cache.StagedArchives.zip;
import static dev.vigie.kit.TestArchives.sha256;
import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.CacheBus;
import dev.vigie.kit.Heard;
import dev.vigie.kit.StartedVigies;
import dev.vigie.kit.TestVigie;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** PUT moves a verified file to its Binance path and indexes it; a file that fails its SHA-256 never enters. */
class VerifiedPutTest {
  @TempDir
  Path dataDir;

  @RegisterExtension
  final StartedVigies vigies = new StartedVigies();
  private TestVigie vigie;

  @Test
  void aVerifiedFileLandsAtItsBinancePathAndIsFoundFromMemory() throws Exception {
    vigie = vigies.start(config(dataDir));
    Heard changes = vigie.listen(CacheBus.CHANGED);
    vigie.deploy(new CacheVerticle());
    byte[] bytes = zip("2024-03-01", "");
    JsonObject put = staged(dataDir, "2024-03-01", bytes);

    JsonObject reply = vigie.ask(CacheBus.PUT, put);
    Path expected = dataDir.resolve("archives").resolve(key("2024-03-01")).toAbsolutePath();
    assertEquals(expected.toString(), reply.getString("path"));
    assertArrayEquals(bytes, Files.readAllBytes(expected));
    assertFalse(Files.exists(Path.of(put.getString("file"))), "the temporary file was moved, not copied");

    JsonObject hit = vigie.ask(CacheBus.LOOKUP, new JsonObject().put("key", key("2024-03-01")));
    assertTrue(hit.getBoolean("hit"));
    assertEquals(put.getString("sha256"), hit.getString("sha256"));
    assertEquals(bytes.length, hit.getLong("bytes"));
    assertFalse(vigie.ask(CacheBus.LOOKUP, new JsonObject().put("key", key("2024-03-02"))).getBoolean("hit"));
    changes.await("an 'added' change", c -> c.getString("change").equals("added"));

    JsonObject archive = vigie.ask(CacheBus.STATS, null).getJsonObject("archive");
    assertEquals(1, archive.getLong("hits"));
    assertEquals(1, archive.getLong("misses"));
    assertEquals(0.5, archive.getDouble("hitRate"));
  }

  @Test
  void aFileThatFailsItsSha256NeverEntersTheCache() throws Exception {
    vigie = vigies.start(config(dataDir));
    vigie.deploy(new CacheVerticle());
    JsonObject put = staged(dataDir, "2024-03-01", zip("2024-03-01", ""));
    put.put("sha256", sha256("something else".getBytes()));

    ReplyException refused = vigie.refusal(CacheBus.PUT, put);
    assertEquals(409, refused.failureCode());
    assertTrue(refused.getMessage().contains("CHECKSUM_MISMATCH"), refused.getMessage());
    assertFalse(vigie.ask(CacheBus.LOOKUP, new JsonObject().put("key", key("2024-03-01"))).getBoolean("hit"));
    assertFalse(Files.exists(dataDir.resolve("archives").resolve(key("2024-03-01"))));
  }

  @Test
  void keysOutsideTheLayoutAndFilesOutsideTheDataDirectoryAreRefused() throws Exception {
    vigie = vigies.start(config(dataDir));
    vigie.deploy(new CacheVerticle());
    JsonObject put = staged(dataDir, "2024-03-01", zip("2024-03-01", ""));
    assertEquals(400, vigie.refusal(CacheBus.PUT, put.copy().put("key", "data/../../etc/passwd.zip"))
        .failureCode());
    Path outside = Files.createTempFile("outside-data-dir", ".zip");
    try {
      Files.copy(Path.of(put.getString("file")), outside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      assertEquals(400, vigie.refusal(CacheBus.PUT, put.copy().put("file", outside.toString()))
          .failureCode(), "only files inside dataDir are moved into the cache");
      assertTrue(Files.exists(outside));
    } finally {
      Files.deleteIfExists(outside);
    }
  }

  @Test
  void storingPastTheByteLimitEvictsTheLeastRecentlyUsedArchiveAndItsFile() throws Exception {
    byte[] a = zip("2024-03-01", "");
    vigie = vigies.start(config(dataDir).set("cache.maxBytes", a.length * 2L + a.length / 2));
    vigie.deploy(new CacheVerticle());
    vigie.ask(CacheBus.PUT, staged(dataDir, "2024-03-01", a));
    vigie.ask(CacheBus.PUT, staged(dataDir, "2024-03-02", zip("2024-03-02", "")));
    vigie.ask(CacheBus.LOOKUP, new JsonObject().put("key", key("2024-03-01")));
    JsonObject third = vigie.ask(CacheBus.PUT, staged(dataDir, "2024-03-03", zip("2024-03-03", "")));

    assertEquals(List.of(key("2024-03-02")), third.getJsonArray("evicted").getList());
    assertTrue(vigie.ask(CacheBus.LOOKUP, new JsonObject().put("key", key("2024-03-01"))).getBoolean("hit"));
    assertFalse(vigie.ask(CacheBus.LOOKUP, new JsonObject().put("key", key("2024-03-02"))).getBoolean("hit"));
    Path evicted = dataDir.resolve("archives").resolve(key("2024-03-02"));
    eventually("the evicted file is deleted", () -> !Files.exists(evicted));
    assertEquals(1, vigie.ask(CacheBus.STATS, null).getJsonObject("archive").getLong("evictions"));
  }

  /** What revalidation relies on: a re-published version PUT under the same key replaces the old one. */
  @Test
  void aRepublishedVersionReplacesTheCachedOne() throws Exception {
    vigie = vigies.start(config(dataDir));
    Heard changes = vigie.listen(CacheBus.CHANGED);
    vigie.deploy(new CacheVerticle());
    vigie.ask(CacheBus.PUT, staged(dataDir, "2024-03-01", zip("2024-03-01", "")));
    byte[] republished = zip("2024-03-01", "re-published");

    JsonObject reply = vigie.ask(CacheBus.PUT, staged(dataDir, "2024-03-01", republished));
    assertTrue(reply.getBoolean("replaced"));
    changes.await("the archive is replaced", c -> c.getString("change").equals("replaced"));
    assertEquals(sha256(republished), vigie.ask(CacheBus.LOOKUP,
        new JsonObject().put("key", key("2024-03-01"))).getString("sha256"));
    assertArrayEquals(republished, Files.readAllBytes(dataDir.resolve("archives").resolve(key("2024-03-01"))));
  }
}
