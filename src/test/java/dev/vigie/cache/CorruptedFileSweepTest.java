package dev.vigie.cache;

import static dev.vigie.cache.StagedArchives.config;
import static dev.vigie.cache.StagedArchives.key;
import static dev.vigie.cache.StagedArchives.staged;
import static dev.vigie.cache.StagedArchives.zip;
import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.CacheBus;
import dev.vigie.bus.MonitorBus;
import dev.vigie.kit.Heard;
import dev.vigie.kit.StartedVigies;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The sweep re-hashes files at rest and removes corrupted and orphaned ones, counted and reported. */
class CorruptedFileSweepTest {
  @TempDir
  Path dataDir;
  @RegisterExtension
  final StartedVigies vigies = new StartedVigies();
  private TestVigie vigie;

  @Test
  void aFlippedByteOnDiskIsFoundBySweepAndRemoved() throws Exception {
    vigie = vigies.start(config(dataDir));
    Heard changes = vigie.listen(CacheBus.CHANGED);
    Heard activity = vigie.listen(MonitorBus.ACTIVITY);
    Heard sections = vigie.listen(MonitorBus.SECTION);
    vigie.deploy(new CacheVerticle());
    vigie.ask(CacheBus.PUT, staged(dataDir, "2024-03-01", zip("2024-03-01", "")));
    vigie.ask(CacheBus.PUT, staged(dataDir, "2024-03-02", zip("2024-03-02", "")));

    Path damaged = dataDir.resolve("archives").resolve(key("2024-03-01"));
    byte[] bytes = Files.readAllBytes(damaged);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(damaged, bytes);
    Path stray = dataDir.resolve("archives").resolve("data/spot/leftover.part");
    Files.writeString(stray, "half a download");

    JsonObject report = vigie.ask(CacheBus.SWEEP, null);
    assertEquals(2, report.getInteger("checked"));
    assertEquals(1, report.getInteger("corruptedRemoved"));
    assertEquals(1, report.getInteger("orphansRemoved"));

    assertFalse(vigie.ask(CacheBus.LOOKUP, new JsonObject().put("key", key("2024-03-01"))).getBoolean("hit"));
    assertTrue(vigie.ask(CacheBus.LOOKUP, new JsonObject().put("key", key("2024-03-02"))).getBoolean("hit"));
    eventually("the corrupted file is deleted", () -> !Files.exists(damaged));
    eventually("the orphan is deleted", () -> !Files.exists(stray));
    changes.await("a 'corrupted' change is published", c -> c.getString("change").equals("corrupted")
        && c.getString("key").equals(key("2024-03-01")));
    activity.await("an activity line says so", a -> a.getString("level").equals("warning")
        && a.getString("message").contains("1 corrupted"));

    JsonObject stats = vigie.ask(CacheBus.STATS, null).getJsonObject("archive");
    assertEquals(1, stats.getLong("corruptedRemoved"));
    assertEquals(1, stats.getLong("orphansRemoved"));
    sections.await("the cache section shows the removal", s -> s.getString("section").equals("cache")
        && s.getJsonArray("metrics").stream().map(JsonObject.class::cast)
            .anyMatch(m -> m.getString("label").equals("Corrupted removed") && m.getInteger("value") == 1));
  }

  @Test
  void theSweepAtStartCatchesDamageThatKeptItsSizeAndTime() throws Exception {
    vigie = vigies.start(config(dataDir));
    vigie.deploy(new CacheVerticle());
    vigie.ask(CacheBus.PUT, staged(dataDir, "2024-03-01", zip("2024-03-01", "")));
    vigie.close();
    Path damaged = dataDir.resolve("archives").resolve(key("2024-03-01"));
    flipOneByteKeepingTheTime(damaged);

    vigie = vigies.start(config(dataDir).set("cache.sweepAtStart", true));
    vigie.deploy(new CacheVerticle());
    eventually("the sweep at start removes the damaged file", () -> !Files.exists(damaged));
    assertFalse(vigie.ask(CacheBus.LOOKUP, new JsonObject().put("key", key("2024-03-01"))).getBoolean("hit"));
  }

  @Test
  void theScheduledSweepCatchesDamageWhileRunning() throws Exception {
    vigie = vigies.start(config(dataDir).set("cache.sweepIntervalMs", 100));
    vigie.deploy(new CacheVerticle());
    vigie.ask(CacheBus.PUT, staged(dataDir, "2024-03-01", zip("2024-03-01", "")));
    Path damaged = dataDir.resolve("archives").resolve(key("2024-03-01"));
    flipOneByteKeepingTheTime(damaged);
    eventually("a scheduled sweep removes the damaged file", () -> !Files.exists(damaged));
    assertEquals(1, vigie.ask(CacheBus.STATS, null).getJsonObject("archive").getLong("corruptedRemoved"));
  }

  private static void flipOneByteKeepingTheTime(Path file) throws java.io.IOException {
    java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(file);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(file, bytes);
    Files.setLastModifiedTime(file, time);
  }
}
