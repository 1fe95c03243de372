package dev.vigie.cache;

import static dev.vigie.cache.CacheFixture.ask;
import static dev.vigie.cache.CacheFixture.eventually;
import static dev.vigie.cache.CacheFixture.failure;
import static dev.vigie.cache.CacheFixture.key;
import static dev.vigie.cache.CacheFixture.staged;
import static dev.vigie.cache.CacheFixture.zip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.CacheBus;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** PUT moves a verified file to its Binance path and indexes it; a file that fails its SHA-256 never enters. */
@ExtendWith(VertxExtension.class)
class VerifiedPutTest {
  @TempDir
  Path dataDir;

  /** Vert.x closes (and the cache saves its index) before the temporary directory is deleted. */
  @AfterEach
  void closeVertx(Vertx vertx) throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aVerifiedFileLandsAtItsBinancePathAndIsFoundFromMemory(Vertx vertx) throws Exception {
    List<JsonObject> changes = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(CacheBus.CHANGED, m -> changes.add(m.body()));
    CacheFixture.deploy(vertx, new CacheVerticle(), CacheFixture.config(dataDir, new JsonObject()));
    byte[] bytes = zip("2024-03-01", "");
    JsonObject put = staged(dataDir, "2024-03-01", bytes);

    JsonObject reply = ask(vertx, CacheBus.PUT, put);
    Path expected = dataDir.resolve("archives").resolve(key("2024-03-01")).toAbsolutePath();
    assertEquals(expected.toString(), reply.getString("path"));
    assertArrayEquals(bytes, Files.readAllBytes(expected));
    assertFalse(Files.exists(Path.of(put.getString("file"))), "the temporary file was moved, not copied");

    JsonObject hit = ask(vertx, CacheBus.LOOKUP, new JsonObject().put("key", key("2024-03-01")));
    assertTrue(hit.getBoolean("hit"));
    assertEquals(put.getString("sha256"), hit.getString("sha256"));
    assertEquals(bytes.length, hit.getLong("bytes"));
    assertFalse(ask(vertx, CacheBus.LOOKUP, new JsonObject().put("key", key("2024-03-02"))).getBoolean("hit"));
    eventually(() -> changes.stream().anyMatch(c -> c.getString("change").equals("added")), "an 'added' change");

    JsonObject archive = ask(vertx, CacheBus.STATS, null).getJsonObject("archive");
    assertEquals(1, archive.getLong("hits"));
    assertEquals(1, archive.getLong("misses"));
    assertEquals(0.5, archive.getDouble("hitRate"));
  }

  @Test
  void aFileThatFailsItsSha256NeverEntersTheCache(Vertx vertx) throws Exception {
    CacheFixture.deploy(vertx, new CacheVerticle(), CacheFixture.config(dataDir, new JsonObject()));
    JsonObject put = staged(dataDir, "2024-03-01", zip("2024-03-01", ""));
    put.put("sha256", CacheFixture.sha256("something else".getBytes()));

    ReplyException refused = failure(vertx.eventBus().request(CacheBus.PUT, put));
    assertEquals(409, refused.failureCode());
    assertTrue(refused.getMessage().contains("CHECKSUM_MISMATCH"), refused.getMessage());
    assertFalse(ask(vertx, CacheBus.LOOKUP, new JsonObject().put("key", key("2024-03-01"))).getBoolean("hit"));
    assertFalse(Files.exists(dataDir.resolve("archives").resolve(key("2024-03-01"))));
  }

  @Test
  void keysOutsideTheLayoutAndFilesOutsideTheDataDirectoryAreRefused(Vertx vertx) throws Exception {
    CacheFixture.deploy(vertx, new CacheVerticle(), CacheFixture.config(dataDir, new JsonObject()));
    JsonObject put = staged(dataDir, "2024-03-01", zip("2024-03-01", ""));
    assertEquals(400, failure(vertx.eventBus().request(CacheBus.PUT, put.copy().put("key", "data/../../etc/passwd.zip")))
        .failureCode());
    Path outside = Files.createTempFile("outside-data-dir", ".zip");
    try {
      Files.copy(Path.of(put.getString("file")), outside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      assertEquals(400, failure(vertx.eventBus().request(CacheBus.PUT, put.copy().put("file", outside.toString())))
          .failureCode(), "only files inside dataDir are moved into the cache");
      assertTrue(Files.exists(outside));
    } finally {
      Files.deleteIfExists(outside);
    }
  }

  @Test
  void storingPastTheByteLimitEvictsTheLeastRecentlyUsedArchiveAndItsFile(Vertx vertx) throws Exception {
    byte[] a = zip("2024-03-01", "");
    CacheFixture.deploy(vertx, new CacheVerticle(),
        CacheFixture.config(dataDir, new JsonObject().put("maxBytes", a.length * 2L + a.length / 2)));
    ask(vertx, CacheBus.PUT, staged(dataDir, "2024-03-01", a));
    ask(vertx, CacheBus.PUT, staged(dataDir, "2024-03-02", zip("2024-03-02", "")));
    ask(vertx, CacheBus.LOOKUP, new JsonObject().put("key", key("2024-03-01")));
    JsonObject third = ask(vertx, CacheBus.PUT, staged(dataDir, "2024-03-03", zip("2024-03-03", "")));

    assertEquals(List.of(key("2024-03-02")), third.getJsonArray("evicted").getList());
    assertTrue(ask(vertx, CacheBus.LOOKUP, new JsonObject().put("key", key("2024-03-01"))).getBoolean("hit"));
    assertFalse(ask(vertx, CacheBus.LOOKUP, new JsonObject().put("key", key("2024-03-02"))).getBoolean("hit"));
    Path evicted = dataDir.resolve("archives").resolve(key("2024-03-02"));
    eventually(() -> !Files.exists(evicted), "the evicted file is deleted");
    assertEquals(1, ask(vertx, CacheBus.STATS, null).getJsonObject("archive").getLong("evictions"));
  }

  /** What revalidation relies on: a re-published version PUT under the same key replaces the old one. */
  @Test
  void aRepublishedVersionReplacesTheCachedOne(Vertx vertx) throws Exception {
    List<JsonObject> changes = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(CacheBus.CHANGED, m -> changes.add(m.body()));
    CacheFixture.deploy(vertx, new CacheVerticle(), CacheFixture.config(dataDir, new JsonObject()));
    ask(vertx, CacheBus.PUT, staged(dataDir, "2024-03-01", zip("2024-03-01", "")));
    byte[] republished = zip("2024-03-01", "re-published");

    JsonObject reply = ask(vertx, CacheBus.PUT, staged(dataDir, "2024-03-01", republished));
    assertTrue(reply.getBoolean("replaced"));
    eventually(() -> changes.stream().anyMatch(c -> c.getString("change").equals("replaced")), "the archive is replaced");
    assertEquals(CacheFixture.sha256(republished), ask(vertx, CacheBus.LOOKUP,
        new JsonObject().put("key", key("2024-03-01"))).getString("sha256"));
    assertArrayEquals(republished, Files.readAllBytes(dataDir.resolve("archives").resolve(key("2024-03-01"))));
  }
}
