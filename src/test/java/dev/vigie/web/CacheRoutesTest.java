package dev.vigie.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.CacheBus;
import dev.vigie.cache.CacheVerticle;
import dev.vigie.config.ConfigLoader;
import dev.vigie.upstream.UpstreamVerticle;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The caches' REST routes (archive and upstream) answer through the bus with the documented shapes and error codes. */
@ExtendWith(VertxExtension.class)
class CacheRoutesTest {
  @TempDir
  Path dataDir;

  /** Vert.x closes (and the cache saves its index) before the temporary directory is deleted. */
  @AfterEach
  void closeVertx(Vertx vertx) throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void statsTrimClearAndUpstreamOverHttp(Vertx vertx) throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Metrics.addRegistry(meters);
    try {
      exercise(vertx, meters);
    } finally {
      Metrics.removeRegistry(meters);
    }
  }

  private void exercise(Vertx vertx, SimpleMeterRegistry meters) throws Exception {
    JsonObject config = ConfigLoader.defaults().put("dataDir", dataDir.toString());
    config.getJsonObject("http").put("port", 0);
    config.getJsonObject("cache").put("sweepAtStart", false);
    DeploymentOptions options = new DeploymentOptions().setConfig(config);
    vertx.deployVerticle(new CacheVerticle(), options).await(10, TimeUnit.SECONDS);
    vertx.deployVerticle(new UpstreamVerticle(), options).await(10, TimeUnit.SECONDS);
    WebVerticle web = new WebVerticle(null, List.of("cache", "upstream"));
    vertx.deployVerticle(web, options).await(10, TimeUnit.SECONDS);
    WebClient client = WebClient.create(vertx);
    int port = web.actualPort();

    for (String date : List.of("2024-03-01", "2024-03-02")) {
      byte[] bytes = ("PK fake archive " + date).getBytes();
      Path tmp = Files.createDirectories(dataDir.resolve("tmp")).resolve(date + ".part");
      Files.write(tmp, bytes);
      vertx.eventBus().request(CacheBus.PUT, new JsonObject()
          .put("key", "data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-" + date + ".zip").put("file", tmp.toString())
          .put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
          .put("bytes", bytes.length)).await(10, TimeUnit.SECONDS);
    }

    HttpResponse<Buffer> stats = client.get(port, "127.0.0.1", "/api/cache").send().await(10, TimeUnit.SECONDS);
    assertEquals(200, stats.statusCode());
    assertEquals(2, stats.bodyAsJsonObject().getJsonObject("archive").getInteger("entries"));
    assertTrue(stats.bodyAsJsonObject().getString("newestArchiveAt").endsWith("Z"));

    HttpResponse<Buffer> bad = client.post(port, "127.0.0.1", "/api/cache/trim")
        .sendJsonObject(new JsonObject().put("targetBytes", -5)).await(10, TimeUnit.SECONDS);
    assertEquals(400, bad.statusCode());
    assertEquals("BAD_REQUEST", bad.bodyAsJsonObject().getString("error"));
    assertTrue(bad.bodyAsJsonObject().getString("message").contains("targetBytes"));

    HttpResponse<Buffer> trim = client.post(port, "127.0.0.1", "/api/cache/trim")
        .sendJsonObject(new JsonObject().put("targetBytes", 0)).await(10, TimeUnit.SECONDS);
    assertEquals(200, trim.statusCode());
    assertEquals(2, trim.bodyAsJsonObject().getInteger("evicted"));
    assertEquals(0, trim.bodyAsJsonObject().getLong("bytes"));

    HttpResponse<Buffer> clear = client.post(port, "127.0.0.1", "/api/cache/clear").send().await(10, TimeUnit.SECONDS);
    assertEquals(200, clear.statusCode());
    assertEquals(0, clear.bodyAsJsonObject().getInteger("cleared"));

    HttpResponse<Buffer> unknown = client.get(port, "127.0.0.1", "/api/upstream/nope").send().await(10, TimeUnit.SECONDS);
    assertEquals(404, unknown.statusCode());
    assertEquals("UNKNOWN_SOURCE", unknown.bodyAsJsonObject().getString("error"));

    client.get(port, "127.0.0.1", "/api/cache").send().await(10, TimeUnit.SECONDS);
    assertEquals(2.0, meters.get("vigie.cache.evictions").functionCounter().count());
    assertEquals(0.0, meters.get("vigie.cache.entries").gauge().value());
  }
}
