package dev.vigie.cache;

import static dev.vigie.cache.CacheFixture.ask;
import static dev.vigie.cache.CacheFixture.key;
import static dev.vigie.cache.CacheFixture.staged;
import static dev.vigie.cache.CacheFixture.zip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.CacheBus;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The index is rebuilt from {@code <dataDir>/archives/} when its file is missing, and reconciled when stale. */
@ExtendWith(VertxExtension.class)
class IndexRebuildTest {
  @TempDir
  Path dataDir;

  /** Vert.x closes (and the cache saves its index) before the temporary directory is deleted. */
  @AfterEach
  void closeVertx(Vertx vertx) throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private JsonObject config() {
    return CacheFixture.config(dataDir, new JsonObject());
  }

  private boolean hit(Vertx vertx, String date) throws Exception {
    return ask(vertx, CacheBus.LOOKUP, new JsonObject().put("key", key(date))).getBoolean("hit");
  }

  private Path archive(String date) {
    return dataDir.resolve("archives").resolve(key(date));
  }

  @Test
  void aMissingIndexIsRebuiltFromTheDirectoryAndStraysAreRemoved(Vertx vertx) throws Exception {
    String id = CacheFixture.deploy(vertx, new CacheVerticle(), config());
    byte[] first = zip("2024-03-01", "");
    ask(vertx, CacheBus.PUT, staged(dataDir, "2024-03-01", first));
    ask(vertx, CacheBus.PUT, staged(dataDir, "2024-03-02", zip("2024-03-02", "")));
    vertx.undeploy(id).await(10, TimeUnit.SECONDS);
    assertTrue(Files.exists(dataDir.resolve("archive-index.json")), "stop saves the index");

    Files.delete(dataDir.resolve("archive-index.json"));
    byte[] orphan = zip("2024-03-03", "");
    Files.write(archive("2024-03-03"), orphan);
    byte[] whole = zip("2024-03-04", "");
    Files.write(archive("2024-03-04"), Arrays.copyOf(whole, whole.length - 10));
    Path stray = archive("2024-03-01").resolveSibling("notes.txt");
    Files.writeString(stray, "not an archive");

    CacheFixture.deploy(vertx, new CacheVerticle(), config());
    assertTrue(hit(vertx, "2024-03-01"));
    assertTrue(hit(vertx, "2024-03-02"));
    JsonObject adopted = ask(vertx, CacheBus.LOOKUP, new JsonObject().put("key", key("2024-03-03")));
    assertTrue(adopted.getBoolean("hit"), "a complete archive not in the index is adopted");
    assertEquals(CacheFixture.sha256(orphan), adopted.getString("sha256"));
    assertEquals(CacheFixture.sha256(first), ask(vertx, CacheBus.LOOKUP,
        new JsonObject().put("key", key("2024-03-01"))).getString("sha256"), "hashes are recomputed from the files");
    assertFalse(hit(vertx, "2024-03-04"), "a truncated ZIP is not adopted");
    CacheFixture.eventually(() -> !Files.exists(archive("2024-03-04")), "the truncated ZIP is removed");
    CacheFixture.eventually(() -> !Files.exists(stray), "the stray file is removed");
    CacheFixture.eventually(() -> Files.exists(dataDir.resolve("archive-index.json")), "the rebuilt index is saved");

    JsonObject stats = ask(vertx, CacheBus.STATS, null).getJsonObject("archive");
    assertEquals(3, stats.getLong("entries"));
    assertEquals(3, stats.getLong("adopted"));
    assertEquals(1, stats.getLong("corruptedRemoved"));
    assertEquals(1, stats.getLong("orphansRemoved"));
  }

  @Test
  void aStaleIndexForgetsVanishedFilesAndAdoptsNewOnes(Vertx vertx) throws Exception {
    String id = CacheFixture.deploy(vertx, new CacheVerticle(), config());
    ask(vertx, CacheBus.PUT, staged(dataDir, "2024-03-01", zip("2024-03-01", "")));
    ask(vertx, CacheBus.PUT, staged(dataDir, "2024-03-02", zip("2024-03-02", "")));
    vertx.undeploy(id).await(10, TimeUnit.SECONDS);

    Files.delete(archive("2024-03-02"));
    Files.write(archive("2024-03-03"), zip("2024-03-03", ""));

    CacheFixture.deploy(vertx, new CacheVerticle(), config());
    assertTrue(hit(vertx, "2024-03-01"));
    assertFalse(hit(vertx, "2024-03-02"), "an entry whose file vanished is dropped");
    assertTrue(hit(vertx, "2024-03-03"), "a file not in the index is adopted");
    CacheFixture.eventually(() -> {
      try {
        String saved = Files.readString(dataDir.resolve("archive-index.json"));
        return saved.contains("2024-03-03") && !saved.contains("2024-03-02");
      } catch (java.io.IOException e) {
        return false;
      }
    }, "the reconciled index is saved");
  }
}
