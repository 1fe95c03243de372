package dev.vigie;

import static dev.vigie.kit.TestArchives.trades;
import static dev.vigie.kit.TestArchives.tradesKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.demo.MirrorFaults;
import dev.vigie.demo.MirrorVerticle;
import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestArchives;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestHttp;
import dev.vigie.kit.TestVigie;
import dev.vigie.kit.VigieProcess;
import dev.vigie.kit.Wait;
import dev.vigie.vision.VisionPath;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a Vigie in its own JVM during a stress run and active downloads: it exits in under 5 s, every state file
 * is whole, and the restarted process shows the run as cancelled, loads its index and journal, and resumes the
 * downloads.
 */
class SigtermShutdownTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir
  Path temp;

  @Test
  void sigtermDuringAStressRunAndDownloadsExitsFastAndRestartsConsistent() throws Exception {
    // The mirror and the stress target live in the test's JVM, so they outlive the stopped Vigie.
    try (TestVigie here = TestVigie.start(TestConfig.defaults(temp.resolve("here")).only().mirror(40_000)
            .set("demo.mirror.dir", temp.resolve("mirror").toString()));
        LoopbackServer target = LoopbackServer.start(req -> req.response().end("{}"))) {
      MirrorVerticle mirror = here.mirror();
      String cached = tradesKey("ETHUSDT", "2024-06-01");
      List<String> pending = List.of(tradesKey("ETHUSDT", "2024-06-02"), tradesKey("ETHUSDT", "2024-06-03"));
      for (String key : pending) {
        Wait.await("the mirror's " + key, mirror.archive(key), Duration.ofSeconds(60));
        mirror.faults().set(key, MirrorFaults.Fault.throttle(50_000));
      }
      Path data = temp.resolve("data");
      TestConfig child = TestConfig.defaults(data).set("source.baseUrl", here.mirrorUrl())
          .set("stress.allowedTargets", new JsonArray().add("127.0.0.1:" + target.port()))
          .merge("download", new JsonObject().put("maxConcurrent", 1).put("retryBaseMs", 50).put("retryMaxMs", 500));

      String run;
      long received;
      try (VigieProcess vigie = VigieProcess.start(child)) {
        TestHttp http = new TestHttp(here.vertx(), vigie.httpPort());
        assertEquals(200, http.post("/api/downloads", trades("ETHUSDT", "2024-06-01")).statusCode());
        Wait.eventually("the first archive in the cache", PATIENCE,
            () -> Files.exists(data.resolve("archives").resolve(cached)));
        for (String date : new String[] {"2024-06-02", "2024-06-03"}) {
          assertEquals(200, http.post("/api/downloads", trades("ETHUSDT", date)).statusCode());
        }
        run = http.post("/api/stress", new JsonObject().put("plan", "open").put("target", target.url("/"))
            .put("rate", 50).put("durationMs", 60_000).put("connections", 2)).bodyAsJsonObject().getString("id");
        // Bytes arrive in memory first (the .part is written a chunk at a time): watch the job's progress.
        Wait.eventually("the first pending download under way", PATIENCE, () -> http.get("/api/downloads")
            .bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast)
            .anyMatch(job -> job.getString("key").equals(pending.get(0)) && job.getLong("bytes") > 100_000));
        Wait.eventually("the run to have answers", PATIENCE, () -> {
          JsonObject progress = http.get("/api/stress/" + run).bodyAsJsonObject().getJsonObject("progress");
          return progress != null && progress.getLong("ok") > 0;
        });

        received = http.get("/api/downloads").bodyAsJsonObject().getJsonArray("items").stream()
            .map(JsonObject.class::cast).filter(job -> job.getString("key").equals(pending.get(0)))
            .findFirst().orElseThrow().getLong("bytes");
        long started = System.nanoTime();
        vigie.close();
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMs < 5_000, "SIGTERM to exit took " + tookMs + " ms; output: " + vigie.output());
      }

      // The cut transfer closed its .part before the process exited: what had arrived is on disk.
      Path part = data.resolve("tmp").resolve(VisionPath.partName(pending.get(0)));
      assertTrue(Files.size(part) >= received, "the .part holds " + Files.size(part) + " of " + received + " bytes");
      JsonObject saved = new JsonObject(Files.readString(data.resolve("stress").resolve(run + ".json")));
      assertEquals("cancelled", saved.getString("state"), saved.encode());
      assertTrue(saved.getLong("ok") > 0, saved.encode());
      Set<String> journal = new TreeSet<>();
      new JsonArray(Files.readString(data.resolve("tmp").resolve("pending.json")))
          .forEach(entry -> journal.add(((JsonObject) entry).getString("key")));
      assertEquals(new TreeSet<>(pending), journal, "the running and the queued download are still pending");
      JsonObject index = new JsonObject(Files.readString(data.resolve("archive-index.json")));
      assertTrue(index.getJsonArray("entries").encode().contains(cached), index.encode());
      try (Stream<Path> files = Files.walk(data)) {
        assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")), "no half-written state file");
      }

      for (String key : pending) {
        mirror.faults().clear(key);
      }
      try (VigieProcess restarted = VigieProcess.start(child)) {
        TestHttp http = new TestHttp(here.vertx(), restarted.httpPort());
        for (String key : pending) {
          Path archive = data.resolve("archives").resolve(key);
          Wait.eventually(key + " in the cache after the restart", PATIENCE, () -> Files.exists(archive));
          assertEquals(Wait.await("the mirror's " + key, mirror.archive(key)).sha256(), TestArchives.sha256(archive));
        }
        Wait.eventually("nothing left pending", PATIENCE,
            () -> new JsonArray(Files.readString(data.resolve("tmp").resolve("pending.json"))).isEmpty());
        JsonObject kept = http.get("/api/stress/" + run).bodyAsJsonObject();
        assertEquals("cancelled", kept.getString("state"), kept.encode());
        JsonObject again = http.post("/api/downloads", trades("ETHUSDT", "2024-06-01")).bodyAsJsonObject();
        assertEquals(new JsonArray().add(cached), again.getJsonArray("cached"), "the index came back: " + again.encode());
        assertFalse(restarted.output().stream().anyMatch(line -> line.contains("unreadable")),
            "index, journal and history load cleanly: " + restarted.output());
      }
    }
  }
}
