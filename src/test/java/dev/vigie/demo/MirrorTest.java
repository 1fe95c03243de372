package dev.vigie.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MirrorTest {
  @TempDir
  Path temp;
  private TestVigie vigie;
  private MirrorVerticle mirror;
  private HttpClient client;

  @BeforeEach
  void start() throws Exception {
    vigie = TestVigie.start(TestConfig.defaults(temp.resolve("data")).only().mirror(5_000)
        .set("demo.mirror.dir", temp.resolve("m").toString()));
    mirror = vigie.mirror();
    client = vigie.vertx().createHttpClient();
  }

  @AfterEach
  void stop() {
    vigie.close();
  }

  private record Answer(int status, String contentRange, Buffer body) {
  }

  private Answer get(String path, String range) throws Exception {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(mirror.baseUrl() + path);
    if (range != null) {
      options.putHeader("Range", range);
    }
    // body() is asked within send()'s own callback: chained after it from this thread, the response can end before
    // body() is asked, and its future then never completes (docs/testing.md, "A hung exchange").
    return client.request(options).compose(r -> r.send().compose((HttpClientResponse resp) -> resp.body()
        .map(body -> new Answer(resp.statusCode(), resp.getHeader("Content-Range"), body)))).await(20, TimeUnit.SECONDS);
  }

  private static String firstLine(Buffer zip) throws Exception {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.getBytes()))) {
      ZipEntry entry = in.getNextEntry();
      assertTrue(entry.getName().endsWith(".csv"), entry.getName());
      String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)).readLine();
      assertEquals(null, in.getNextEntry() == null ? null : "more", "one CSV per ZIP");
      return line;
    }
  }

  @Test
  void servesTheArchiveWithAMatchingChecksum() throws Exception {
    String key = "/data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-03-01.zip";
    Answer zip = get(key, null);
    Answer checksum = get(key + ".CHECKSUM", null);
    assertEquals(200, zip.status());
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip.body().getBytes()));
    assertEquals(sha + "  BTCUSDT-1m-2024-03-01.zip", checksum.body().toString());
  }

  @Test
  void spotHasNoHeaderAndMicrosecondsFrom2025FuturesHaveAHeader() throws Exception {
    String spot2024 = firstLine(get("/data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-12-31.zip", null).body());
    assertEquals(String.valueOf(java.time.Instant.parse("2024-12-31T00:00:00Z").toEpochMilli()), spot2024.split(",")[0]);
    assertEquals(12, spot2024.split(",").length);
    String spot2025 = firstLine(get("/data/spot/daily/trades/BTCUSDT/BTCUSDT-trades-2025-01-01.zip", null).body());
    assertEquals(7, spot2025.split(",").length, spot2025);
    assertTrue(Long.parseLong(spot2025.split(",")[4]) > 10_000_000_000_000L, "microseconds: " + spot2025);
    String futures = firstLine(get("/data/futures/um/daily/aggTrades/ETHUSDT/ETHUSDT-aggTrades-2025-01-01.zip", null).body());
    assertEquals("agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker", futures);
  }

  @Test
  void rangesAnswer206WithContentRangeAnd416PastTheEnd() throws Exception {
    String key = "/data/um/x";
    assertEquals(404, get(key, null).status());
    String path = "/data/futures/cm/daily/klines/BTCUSD_PERP/1m/BTCUSD_PERP-1m-2024-03-01.zip";
    assertEquals(200, get(path, null).status(), "COIN-M symbols carry a suffix");
    assertEquals("open_time", firstLine(get(path, null).body()).split(",")[0]);
    path = "/data/spot/daily/klines/ETHBTC/5m/ETHBTC-5m-2023-03-01.zip";
    Buffer whole = get(path, null).body();
    Answer tail = get(path, "bytes=100-");
    assertEquals(206, tail.status());
    assertEquals("bytes 100-" + (whole.length() - 1) + "/" + whole.length(), tail.contentRange());
    assertEquals(whole.slice(100, whole.length()), tail.body());
    Answer middle = get(path, "bytes=10-19");
    assertEquals(whole.slice(10, 20), middle.body());
    Answer past = get(path, "bytes=" + whole.length() + "-");
    assertEquals(416, past.status());
    assertEquals("bytes */" + whole.length(), past.contentRange());
  }

  @Test
  void theSamePathGivesTheSameBytesEveryTime() throws Exception {
    ArchiveGenerator generator = new ArchiveGenerator(5_000);
    var spec = dev.vigie.vision.VisionPath.parse("data/um/daily/trades/X/X-trades-2024-01-01.zip".replace("um", "futures/um"));
    ArchiveGenerator.Generated a = generator.write(spec, temp.resolve("a.zip"));
    ArchiveGenerator.Generated b = generator.write(spec, temp.resolve("b.zip"));
    assertEquals(a.sha256(), b.sha256());
    assertFalse(Files.exists(temp.resolve("a.zip.gen")));
  }

  @Test
  void injectedFaultsAnswerAsAsked() throws Exception {
    String key = "data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-03-01.zip";
    mirror.faults().set(key, MirrorFaults.Fault.status(429, 7, 1));
    Answer limited = get("/" + key, null);
    assertEquals(429, limited.status());
    assertEquals(200, get("/" + key, null).status(), "the fault applied once");
    mirror.faults().set(key, MirrorFaults.Fault.badChecksum());
    Buffer zip = get("/" + key, null).body();
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip.getBytes()));
    assertFalse(get("/" + key + ".CHECKSUM", null).body().toString().startsWith(sha));
  }
}
