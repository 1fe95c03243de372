package dev.vigie.download;

import static dev.vigie.download.MirroredDownloads.mirrorSize;
import static dev.vigie.download.MirroredDownloads.outcome;
import static dev.vigie.kit.TestArchives.klines;
import static dev.vigie.kit.TestArchives.klinesKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vigie.bus.DownloadBus;
import dev.vigie.demo.MirrorFaults;
import dev.vigie.kit.Heard;
import dev.vigie.kit.TestVigie;
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
    try (TestVigie vigie = TestVigie.start(MirroredDownloads.config(temp).only("cache", "download")
        .merge("download", new JsonObject().put("maxConcurrent", 2)))) {
      Heard outcomes = vigie.listen(DownloadBus.DONE, DownloadBus.FAILED);
      List<String> keys = new ArrayList<>();
      for (int day = 1; day <= 5; day++) {
        String key = klinesKey("SOLUSDT", "2024-04-0" + day);
        mirrorSize(vigie, key);
        vigie.mirror().faults().set(key, MirrorFaults.Fault.throttle(400_000));
        keys.add(key);
      }
      JsonObject range = klines("SOLUSDT", null);
      range.remove("date");
      JsonObject reply = vigie.ask(DownloadBus.REQUEST, range.put("from", "2024-04-01").put("to", "2024-04-05"));
      assertEquals(5, reply.getJsonArray("queued").size());

      JsonObject list = vigie.ask(DownloadBus.LIST, null);
      assertEquals(2, list.getInteger("activeCount"), list.encode());
      assertEquals(3, list.getInteger("queueLength"), list.encode());
      // Items come newest first: the two oldest run, the three newest wait.
      assertEquals(List.of("queued", "queued", "queued", "active", "active"), list.getJsonArray("items").stream()
          .map(JsonObject.class::cast).map(job -> job.getString("state")).toList(), list.encode());
      assertEquals(keys.get(2), list.getJsonArray("items").getJsonObject(2).getString("key"), "FIFO: the oldest waits first");

      for (String key : keys) {
        assertNull(outcome(outcomes, key).getString("error"), key);
      }
      assertEquals(2, vigie.mirror().maxConcurrentSends(), "two transfers ran side by side, never three");
    }
  }
}
