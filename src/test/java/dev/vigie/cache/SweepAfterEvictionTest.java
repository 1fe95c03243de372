package dev.vigie.cache;

import static dev.vigie.cache.StagedArchives.config;
import static dev.vigie.cache.StagedArchives.key;
import static dev.vigie.cache.StagedArchives.staged;
import static dev.vigie.cache.StagedArchives.zip;
import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigie.bus.CacheBus;
import dev.vigie.kit.StartedVigies;
import dev.vigie.kit.TestVigie;
import dev.vigie.kit.Wait;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep asked right after a trim does not see the evicted archives, whose files the disk worker has not deleted
 * yet: it would adopt them back into the index (complete ZIPs) or remove them as broken. Found by CacheRoutesTest
 * under load, where the sweep answered "removed: 2" after a trim had evicted both archives.
 */
class SweepAfterEvictionTest {
  @TempDir
  Path dataDir;
  @RegisterExtension
  final StartedVigies vigies = new StartedVigies();

  @Test
  void aSweepRightAfterATrimNeitherAdoptsNorRemovesTheEvictedArchives() throws Exception {
    TestVigie vigie = vigies.start(config(dataDir));
    String deployment = vigie.deploy(new CacheVerticle());
    List<String> dates = List.of("2024-03-01", "2024-03-02");
    for (String date : dates) {
      vigie.ask(CacheBus.PUT, staged(dataDir, date, zip(date, "")));
    }

    // Holds the cache's disk worker (a shared executor: the same single thread), as a slow disk would.
    WorkerExecutor disk = vigie.vertx().createSharedWorkerExecutor(CacheVerticle.diskWorkerName(deployment), 1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch held = new CountDownLatch(1);
    Future<Object> holding = disk.executeBlocking(() -> {
      held.countDown();
      release.await();
      return null;
    }, true);
    held.await();
    try {
      assertEquals(2, vigie.ask(CacheBus.TRIM, new JsonObject().put("all", true)).getInteger("evicted"));
      Future<Message<JsonObject>> sweep = vigie.vertx().eventBus().request(CacheBus.SWEEP, null);
      vigie.ask(CacheBus.STATS, null); // answered after the sweep was taken in: it has begun
      // A sweep that walked the directory now, while the evictions' deletions wait behind the held worker, would be
      // done in a moment; a right one waits for them.
      assertThrows(TimeoutException.class, () -> sweep.toCompletionStage().toCompletableFuture().get(1, TimeUnit.SECONDS),
          "the sweep ended while the evicted files were still on disk");
      release.countDown();
      Wait.await("the held disk worker", holding);
      JsonObject report = Wait.await("the sweep", sweep).body();
      assertEquals(0, report.getInteger("adopted"), report.encode());
      assertEquals(new JsonArray(), report.getJsonArray("removed"), report.encode());
      assertEquals(0, report.getInteger("checked"), report.encode());
    } finally {
      release.countDown();
      disk.close();
    }
    for (String date : dates) {
      assertFalse(vigie.ask(CacheBus.LOOKUP, new JsonObject().put("key", key(date))).getBoolean("hit"), date);
      Path file = dataDir.resolve("archives").resolve(key(date));
      eventually("the evicted " + date + " deleted", () -> !Files.exists(file));
    }
  }
}
