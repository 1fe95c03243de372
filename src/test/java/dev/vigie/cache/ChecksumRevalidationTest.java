package dev.vigie.cache;

import static dev.vigie.cache.CacheFixture.ask;
import static dev.vigie.cache.CacheFixture.eventually;
import static dev.vigie.cache.CacheFixture.key;
import static dev.vigie.cache.CacheFixture.sha256;
import static dev.vigie.cache.CacheFixture.staged;
import static dev.vigie.cache.CacheFixture.zip;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigie.bus.CacheBus;
import dev.vigie.bus.DownloadBus;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revalidation re-fetches each cached archive's {@code .CHECKSUM} from the mirror (a loopback server here) and asks
 * the downloader (a stand-in consumer here) to replace the ones Binance re-published.
 */
@ExtendWith(VertxExtension.class)
class ChecksumRevalidationTest {
  @TempDir
  Path dataDir;

  /** Vert.x closes (and the cache saves its index) before the temporary directory is deleted. */
  @AfterEach
  void closeVertx(Vertx vertx) throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aRepublishedArchiveIsDownloadedAgainAndReplaced(Vertx vertx) throws Exception {
    Map<String, String> checksums = new ConcurrentHashMap<>();
    HttpServer mirror = vertx.createHttpServer().requestHandler(req -> {
      String body = checksums.get(req.path());
      if (body == null) {
        req.response().setStatusCode(404).end();
      } else {
        req.response().end(body);
      }
    }).listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);

    byte[] republished = zip("2024-03-01", "re-published");
    List<JsonObject> requests = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(DownloadBus.REQUEST, msg -> {
      requests.add(msg.body());
      msg.reply(new JsonObject().put("queued", new JsonArray().add(new JsonObject().put("id", "t1").put("key", key("2024-03-01"))))
          .put("cached", new JsonArray()));
      try {
        vertx.eventBus().request(CacheBus.PUT, staged(dataDir, "2024-03-01", republished));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    List<JsonObject> changes = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(CacheBus.CHANGED, m -> changes.add(m.body()));

    JsonObject config = CacheFixture.config(dataDir, new JsonObject());
    config.getJsonObject("source").put("baseUrl", "http://127.0.0.1:" + mirror.actualPort());
    CacheFixture.deploy(vertx, new CacheVerticle(), config);
    byte[] unchanged = zip("2024-03-02", "");
    ask(vertx, CacheBus.PUT, staged(dataDir, "2024-03-01", zip("2024-03-01", "")));
    ask(vertx, CacheBus.PUT, staged(dataDir, "2024-03-02", unchanged));
    ask(vertx, CacheBus.PUT, staged(dataDir, "2024-03-03", zip("2024-03-03", "")));
    checksums.put("/" + key("2024-03-01") + ".CHECKSUM", sha256(republished) + "  BTCUSDT-1m-2024-03-01.zip");
    checksums.put("/" + key("2024-03-02") + ".CHECKSUM", sha256(unchanged) + "  BTCUSDT-1m-2024-03-02.zip\n");

    JsonObject result = ask(vertx, CacheBus.REVALIDATE, null);
    assertEquals(3, result.getInteger("checked"));
    assertEquals(1, result.getInteger("unchanged"));
    assertEquals(List.of(key("2024-03-01")), result.getJsonArray("changed").getList());
    assertEquals(List.of(key("2024-03-01")), result.getJsonArray("requested").getList());
    assertEquals("MISSING", result.getJsonArray("failed").getJsonObject(0).getString("error"));

    assertEquals(1, requests.size());
    assertEquals(new JsonObject().put("market", "spot").put("period", "daily").put("dataType", "klines")
        .put("symbol", "BTCUSDT").put("date", "2024-03-01").put("interval", "1m").put("force", true), requests.get(0));
    eventually(() -> changes.stream().anyMatch(c -> c.getString("change").equals("replaced")), "the archive is replaced");
    assertEquals(sha256(republished), ask(vertx, CacheBus.LOOKUP,
        new JsonObject().put("key", key("2024-03-01"))).getString("sha256"));
  }
}
