package dev.vigie.download;

import static dev.vigie.download.MirroredDownloads.mirrorSha;
import static dev.vigie.download.MirroredDownloads.mirrorSize;
import static dev.vigie.download.MirroredDownloads.outcome;
import static dev.vigie.kit.TestArchives.trades;
import static dev.vigie.kit.TestArchives.tradesKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.DownloadBus;
import dev.vigie.demo.MirrorFaults;
import dev.vigie.demo.MirrorVerticle;
import dev.vigie.kit.Heard;
import dev.vigie.kit.TestArchives;
import dev.vigie.kit.TestVigie;
import dev.vigie.vision.VisionPath;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeAfterDropTest {
  @TempDir
  Path temp;

  @Test
  void aDroppedConnectionResumesWithARangeRequestAndTheDigestStaysRight() throws Exception {
    dropAfterAndResume(200_000);
  }

  /**
   * A drop within the first kilobyte arrives with the response's headers: the bytes before it reach the .part all the
   * same (the file is open before the request leaves), so the download resumes instead of starting over.
   */
  @Test
  void aDropInTheFirstBytesStillResumes() throws Exception {
    for (int round = 0; round < 5; round++) {
      dropAfterAndResume(1_000);
    }
  }

  private void dropAfterAndResume(long dropAfter) throws Exception {
    Path temp = Files.createTempDirectory(this.temp, "vigie");
    try (TestVigie vigie = TestVigie.start(MirroredDownloads.config(temp).only("cache", "download"))) {
      Heard outcomes = vigie.listen(DownloadBus.DONE, DownloadBus.FAILED);
      String key = tradesKey("BTCUSDT", "2024-03-01");
      long size = mirrorSize(vigie, key);
      assertTrue(size > 300_000, "the archive is big enough to cut: " + size);
      vigie.mirror().faults().set(key, MirrorFaults.Fault.dropAfter(dropAfter, 1));

      vigie.ask(DownloadBus.REQUEST, trades("BTCUSDT", "2024-03-01"));
      JsonObject done = outcome(outcomes, key);

      assertEquals(mirrorSha(vigie, key), done.getString("sha256"), done.encode());
      assertTrue(done.getBoolean("resumed"), done.encode());
      List<String> ranges = vigie.mirror().seen().stream().filter(s -> s.path().endsWith(".zip") && s.range() != null)
          .map(MirrorVerticle.Seen::range).toList();
      assertEquals(1, ranges.size(), ranges.toString());
      assertTrue(ranges.get(0).matches("bytes=\\d+-") && !ranges.get(0).equals("bytes=0-"), ranges.toString());
      Path archive = temp.resolve("data").resolve("archives").resolve(key);
      assertEquals(mirrorSha(vigie, key), TestArchives.sha256(archive));
      assertFalse(Files.exists(temp.resolve("data").resolve("tmp").resolve(VisionPath.partName(key))));
    }
  }
}
