package dev.vigie.download;

import static dev.vigie.download.MirroredDownloads.mirrorSha;
import static dev.vigie.download.MirroredDownloads.outcome;
import static dev.vigie.kit.TestArchives.klines;
import static dev.vigie.kit.TestArchives.klinesKey;
import static dev.vigie.kit.TestArchives.sha256;
import static dev.vigie.kit.TestArchives.zip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vigie.bus.CacheBus;
import dev.vigie.bus.DownloadBus;
import dev.vigie.demo.MirrorFaults;
import dev.vigie.kit.Heard;
import dev.vigie.kit.TestVigie;
import dev.vigie.kit.Wait;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revalidation asks the real cache what it holds, re-fetches each archive's {@code .CHECKSUM} from the demo mirror
 * through the download path, and re-downloads the ones Binance re-published: the verified download replaces them.
 */
class ChecksumRevalidationTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir
  Path temp;

  @Test
  void aRepublishedArchiveIsDownloadedAgainAndReplaced() throws Exception {
    try (TestVigie vigie = TestVigie.start(MirroredDownloads.config(temp).only("cache", "download"))) {
      Heard outcomes = vigie.listen(DownloadBus.DONE, DownloadBus.FAILED);
      String republished = klinesKey("BTCUSDT", "2024-03-01");
      String unchanged = klinesKey("BTCUSDT", "2024-03-02");
      String gone = klinesKey("BTCUSDT", "2024-03-03");
      // The cache holds the first one as Binance first published it; the mirror now serves another file.
      byte[] firstPublication = zip("BTCUSDT-1m-2024-03-01.csv", "1709251200000,1,1,1,1,1,1709251259999,1,1,1,1,0\n");
      Path staged = Files.createDirectories(temp.resolve("data").resolve("tmp")).resolve("first-publication.zip");
      Files.write(staged, firstPublication);
      vigie.ask(CacheBus.PUT, new JsonObject().put("key", republished).put("file", staged.toString())
          .put("sha256", sha256(firstPublication)).put("bytes", firstPublication.length));
      for (String date : List.of("2024-03-02", "2024-03-03")) {
        vigie.ask(DownloadBus.REQUEST, klines("BTCUSDT", date));
        JsonObject done = outcome(outcomes, klinesKey("BTCUSDT", date));
        assertNull(done.getString("error"), done.encode());
      }
      vigie.mirror().faults().set(gone, MirrorFaults.Fault.status(404, -1, -1));
      // Answered after one Retry-After: the CHECKSUM goes through the download path's backoff, and the run lasts.
      vigie.mirror().faults().set(unchanged, MirrorFaults.Fault.status(503, 1, 1));
      Heard changes = vigie.listen(CacheBus.CHANGED);

      DeliveryOptions patient = new DeliveryOptions().setSendTimeout(TIMEOUT.toMillis());
      Future<Message<JsonObject>> running = vigie.vertx().eventBus().request(DownloadBus.REVALIDATE, null, patient);
      Throwable busy = Wait.failure("a second revalidation",
          vigie.vertx().eventBus().request(DownloadBus.REVALIDATE, null, patient));
      assertEquals(409, ((ReplyException) busy).failureCode(), "one revalidation at a time");

      JsonObject result = Wait.await("the revalidation", running, TIMEOUT).body();
      assertEquals(3, result.getInteger("checked"), result.encode());
      assertEquals(1, result.getInteger("unchanged"), result.encode());
      assertEquals(List.of(republished), result.getJsonArray("changed").getList());
      assertEquals(List.of(republished), result.getJsonArray("requested").getList());
      assertEquals(1, result.getJsonArray("failed").size(), result.encode());
      assertEquals(gone, result.getJsonArray("failed").getJsonObject(0).getString("key"));
      assertEquals("MISSING", result.getJsonArray("failed").getJsonObject(0).getString("error"));

      JsonObject redownloaded = outcome(outcomes, republished);
      assertEquals(mirrorSha(vigie, republished), redownloaded.getString("sha256"), redownloaded.encode());
      changes.await("the cache saying " + republished + " was replaced",
          c -> republished.equals(c.getString("key")) && "replaced".equals(c.getString("change")));
      assertEquals(mirrorSha(vigie, republished),
          vigie.ask(CacheBus.LOOKUP, new JsonObject().put("key", republished)).getString("sha256"));
      JsonObject last = vigie.ask(DownloadBus.LIST, null).getJsonObject("lastRevalidation");
      assertEquals(3, last.getInteger("checked"), last.encode());
      assertEquals(1, last.getInteger("changed"), last.encode());
      assertEquals(1, last.getInteger("failed"), last.encode());
    }
  }
}
