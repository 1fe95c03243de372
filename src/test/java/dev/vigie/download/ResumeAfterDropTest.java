package dev.vigie.download;

import dev.vigie.vision.VisionPath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.demo.MirrorFaults;
import dev.vigie.demo.MirrorVerticle;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeAfterDropTest {
  @TempDir
  Path temp;

  @Test
  void aDroppedConnectionResumesWithARangeRequestAndTheDigestStaysRight() throws Exception {
    try (DownloadHarness h = new DownloadHarness(temp, new JsonObject())) {
      String key = DownloadHarness.tradesKey("BTCUSDT", "2024-03-01");
      long size = h.mirrorSize(key);
      assertTrue(size > 300_000, "the archive is big enough to cut: " + size);
      h.mirror.faults().set(key, MirrorFaults.Fault.dropAfter(200_000, 1));

      h.request(DownloadHarness.trades("BTCUSDT", "2024-03-01"));
      JsonObject done = h.outcome(key);

      assertEquals(h.mirrorSha(key), done.getString("sha256"), done.encode());
      assertTrue(done.getBoolean("resumed"), done.encode());
      List<String> ranges = h.mirror.seen().stream().filter(s -> s.path().endsWith(".zip") && s.range() != null)
          .map(MirrorVerticle.Seen::range).toList();
      assertEquals(1, ranges.size(), ranges.toString());
      assertTrue(ranges.get(0).matches("bytes=\\d+-") && !ranges.get(0).equals("bytes=0-"), ranges.toString());
      Path archive = h.dataDir.resolve("archives").resolve(key);
      assertEquals(h.mirrorSha(key), sha256(archive));
      assertFalse(Files.exists(h.dataDir.resolve("tmp").resolve(VisionPath.partName(key))));
    }
  }

  static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
