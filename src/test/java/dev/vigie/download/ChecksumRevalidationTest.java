package dev.vigie.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vigie.bus.CacheBus;
import dev.vigie.bus.DownloadBus;
import dev.vigie.demo.MirrorFaults;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revalidation asks the real cache what it holds, re-fetches each archive's {@code .CHECKSUM} from the demo mirror
 * through the download path, and re-downloads the ones Binance re-published: the verified download replaces them.
 */
class ChecksumRevalidationTest {
  private static final long TIMEOUT_S = 30;

  @TempDir
  Path temp;

  @Test
  void aRepublishedArchiveIsDownloadedAgainAndReplaced() throws Exception {
    try (DownloadHarness h = new DownloadHarness(temp, new JsonObject(), temp.resolve("data"), DownloadHarness.REAL_CACHE)) {
      String republished = DownloadHarness.klinesKey("BTCUSDT", "2024-03-01");
      String unchanged = DownloadHarness.klinesKey("BTCUSDT", "2024-03-02");
      String gone = DownloadHarness.klinesKey("BTCUSDT", "2024-03-03");
      // The cache holds the first one as Binance first published it; the mirror now serves another file.
      byte[] firstPublication = zip("BTCUSDT-1m-2024-03-01.csv", "1709251200000,1,1,1,1,1,1709251259999,1,1,1,1,0\n");
      Path staged = Files.createDirectories(h.dataDir.resolve("tmp")).resolve("first-publication.zip");
      Files.write(staged, firstPublication);
      h.ask(CacheBus.PUT, new JsonObject().put("key", republished).put("file", staged.toString())
          .put("sha256", sha256(firstPublication)).put("bytes", firstPublication.length));
      for (String date : List.of("2024-03-02", "2024-03-03")) {
        h.request(DownloadHarness.klines("BTCUSDT", date));
        JsonObject done = h.outcome(DownloadHarness.klinesKey("BTCUSDT", date));
        assertNull(done.getString("error"), done.encode());
      }
      h.mirror.faults().set(gone, MirrorFaults.Fault.status(404, -1, -1));
      // Answered after one Retry-After: the CHECKSUM goes through the download path's backoff, and the run lasts.
      h.mirror.faults().set(unchanged, MirrorFaults.Fault.status(503, 1, 1));
      LinkedBlockingQueue<JsonObject> changes = new LinkedBlockingQueue<>();
      h.vertx.eventBus().<JsonObject>consumer(CacheBus.CHANGED, m -> changes.add(m.body()));

      DeliveryOptions patient = new DeliveryOptions().setSendTimeout(TIMEOUT_S * 1000);
      Future<Message<JsonObject>> running = h.vertx.eventBus().request(DownloadBus.REVALIDATE, null, patient);
      Throwable busy = h.vertx.eventBus().request(DownloadBus.REVALIDATE, null, patient)
          .transform(ar -> Future.succeededFuture(ar.cause())).await(TIMEOUT_S, TimeUnit.SECONDS);
      assertEquals(409, ((ReplyException) busy).failureCode(), "one revalidation at a time");

      JsonObject result = running.await(TIMEOUT_S, TimeUnit.SECONDS).body();
      assertEquals(3, result.getInteger("checked"), result.encode());
      assertEquals(1, result.getInteger("unchanged"), result.encode());
      assertEquals(List.of(republished), result.getJsonArray("changed").getList());
      assertEquals(List.of(republished), result.getJsonArray("requested").getList());
      assertEquals(1, result.getJsonArray("failed").size(), result.encode());
      assertEquals(gone, result.getJsonArray("failed").getJsonObject(0).getString("key"));
      assertEquals("MISSING", result.getJsonArray("failed").getJsonObject(0).getString("error"));

      JsonObject redownloaded = h.outcome(republished);
      assertEquals(h.mirrorSha(republished), redownloaded.getString("sha256"), redownloaded.encode());
      awaitChange(changes, republished, "replaced");
      assertEquals(h.mirrorSha(republished),
          h.ask(CacheBus.LOOKUP, new JsonObject().put("key", republished)).getString("sha256"));
      JsonObject last = h.list().getJsonObject("lastRevalidation");
      assertEquals(3, last.getInteger("checked"), last.encode());
      assertEquals(1, last.getInteger("changed"), last.encode());
      assertEquals(1, last.getInteger("failed"), last.encode());
    }
  }

  private static void awaitChange(LinkedBlockingQueue<JsonObject> changes, String key, String change)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + TIMEOUT_S * 1000;
    for (JsonObject c = changes.poll(TIMEOUT_S, TimeUnit.SECONDS); c != null;
        c = changes.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) {
      if (key.equals(c.getString("key")) && change.equals(c.getString("change"))) {
        return;
      }
    }
    throw new AssertionError("the cache never said " + key + " was " + change);
  }

  /** One CSV in a ZIP, as Binance packs an archive. */
  private static byte[] zip(String csvName, String rows) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(csvName));
      zip.write(rows.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
