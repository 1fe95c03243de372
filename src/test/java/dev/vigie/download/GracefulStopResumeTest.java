package dev.vigie.download;

import dev.vigie.vision.VisionPath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.demo.MirrorFaults;
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
    JsonObject request = DownloadHarness.klines("DOTUSDT", "2024-08-01").put("interval", "1s");
    Path data = temp.resolve("data");
    Path part = data.resolve("tmp").resolve(VisionPath.partName(key));
    try (DownloadHarness first = new DownloadHarness(temp, new JsonObject(), data)) {
      long size = first.mirrorSize(key);
      // Bigger than one 1 MB write, sent over about four seconds: the shutdown comes after the first write.
      assertTrue(size > 2 * DigestingWriteStream.CHUNK, "size " + size);
      first.mirror.faults().set(key, MirrorFaults.Fault.throttle(size / 4));
      first.request(request);
      long deadline = System.currentTimeMillis() + 20_000;
      while (!(Files.exists(part) && Files.size(part) > 0) && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
    }
    assertTrue(Files.size(part) > 0);
    assertTrue(Files.readString(data.resolve("tmp").resolve("pending.json")).contains(key), "still pending");

    try (DownloadHarness second = new DownloadHarness(temp, new JsonObject(), data)) {
      JsonObject done = second.outcome(key);
      assertEquals(second.mirrorSha(key), done.getString("sha256"), done.encode());
      assertTrue(done.getBoolean("resumed"), done.encode());
      assertTrue(second.mirror.seen().stream().anyMatch(s -> s.range() != null && s.range().matches("bytes=[1-9]\\d*-")),
          second.mirror.seen().toString());
    }
  }
}
