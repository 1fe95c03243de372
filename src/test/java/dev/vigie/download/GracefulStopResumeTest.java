package dev.vigie.download;

import static dev.vigie.download.MirroredDownloads.mirrorSha;
import static dev.vigie.download.MirroredDownloads.mirrorSize;
import static dev.vigie.download.MirroredDownloads.outcome;
import static dev.vigie.kit.TestArchives.klines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.DownloadBus;
import dev.vigie.demo.MirrorFaults;
import dev.vigie.kit.Heard;
import dev.vigie.kit.TestVigie;
import dev.vigie.kit.Wait;
import dev.vigie.vision.VisionPath;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GracefulStopResumeTest {
  @TempDir
  Path temp;

  @Test
  void aDownloadCutByAShutdownStaysPendingAndResumesAtTheNextStart() throws Exception {
    String key = "data/spot/daily/klines/DOTUSDT/1s/DOTUSDT-1s-2024-08-01.zip";
    JsonObject request = klines("DOTUSDT", "2024-08-01").put("interval", "1s");
    Path data = temp.resolve("data");
    Path part = data.resolve("tmp").resolve(VisionPath.partName(key));
    try (TestVigie first = TestVigie.start(MirroredDownloads.config(temp).only("cache", "download"))) {
      long size = mirrorSize(first, key);
      // Bigger than one 1 MB write, sent over about four seconds: the shutdown comes after the first write.
      assertTrue(size > 2 * ArchiveBody.CHUNK, "size " + size);
      first.mirror().faults().set(key, MirrorFaults.Fault.throttle(size / 4));
      first.ask(DownloadBus.REQUEST, request);
      Wait.eventually("the first write reaches the .part", () -> Files.exists(part) && Files.size(part) > 0);
    }
    assertTrue(Files.size(part) > 0);
    assertTrue(Files.readString(data.resolve("tmp").resolve("pending.json")).contains(key), "still pending");

    // The download area resumes as it starts: deployed once the test listens, so its outcome is heard.
    try (TestVigie second = TestVigie.start(MirroredDownloads.config(temp).only("cache"))) {
      Heard outcomes = second.listen(DownloadBus.DONE, DownloadBus.FAILED);
      second.deploy(new DownloadVerticle());
      JsonObject done = outcome(outcomes, key);
      assertEquals(mirrorSha(second, key), done.getString("sha256"), done.encode());
      assertTrue(done.getBoolean("resumed"), done.encode());
      assertTrue(second.mirror().seen().stream().anyMatch(s -> s.range() != null && s.range().matches("bytes=[1-9]\\d*-")),
          second.mirror().seen().toString());
    }
  }
}
