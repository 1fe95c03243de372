package dev.vigie.download;

import static dev.vigie.download.MirroredDownloads.mirrorSize;
import static dev.vigie.kit.TestArchives.trades;
import static dev.vigie.kit.TestArchives.tradesKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.demo.MirrorFaults;
import dev.vigie.demo.MirrorVerticle;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vigie in a separate JVM, killed with SIGKILL mid-download and started again on the same data directory. */
class KilledProcessResumeTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir
  Path temp;

  @Test
  void aDownloadKilledWithSigkillResumesAfterRestartAndCompletesVerified() throws Exception {
    // The mirror lives in the test's JVM, so it outlives the killed Vigie.
    try (TestVigie here = TestVigie.start(TestConfig.defaults(temp.resolve("here")).only().mirror(40_000)
        .set("demo.mirror.dir", temp.resolve("mirror").toString()))) {
      MirrorVerticle mirror = here.mirror();
      String key = tradesKey("ETHUSDT", "2024-06-01");
      String sha = Wait.await("the mirror's " + key, mirror.archive(key), Duration.ofSeconds(60)).sha256();
      long size = mirrorSize(here, key);
      mirror.faults().set(key, MirrorFaults.Fault.throttle(250_000));
      Path data = temp.resolve("data");
      Path part = data.resolve("tmp").resolve(VisionPath.partName(key));
      Path archive = data.resolve("archives").resolve(key);
      TestConfig child = TestConfig.defaults(data).set("source.baseUrl", here.mirrorUrl())
          .merge("download", new JsonObject().put("retryBaseMs", 50).put("retryMaxMs", 500));

      try (VigieProcess vigie = VigieProcess.start(child)) {
        TestHttp http = new TestHttp(here.vertx(), vigie.httpPort());
        assertEquals(200, http.post("/api/downloads", trades("ETHUSDT", "2024-06-01")).statusCode());
        Wait.eventually("the .part grows", PATIENCE, () -> Files.exists(part) && Files.size(part) > 150_000);
        vigie.kill();
      }
      long partAtKill = Files.size(part);
      assertTrue(partAtKill < size, "killed mid-download: " + partAtKill + " of " + size);
      assertFalse(Files.exists(archive));
      int requestsBeforeRestart = mirror.seen().size();

      mirror.faults().set(key, MirrorFaults.Fault.throttle(2_000_000));
      try (VigieProcess restarted = VigieProcess.start(child)) {
        Wait.eventually("the archive reaches the cache after the restart", PATIENCE, () -> Files.exists(archive));

        assertEquals(sha, TestArchives.sha256(archive));
        List<MirrorVerticle.Seen> after = mirror.seen().subList(requestsBeforeRestart, mirror.seen().size());
        assertTrue(after.stream().anyMatch(s -> s.path().endsWith(".zip") && s.range() != null
            && s.range().matches("bytes=[1-9]\\d*-")), "resumed with a Range request: " + after);
        assertFalse(Files.exists(part), "no partial file left");
        Wait.eventually("nothing left pending", PATIENCE,
            () -> new JsonArray(Files.readString(data.resolve("tmp").resolve("pending.json"))).isEmpty());
      }
    }
  }
}
