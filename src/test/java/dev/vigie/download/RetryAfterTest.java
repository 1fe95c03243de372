package dev.vigie.download;

import static dev.vigie.download.MirroredDownloads.mirrorSha;
import static dev.vigie.download.MirroredDownloads.outcome;
import static dev.vigie.kit.TestArchives.klines;
import static dev.vigie.kit.TestArchives.klinesKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.DownloadBus;
import dev.vigie.demo.MirrorFaults;
import dev.vigie.demo.MirrorVerticle;
import dev.vigie.kit.Heard;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetryAfterTest {
  @TempDir
  Path temp;

  @Test
  void a429WithRetryAfterWaitsThatLongThenSucceeds() throws Exception {
    honoured(429);
  }

  @Test
  void a503WithRetryAfterWaitsThatLongThenSucceeds() throws Exception {
    honoured(503);
  }

  private void honoured(int status) throws Exception {
    // The backoff alone would wait at most 200 ms: only Retry-After explains a wait of a second.
    try (TestVigie vigie = TestVigie.start(MirroredDownloads.config(temp).only("cache", "download"))) {
      Heard outcomes = vigie.listen(DownloadBus.DONE, DownloadBus.FAILED);
      String key = klinesKey("ETHUSDT", "2024-05-01");
      vigie.mirror().faults().set(key, MirrorFaults.Fault.status(status, 1, 1));

      vigie.ask(DownloadBus.REQUEST, klines("ETHUSDT", "2024-05-01"));
      JsonObject done = outcome(outcomes, key);

      assertEquals(mirrorSha(vigie, key), done.getString("sha256"), done.encode());
      List<MirrorVerticle.Seen> seen = vigie.mirror().seen();
      assertTrue(seen.size() >= 3, seen.toString());
      long waited = seen.get(1).atMs() - seen.get(0).atMs();
      assertTrue(waited >= 950, "waited " + waited + " ms after Retry-After: 1");
    }
  }
}
