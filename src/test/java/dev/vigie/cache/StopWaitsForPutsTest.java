package dev.vigie.cache;

import static dev.vigie.cache.StagedArchives.config;
import static dev.vigie.cache.StagedArchives.key;
import static dev.vigie.cache.StagedArchives.staged;
import static dev.vigie.cache.StagedArchives.zip;
import static dev.vigie.kit.Wait.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.CacheBus;
import dev.vigie.kit.StartedVigies;
import dev.vigie.kit.TestVigie;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Undeployed while PUTs are under way, the cache finishes them and writes an index that holds every one. */
class StopWaitsForPutsTest {
  @TempDir
  Path dataDir;

  @RegisterExtension
  final StartedVigies vigies = new StartedVigies();

  @Test
  void anUndeployDuringPutsLeavesAWholeIndexListingEveryStoredArchive() throws Exception {
    // No periodic save: only the stop writes the index.
    TestVigie vigie = vigies.start(config(dataDir).set("cache.indexSaveIntervalMs", 3_600_000));
    String id = vigie.deploy(new CacheVerticle());
    List<Future<Message<JsonObject>>> puts = new ArrayList<>();
    Set<String> keys = new TreeSet<>();
    for (int day = 1; day <= 6; day++) {
      String date = "2024-05-0" + day;
      keys.add(key(date));
      puts.add(vigie.vertx().eventBus().request(CacheBus.PUT, staged(dataDir, date, zip(date, ""))));
    }
    await("the cache to stop", vigie.vertx().undeploy(id));

    for (Future<Message<JsonObject>> put : puts) {
      await("every PUT under way to be answered", put);
    }
    Path index = dataDir.resolve("archive-index.json");
    Set<String> indexed = new TreeSet<>();
    IndexFile.read(index).orElseThrow().forEach(entry -> indexed.add(entry.key()));
    assertEquals(keys, indexed, "the index lists every archive stored");
    assertFalse(Files.exists(dataDir.resolve("archive-index.json.tmp")), "no temporary file left");
    for (String key : keys) {
      assertTrue(Files.exists(dataDir.resolve("archives").resolve(key)), key);
    }
  }
}
