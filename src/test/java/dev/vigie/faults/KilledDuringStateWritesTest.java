package dev.vigie.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.TestArchives;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestHttp;
import dev.vigie.kit.TestVigie;
import dev.vigie.kit.VigieProcess;
import dev.vigie.kit.Wait;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault matrix (e): Vigie in its own JVM, killed with SIGKILL again and again while twenty downloads land, so the
 * kills fall while the journal ({@code tmp/pending.json}, rewritten on every change) and the index
 * ({@code archive-index.json}, saved every 50 ms here) are being written. Neither is ever left half-written, and
 * after the last restart every archive asked for is cached, verified, and indexed exactly as it lies on disk.
 */
class KilledDuringStateWritesTest {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String SYMBOL = "BNBUSDT";
  private static final LocalDate FROM = LocalDate.parse("2024-03-01");
  private static final int DAYS = 20;

  @TempDir
  Path temp;

  @Test
  void killsDuringJournalAndIndexWritesLoseNothingAndTearNothing() throws Exception {
    // The mirror lives in the test's JVM, so it outlives every killed Vigie; it paces archives so kills land mid-way.
    try (TestVigie here = TestVigie.start(TestConfig.defaults(temp.resolve("here")).only().mirror(20_000)
        .set("demo.mirror.dir", temp.resolve("mirror").toString())
        .set("demo.mirror.throttleBytesPerSecond", 400_000))) {
      List<String> keys = IntStream.range(0, DAYS)
          .mapToObj(i -> TestArchives.klinesKey(SYMBOL, FROM.plusDays(i).toString())).toList();
      Map<String, String> shas = new HashMap<>();
      for (String key : keys) {
        shas.put(key, Wait.await("the mirror's " + key, here.mirror().archive(key), PATIENCE).sha256());
      }
      Path data = temp.resolve("data");
      TestConfig child = TestConfig.defaults(data).set("source.baseUrl", here.mirrorUrl())
          .set("cache.indexSaveIntervalMs", 50).set("cache.sweepAtStart", false)
          .merge("download", new JsonObject().put("retryBaseMs", 50).put("retryMaxMs", 500));

      try (VigieProcess vigie = VigieProcess.start(child)) {
        JsonObject range = TestArchives.klines(SYMBOL, FROM.toString());
        range.remove("date");
        range.put("from", FROM.toString()).put("to", FROM.plusDays(DAYS - 1).toString());
        TestHttp http = new TestHttp(here.vertx(), vigie.httpPort());
        assertEquals(200, http.post("/api/downloads", range).statusCode());
        killOnceMoreArrive(vigie, data, 2);
      }
      assertStateFilesWhole(data, keys);
      for (int round = 0; round < 2 && cached(data) < DAYS; round++) {
        try (VigieProcess restarted = VigieProcess.start(child)) {
          killOnceMoreArrive(restarted, data, 3);
        }
        assertStateFilesWhole(data, keys);
      }

      try (VigieProcess last = VigieProcess.start(child)) {
        Wait.eventually("every archive asked for is cached after the last restart", PATIENCE, () -> cached(data) == DAYS);
        Wait.eventually("nothing left pending", PATIENCE,
            () -> new JsonArray(Files.readString(data.resolve("tmp").resolve("pending.json"))).isEmpty());
      }
      // After a clean stop the index says exactly what lies on disk.
      JsonArray entries = new JsonObject(Files.readString(data.resolve("archive-index.json"))).getJsonArray("entries");
      assertEquals(DAYS, entries.size(), entries.encode());
      for (Object o : entries) {
        JsonObject entry = (JsonObject) o;
        String key = entry.getString("key");
        Path file = data.resolve("archives").resolve(key);
        assertEquals(shas.get(key), entry.getString("sha256"), key);
        assertEquals(shas.get(key), TestArchives.sha256(file), key);
        assertEquals(Files.size(file), entry.getLong("bytes"), key);
      }
    }
  }

  /** Kills the process (SIGKILL) once {@code more} archives have arrived since now, or all are there. */
  private static void killOnceMoreArrive(VigieProcess vigie, Path data, int more) throws IOException {
    long before = cached(data);
    Wait.eventually("archives to arrive before the kill", PATIENCE,
        () -> cached(data) >= Math.min(DAYS, before + more));
    vigie.kill();
  }

  /** Both state files parse whole, and name only archives that were asked for. */
  private static void assertStateFilesWhole(Path data, List<String> keys) throws IOException {
    Path journal = data.resolve("tmp").resolve("pending.json");
    if (Files.exists(journal)) {
      for (Object o : new JsonArray(Files.readString(journal))) {
        assertTrue(keys.contains(((JsonObject) o).getString("key")), "journal entry " + o);
      }
    }
    Path index = data.resolve("archive-index.json");
    if (Files.exists(index)) {
      for (Object o : new JsonObject(Files.readString(index)).getJsonArray("entries")) {
        assertTrue(keys.contains(((JsonObject) o).getString("key")), "index entry " + o);
      }
    }
  }

  private static long cached(Path data) throws IOException {
    Path archives = data.resolve("archives");
    if (!Files.exists(archives)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(archives)) {
      return files.filter(Files::isRegularFile).count();
    }
  }
}
