package dev.vigie.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.CacheBus;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestHttp;
import dev.vigie.kit.TestVigie;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The caches' REST routes (archive and upstream) answer through the bus with the documented shapes and error codes. */
class CacheRoutesTest {
  @TempDir
  Path dataDir;

  @Test
  void statsTrimClearAndUpstreamOverHttp() throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Metrics.addRegistry(meters);
    // Closed (and the cache's index saved) before the temporary directory is deleted.
    try (TestVigie vigie = TestVigie.start(TestConfig.defaults(dataDir).only("cache", "upstream", "web")
        .set("cache.sweepAtStart", false))) {
      exercise(vigie, meters);
    } finally {
      Metrics.removeRegistry(meters);
    }
  }

  private void exercise(TestVigie vigie, SimpleMeterRegistry meters) throws Exception {
    TestHttp client = vigie.http();
    for (String date : List.of("2024-03-01", "2024-03-02")) {
      byte[] bytes = ("PK fake archive " + date).getBytes();
      Path tmp = Files.createDirectories(dataDir.resolve("tmp")).resolve(date + ".part");
      Files.write(tmp, bytes);
      vigie.ask(CacheBus.PUT, new JsonObject()
          .put("key", "data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-" + date + ".zip").put("file", tmp.toString())
          .put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
          .put("bytes", bytes.length));
    }

    HttpResponse<Buffer> stats = client.get("/api/cache");
    assertEquals(200, stats.statusCode());
    assertEquals(2, stats.bodyAsJsonObject().getJsonObject("archive").getInteger("entries"));
    assertTrue(stats.bodyAsJsonObject().getString("newestArchiveAt").endsWith("Z"));

    HttpResponse<Buffer> bad = client.post("/api/cache/trim", new JsonObject().put("targetBytes", -5));
    assertEquals(400, bad.statusCode());
    assertEquals("BAD_PARAMETER", bad.bodyAsJsonObject().getString("error"));
    assertEquals("targetBytes", bad.bodyAsJsonObject().getString("field"));

    HttpResponse<Buffer> trim = client.post("/api/cache/trim", new JsonObject().put("all", true));
    assertEquals(200, trim.statusCode());
    assertEquals(2, trim.bodyAsJsonObject().getInteger("evicted"));
    assertEquals(0, trim.bodyAsJsonObject().getLong("bytes"));

    HttpResponse<Buffer> sweep = client.post("/api/cache/sweep");
    assertEquals(200, sweep.statusCode(), "a bodiless sweep: " + sweep.bodyAsString());
    assertEquals(0, sweep.bodyAsJsonObject().getJsonArray("removed").size());

    HttpResponse<Buffer> clear = client.post("/api/cache/clear");
    assertEquals(200, clear.statusCode());
    assertEquals(0, clear.bodyAsJsonObject().getInteger("cleared"));

    HttpResponse<Buffer> unknown = client.get("/api/upstream/nope");
    assertEquals(404, unknown.statusCode());
    assertEquals("UNKNOWN_SOURCE", unknown.bodyAsJsonObject().getString("error"));

    client.get("/api/cache");
    assertEquals(2.0, meters.get("vigie.cache.evictions").functionCounter().count());
    assertEquals(0.0, meters.get("vigie.cache.entries").gauge().value());
  }
}
