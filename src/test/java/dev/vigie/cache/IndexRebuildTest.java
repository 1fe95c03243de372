package dev.vigie.cache;

import static dev.vigie.cache.StagedArchives.config;
import static dev.vigie.cache.StagedArchives.key;
import static dev.vigie.cache.StagedArchives.staged;
import static dev.vigie.cache.StagedArchives.zip;
import static dev.vigie.kit.TestArchives.sha256;
import static dev.vigie.kit.Wait.await;
import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.CacheBus;
import dev.vigie.kit.StartedVigies;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The index is rebuilt from {@code <dataDir>/archives/} when its file is missing, and reconciled when stale. */
class IndexRebuildTest {
  @TempDir
  Path dataDir;

  @RegisterExtension
  final StartedVigies vigies = new StartedVigies();
  private TestVigie vigie;

  private boolean hit(String date) throws Exception {
    return vigie.ask(CacheBus.LOOKUP, new JsonObject().put("key", key(date))).getBoolean("hit");
  }

  private Path archive(String date) {
    return dataDir.resolve("archives").resolve(key(date));
  }

  @Test
  void aMissingIndexIsRebuiltFromTheDirectoryAndStraysAreRemoved() throws Exception {
    vigie = vigies.start(config(dataDir));
    String id = vigie.deploy(new CacheVerticle());
    byte[] first = zip("2024-03-01", "");
    vigie.ask(CacheBus.PUT, staged(dataDir, "2024-03-01", first));
    vigie.ask(CacheBus.PUT, staged(dataDir, "2024-03-02", zip("2024-03-02", "")));
    await("the cache to stop", vigie.vertx().undeploy(id));
    assertTrue(Files.exists(dataDir.resolve("archive-index.json")), "stop saves the index");

    Files.delete(dataDir.resolve("archive-index.json"));
    byte[] orphan = zip("2024-03-03", "");
    Files.write(archive("2024-03-03"), orphan);
    byte[] whole = zip("2024-03-04", "");
    Files.write(archive("2024-03-04"), Arrays.copyOf(whole, whole.length - 10));
    Path stray = archive("2024-03-01").resolveSibling("notes.txt");
    Files.writeString(stray, "not an archive");

    vigie.deploy(new CacheVerticle());
    assertTrue(hit("2024-03-01"));
    assertTrue(hit("2024-03-02"));
    JsonObject adopted = vigie.ask(CacheBus.LOOKUP, new JsonObject().put("key", key("2024-03-03")));
    assertTrue(adopted.getBoolean("hit"), "a complete archive not in the index is adopted");
    assertEquals(sha256(orphan), adopted.getString("sha256"));
    assertEquals(sha256(first), vigie.ask(CacheBus.LOOKUP,
        new JsonObject().put("key", key("2024-03-01"))).getString("sha256"), "hashes are recomputed from the files");
    assertFalse(hit("2024-03-04"), "a truncated ZIP is not adopted");
    eventually("the truncated ZIP is removed", () -> !Files.exists(archive("2024-03-04")));
    eventually("the stray file is removed", () -> !Files.exists(stray));
    eventually("the rebuilt index is saved", () -> Files.exists(dataDir.resolve("archive-index.json")));

    JsonObject stats = vigie.ask(CacheBus.STATS, null).getJsonObject("archive");
    assertEquals(3, stats.getLong("entries"));
    assertEquals(3, stats.getLong("adopted"));
    assertEquals(1, stats.getLong("corruptedRemoved"));
    assertEquals(1, stats.getLong("orphansRemoved"));
  }

  @Test
  void aStaleIndexForgetsVanishedFilesAndAdoptsNewOnes() throws Exception {
    vigie = vigies.start(config(dataDir));
    String id = vigie.deploy(new CacheVerticle());
    vigie.ask(CacheBus.PUT, staged(dataDir, "2024-03-01", zip("2024-03-01", "")));
    vigie.ask(CacheBus.PUT, staged(dataDir, "2024-03-02", zip("2024-03-02", "")));
    await("the cache to stop", vigie.vertx().undeploy(id));

    Files.delete(archive("2024-03-02"));
    Files.write(archive("2024-03-03"), zip("2024-03-03", ""));

    vigie.deploy(new CacheVerticle());
    assertTrue(hit("2024-03-01"));
    assertFalse(hit("2024-03-02"), "an entry whose file vanished is dropped");
    assertTrue(hit("2024-03-03"), "a file not in the index is adopted");
    eventually("the reconciled index is saved", () -> {
      String saved = Files.readString(dataDir.resolve("archive-index.json"));
      return saved.contains("2024-03-03") && !saved.contains("2024-03-02");
    });
  }
}
