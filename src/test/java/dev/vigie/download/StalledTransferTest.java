package dev.vigie.download;

import static dev.vigie.download.MirroredDownloads.outcome;
import static dev.vigie.kit.TestArchives.klines;
import static dev.vigie.kit.TestArchives.klinesKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.DownloadBus;
import dev.vigie.kit.Heard;
import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestArchives;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source that sends the headers and the first bytes of an archive, then nothing while keeping the connection open:
 * after {@code download.idleTimeoutMs} without a byte the transfer is cut and resumed from what it has.
 */
class StalledTransferTest {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  @TempDir
  Path temp;

  @Test
  void aTransferReceivingNothingIsCutAfterTheIdleTimeoutAndResumed() {
    String key = klinesKey("BTCUSDT", "2024-03-01");
    String name = key.substring(key.lastIndexOf('/') + 1);
    StringBuilder rows = new StringBuilder();
    for (int minute = 0; minute < 1440; minute++) {
      long open = 1709251200000L + minute * 60_000L;
      double price = 61000 + (minute * 7919 % 1000) / 10.0;
      rows.append(open).append(',').append(price).append(',').append(price + 1.5).append(',').append(price - 2.25)
          .append(',').append(price + 0.75).append(',').append(minute * 31 % 977).append(',').append(open + 59_999)
          .append(',').append(minute * 104_729L % 1_000_003).append(',').append(minute % 613).append(",0,0,0\n");
    }
    byte[] archive = TestArchives.zip(name.replace(".zip", ".csv"), rows.toString());
    assertTrue(archive.length > 20_000, "big enough to stop in the middle: " + archive.length);
    AtomicInteger fetches = new AtomicInteger();
    List<String> ranges = new CopyOnWriteArrayList<>();
    try (LoopbackServer source = LoopbackServer.start(req -> {
      if (req.path().endsWith(".CHECKSUM")) {
        req.response().end(TestArchives.sha256(archive) + "  " + name);
        return;
      }
      if (!req.path().endsWith(key)) {
        req.response().setStatusCode(404).end();
        return;
      }
      if (fetches.getAndIncrement() == 0) {
        // The headers and the first 10,000 bytes, then silence on an open connection.
        req.response().putHeader("Content-Length", String.valueOf(archive.length))
            .write(Buffer.buffer(archive).slice(0, 10_000));
        return;
      }
      String range = req.getHeader("Range");
      ranges.add(String.valueOf(range));
      Matcher from = RANGE.matcher(String.valueOf(range));
      int start = from.matches() ? Integer.parseInt(from.group(1)) : 0;
      req.response().setStatusCode(start > 0 ? 206 : 200)
          .putHeader("Content-Range", "bytes " + start + "-" + (archive.length - 1) + "/" + archive.length)
          .end(Buffer.buffer(archive).slice(start, archive.length));
    });
        TestVigie vigie = TestVigie.start(TestConfig.defaults(temp).only("cache", "download")
            .set("source.baseUrl", source.url(""))
            .merge("download", new JsonObject().put("idleTimeoutMs", 500).put("retryBaseMs", 20).put("retryMaxMs", 200)))) {
      Heard outcomes = vigie.listen(DownloadBus.DONE, DownloadBus.FAILED);
      vigie.ask(DownloadBus.REQUEST, klines("BTCUSDT", "2024-03-01"));
      JsonObject done = outcome(outcomes, key);

      assertEquals(TestArchives.sha256(archive), done.getString("sha256"), done.encode());
      assertTrue(done.getBoolean("resumed"), "resumed from the bytes received before the silence: " + done.encode());
      assertEquals(2, fetches.get(), "one stalled fetch, one resumed fetch");
      assertEquals(List.of("bytes=10000-"), ranges);
    }
  }
}
