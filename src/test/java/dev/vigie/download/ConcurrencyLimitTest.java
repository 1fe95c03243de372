package dev.vigie.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vigie.demo.MirrorFaults;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyLimitTest {
  @TempDir
  Path temp;

  @Test
  void noMoreThanMaxConcurrentTransfersRunAndTheRestWaitInOrder() throws Exception {
    try (DownloadHarness h = new DownloadHarness(temp, new JsonObject().put("maxConcurrent", 2))) {
      List<String> keys = new ArrayList<>();
      for (int day = 1; day <= 5; day++) {
        String key = DownloadHarness.klinesKey("SOLUSDT", "2024-04-0" + day);
        h.mirrorSize(key);
        h.mirror.faults().set(key, MirrorFaults.Fault.throttle(400_000));
        keys.add(key);
      }
      JsonObject range = DownloadHarness.klines("SOLUSDT", null);
      range.remove("date");
      JsonObject reply = h.request(range.put("from", "2024-04-01").put("to", "2024-04-05"));
      assertEquals(5, reply.getJsonArray("queued").size());

      JsonObject list = h.list();
      assertEquals(2, list.getJsonArray("active").size(), list.encode());
      assertEquals(3, list.getInteger("queueLength"), list.encode());
      assertEquals(keys.get(2), list.getJsonArray("queued").getJsonObject(0).getString("key"), "FIFO");

      for (String key : keys) {
        assertNull(h.outcome(key).getString("error"), key);
      }
      assertEquals(2, h.mirror.maxConcurrentSends(), "two transfers ran side by side, never three");
    }
  }
}
