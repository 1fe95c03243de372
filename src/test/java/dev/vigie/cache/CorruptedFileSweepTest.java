package dev.vigie.cache;

import static dev.vigie.cache.CacheFixture.ask;
import static dev.vigie.cache.CacheFixture.eventually;
import static dev.vigie.cache.CacheFixture.key;
import static dev.vigie.cache.CacheFixture.staged;
import static dev.vigie.cache.CacheFixture.zip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.CacheBus;
import dev.vigie.bus.MonitorBus;
import io.vertx.core.Vertx;
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

/** The sweep re-hashes files at rest and removes corrupted and orphaned ones, counted and reported. */
@ExtendWith(VertxExtension.class)
class CorruptedFileSweepTest {
  @TempDir
  Path dataDir;

  /** Vert.x closes (and the cache saves its index) before the temporary directory is deleted. */
  @AfterEach
  void closeVertx(Vertx vertx) throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aFlippedByteOnDiskIsFoundBySweepAndRemoved(Vertx vertx) throws Exception {
    List<JsonObject> changes = new CopyOnWriteArrayList<>();
    List<JsonObject> activity = new CopyOnWriteArrayList<>();
    List<JsonObject> sections = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(CacheBus.CHANGED, m -> changes.add(m.body()));
    vertx.eventBus().<JsonObject>consumer(MonitorBus.ACTIVITY, m -> activity.add(m.body()));
    vertx.eventBus().<JsonObject>consumer(MonitorBus.SECTION, m -> sections.add(m.body()));
    CacheFixture.deploy(vertx, new CacheVerticle(), CacheFixture.config(dataDir, new JsonObject()));
    ask(vertx, CacheBus.PUT, staged(dataDir, "2024-03-01", zip("2024-03-01", "")));
    ask(vertx, CacheBus.PUT, staged(dataDir, "2024-03-02", zip("2024-03-02", "")));

    Path damaged = dataDir.resolve("archives").resolve(key("2024-03-01"));
    byte[] bytes = Files.readAllBytes(damaged);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(damaged, bytes);
    Path stray = dataDir.resolve("archives").resolve("data/spot/leftover.part");
    Files.writeString(stray, "half a download");

    JsonObject report = ask(vertx, CacheBus.SWEEP, null);
    assertEquals(2, report.getInteger("checked"));
    assertEquals(1, report.getInteger("corruptedRemoved"));
    assertEquals(1, report.getInteger("orphansRemoved"));

    assertFalse(ask(vertx, CacheBus.LOOKUP, new JsonObject().put("key", key("2024-03-01"))).getBoolean("hit"));
    assertTrue(ask(vertx, CacheBus.LOOKUP, new JsonObject().put("key", key("2024-03-02"))).getBoolean("hit"));
    eventually(() -> !Files.exists(damaged), "the corrupted file is deleted");
    eventually(() -> !Files.exists(stray), "the orphan is deleted");
    eventually(() -> changes.stream().anyMatch(c -> c.getString("change").equals("corrupted")
        && c.getString("key").equals(key("2024-03-01"))), "a 'corrupted' change is published");
    eventually(() -> activity.stream().anyMatch(a -> a.getString("level").equals("warning")
        && a.getString("message").contains("1 corrupted")), "an activity line says so");

    JsonObject stats = ask(vertx, CacheBus.STATS, null).getJsonObject("archive");
    assertEquals(1, stats.getLong("corruptedRemoved"));
    assertEquals(1, stats.getLong("orphansRemoved"));
    eventually(() -> sections.stream().anyMatch(s -> s.getString("section").equals("cache")
        && s.getJsonArray("metrics").stream().map(JsonObject.class::cast)
            .anyMatch(m -> m.getString("label").equals("Corrupted removed") && m.getInteger("value") == 1)),
        "the cache section shows the removal");
  }

  @Test
  void theSweepAtStartCatchesDamageThatKeptItsSizeAndTime(Vertx vertx) throws Exception {
    JsonObject quiet = CacheFixture.config(dataDir, new JsonObject());
    String id = CacheFixture.deploy(vertx, new CacheVerticle(), quiet);
    ask(vertx, CacheBus.PUT, staged(dataDir, "2024-03-01", zip("2024-03-01", "")));
    vertx.undeploy(id).await(10, TimeUnit.SECONDS);
    Path damaged = dataDir.resolve("archives").resolve(key("2024-03-01"));
    flipOneByteKeepingTheTime(damaged);

    CacheFixture.deploy(vertx, new CacheVerticle(), CacheFixture.config(dataDir, new JsonObject().put("sweepAtStart", true)));
    eventually(() -> !Files.exists(damaged), "the sweep at start removes the damaged file");
    assertFalse(ask(vertx, CacheBus.LOOKUP, new JsonObject().put("key", key("2024-03-01"))).getBoolean("hit"));
  }

  @Test
  void theScheduledSweepCatchesDamageWhileRunning(Vertx vertx) throws Exception {
    CacheFixture.deploy(vertx, new CacheVerticle(), CacheFixture.config(dataDir, new JsonObject().put("sweepIntervalMs", 100)));
    ask(vertx, CacheBus.PUT, staged(dataDir, "2024-03-01", zip("2024-03-01", "")));
    Path damaged = dataDir.resolve("archives").resolve(key("2024-03-01"));
    flipOneByteKeepingTheTime(damaged);
    eventually(() -> !Files.exists(damaged), "a scheduled sweep removes the damaged file");
    assertEquals(1, ask(vertx, CacheBus.STATS, null).getJsonObject("archive").getLong("corruptedRemoved"));
  }

  private static void flipOneByteKeepingTheTime(Path file) throws java.io.IOException {
    java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(file);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(file, bytes);
    Files.setLastModifiedTime(file, time);
  }
}
