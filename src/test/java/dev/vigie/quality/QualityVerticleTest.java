package dev.vigie.quality;

import static dev.vigie.kit.Wait.await;
import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.CacheBus;
import dev.vigie.bus.DownloadBus;
import dev.vigie.bus.HealthBus;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.QualityBus;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality verticle behind the real web verticle on a loopback port: scans by key (through a cache that
 * answers LOOKUP) and by path, the data-directory fence, the queue bound, cancellation, scans after downloads,
 * and what reaches the monitor. Scans go through a gate so the test decides when each one may proceed.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class QualityVerticleTest {
  private static final String KEY = "data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-03-01.zip";
  private static final String KEY2 = "data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-03-02.zip";
  private static final String KEY3 = "data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-03-03.zip";
  private static final String KEY4 = "data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-03-04.zip";

  @TempDir
  Path dataDir;
  @TempDir
  Path elsewhere;

  private final ArchiveScanner real = new ArchiveScanner(ScanLimits.defaults());
  private final BlockingQueue<CountDownLatch> gates = new LinkedBlockingQueue<>();
  private final AtomicBoolean gated = new AtomicBoolean();
  private final AtomicBoolean onEventLoop = new AtomicBoolean();
  private final BlockingQueue<JsonObject> sections = new LinkedBlockingQueue<>();
  private final BlockingQueue<JsonObject> activity = new LinkedBlockingQueue<>();
  private TestVigie vigie;
  private Vertx vertx;
  private WebClient client;
  private Path archive;
  private Path archive2;

  @BeforeEach
  void deploy() throws Exception {
    archive = cached(KEY, Archives.klinesDay(1, 10, 11));
    archive2 = cached(KEY2, Archives.klinesDayFrom(Archives.MARCH_1_MS + Archives.DAY_MS, 1));
    cached(KEY3, Archives.klinesDayFrom(Archives.MARCH_1_MS + 2 * Archives.DAY_MS, 1));
    cached(KEY4, Archives.klinesDayFrom(Archives.MARCH_1_MS + 3 * Archives.DAY_MS, 1));
    // The web area from the kit; the quality verticle deployed here, with a gate around its scanner.
    vigie = TestVigie.start(TestConfig.defaults(dataDir).only("web").set("quality.maxConcurrent", 1)
        .set("quality.maxQueued", 2));
    vertx = vigie.vertx();
    vertx.eventBus().<JsonObject>consumer(CacheBus.LOOKUP, msg -> {
      String key = msg.body().getString("key");
      Path file = dataDir.resolve("archives").resolve(key);
      boolean hit = Files.exists(file);
      msg.reply(new JsonObject().put("key", key).put("hit", hit).put("path", hit ? file.toString() : null));
    });
    vertx.eventBus().<JsonObject>consumer(MonitorBus.SECTION, msg -> {
      if ("quality".equals(msg.body().getString("section"))) {
        sections.add(msg.body());
      }
    });
    vertx.eventBus().<JsonObject>consumer(MonitorBus.ACTIVITY, msg -> activity.add(msg.body()));
    ScanFunction gate = (file, name, cancelled) -> {
      onEventLoop.compareAndSet(false, Context.isOnEventLoopThread());
      if (gated.get()) {
        CountDownLatch latch = new CountDownLatch(1);
        gates.add(latch);
        try {
          while (!latch.await(20, TimeUnit.MILLISECONDS) && !cancelled.getAsBoolean()) {
            // waits for the test to open the gate, or for a cancellation
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return real.scan(file, name, cancelled);
    };
    vigie.deploy(new QualityVerticle(gate));
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(vigie.httpPort()));
  }

  @AfterEach
  void close() {
    gates.forEach(CountDownLatch::countDown);
    vigie.close();
  }

  private Path cached(String key, String csv) throws Exception {
    Path file = dataDir.resolve("archives").resolve(key);
    Files.createDirectories(file.getParent());
    Path zipped = Archives.zip(file.getParent(), file.getFileName().toString(), csv);
    assertEquals(file, zipped);
    return file;
  }

  private HttpResponse<Buffer> post(JsonObject body) throws Exception {
    return await(client.post("/api/quality/scan").sendJsonObject(body));
  }

  private JsonObject reportOnceDone(String ref) {
    return eventually(ref + " to finish", () -> {
      HttpResponse<Buffer> r = await(client.get("/api/quality/" + ref).send());
      assertEquals(200, r.statusCode(), r.bodyAsString());
      return r.bodyAsJsonObject();
    }, report -> !report.getString("state").equals("queued") && !report.getString("state").equals("running"));
  }

  @Test
  void aScanByCacheKeyRunsOffTheEventLoopAndIsReadableByIdAndByKey() throws Exception {
    HttpResponse<Buffer> accepted = post(new JsonObject().put("key", KEY));
    assertEquals(202, accepted.statusCode(), accepted.bodyAsString());
    String id = accepted.bodyAsJsonObject().getString("id");
    JsonObject report = reportOnceDone(id);
    assertEquals("completed", report.getString("state"), report.encodePrettily());
    assertEquals(1438L, report.getLong("rows"));
    assertEquals(1L, report.getJsonObject("gaps").getLong("count"));
    assertEquals(KEY, report.getString("key"));
    assertFalse(onEventLoop.get(), "scans must not run on an event loop");
    JsonObject byKey = await(client.get("/api/quality/" + KEY).send()).bodyAsJsonObject();
    assertEquals(id, byKey.getString("id"));
    JsonArray recent = await(client.get("/api/quality").send()).bodyAsJsonObject().getJsonArray("reports");
    assertEquals(id, recent.getJsonObject(0).getString("id"));
    assertEquals(99.86, recent.getJsonObject(0).getDouble("coveragePercent"));
  }

  @Test
  void aScanByPathInsideTheDataDirectoryWorks() throws Exception {
    String relative = dataDir.relativize(archive).toString();
    HttpResponse<Buffer> accepted = post(new JsonObject().put("path", relative));
    assertEquals(202, accepted.statusCode(), accepted.bodyAsString());
    JsonObject report = reportOnceDone(accepted.bodyAsJsonObject().getString("id"));
    assertEquals("completed", report.getString("state"));
    assertEquals("spot", report.getString("market"));
  }

  @Test
  void pathsOutsideTheDataDirectoryAreRefused() throws Exception {
    Path outside = Archives.zip(elsewhere, "BTCUSDT-1m-2024-03-01.zip", Archives.klinesDay(1));
    HttpResponse<Buffer> absolute = post(new JsonObject().put("path", outside.toString()));
    assertEquals(403, absolute.statusCode(), absolute.bodyAsString());
    assertEquals("OUTSIDE_DATA_DIR", absolute.bodyAsJsonObject().getString("error"));
    HttpResponse<Buffer> climbing = post(new JsonObject().put("path", "../" + elsewhere.getFileName() + "/BTCUSDT-1m-2024-03-01.zip"));
    assertEquals(403, climbing.statusCode(), climbing.bodyAsString());
    Path link = dataDir.resolve("BTCUSDT-1m-2024-03-05.zip");
    Files.createSymbolicLink(link, outside);
    HttpResponse<Buffer> linked = post(new JsonObject().put("path", link.getFileName().toString()));
    assertEquals(403, linked.statusCode(), linked.bodyAsString());
    assertEquals("OUTSIDE_DATA_DIR", linked.bodyAsJsonObject().getString("error"));
  }

  @Test
  void badRequestsGetStableErrors() throws Exception {
    HttpResponse<Buffer> both = post(new JsonObject().put("key", KEY).put("path", "x"));
    assertEquals(400, both.statusCode());
    assertEquals("BAD_REQUEST", both.bodyAsJsonObject().getString("error"));
    HttpResponse<Buffer> notCached = post(new JsonObject().put("key", KEY.replace("03-01", "04-01")));
    assertEquals(404, notCached.statusCode());
    assertEquals("NOT_CACHED", notCached.bodyAsJsonObject().getString("error"));
    HttpResponse<Buffer> badName = post(new JsonObject().put("path", "notes.txt"));
    assertEquals(400, badName.statusCode());
    assertEquals("UNSUPPORTED_NAME", badName.bodyAsJsonObject().getString("error"));
    HttpResponse<Buffer> missing = post(new JsonObject().put("path", "BTCUSDT-1m-2024-03-09.zip"));
    assertEquals(404, missing.statusCode());
    HttpResponse<Buffer> unknown = await(client.get("/api/quality/scan-unknown").send());
    assertEquals(404, unknown.statusCode());
    assertEquals("UNKNOWN_SCAN", unknown.bodyAsJsonObject().getString("error"));
    HttpResponse<Buffer> unknownKey = await(client.get("/api/quality/" + KEY2).send());
    assertEquals(404, unknownKey.statusCode());
    HttpResponse<Buffer> cancelUnknown = await(client.delete("/api/quality/scan/scan-unknown").send());
    assertEquals(404, cancelUnknown.statusCode());
  }

  @Test
  void scansBeyondTheLimitWaitInTheQueueAndCanBeCancelled() throws Exception {
    gated.set(true);
    String first = post(new JsonObject().put("key", KEY)).bodyAsJsonObject().getString("id");
    CountDownLatch firstGate = gates.poll(10, TimeUnit.SECONDS);
    assertNotNull(firstGate, "the first scan started");
    String second = post(new JsonObject().put("key", KEY2)).bodyAsJsonObject().getString("id");
    String third = post(new JsonObject().put("key", KEY3)).bodyAsJsonObject().getString("id");

    JsonObject list = await(client.get("/api/quality").send()).bodyAsJsonObject();
    assertEquals(1, list.getJsonArray("running").size());
    assertEquals(first, list.getJsonArray("running").getJsonObject(0).getString("id"));
    assertEquals(2, list.getJsonArray("queued").size());
    assertEquals("queued", await(client.get("/api/quality/" + second).send()).bodyAsJsonObject().getString("state"));

    HttpResponse<Buffer> cancelQueued = await(client.delete("/api/quality/scan/" + third).send());
    assertEquals(200, cancelQueued.statusCode(), cancelQueued.bodyAsString());
    assertEquals("cancelled", cancelQueued.bodyAsJsonObject().getString("state"));
    HttpResponse<Buffer> cancelRunning = await(client.delete("/api/quality/scan/" + first).send());
    assertEquals("cancelling", cancelRunning.bodyAsJsonObject().getString("state"));
    assertEquals("cancelled", reportOnceDone(first).getString("state"));

    CountDownLatch secondGate = gates.poll(10, TimeUnit.SECONDS);
    assertNotNull(secondGate, "the queued scan started once the first ended");
    secondGate.countDown();
    JsonObject report = reportOnceDone(second);
    assertEquals("completed", report.getString("state"));
    assertEquals(1440L, report.getLong("rows"));
    assertEquals(100.0, report.getDouble("scorePercent"));
    assertEquals("cancelled", reportOnceDone(third).getString("state"));
    HttpResponse<Buffer> again = await(client.delete("/api/quality/scan/" + second).send());
    assertEquals(409, again.statusCode());
    assertEquals("ALREADY_FINISHED", again.bodyAsJsonObject().getString("error"));
  }

  @Test
  void identicalRequestsForOneArchiveJoinOneScan() throws Exception {
    gated.set(true);
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      // Half by cache key, half by path: both name the same file.
      JsonObject body = i % 2 == 0 ? new JsonObject().put("key", KEY)
          : new JsonObject().put("path", dataDir.relativize(archive).toString());
      sent.add(client.post("/api/quality/scan").sendJsonObject(body));
    }
    await(Future.all(sent));
    Set<String> ids = new HashSet<>();
    for (Future<HttpResponse<Buffer>> f : sent) {
      assertEquals(202, f.result().statusCode(), f.result().bodyAsString());
      ids.add(f.result().bodyAsJsonObject().getString("id"));
    }
    assertEquals(1, ids.size(), "one scan for 150 requests: " + ids);
    JsonObject list = await(client.get("/api/quality").send()).bodyAsJsonObject();
    assertEquals(1, list.getJsonArray("running").size() + list.getJsonArray("queued").size(), list.encode());

    CountDownLatch gate = gates.poll(10, TimeUnit.SECONDS);
    assertNotNull(gate);
    gate.countDown();
    assertEquals("completed", reportOnceDone(ids.iterator().next()).getString("state"));
    assertTrue(gates.isEmpty(), "the archive was scanned once");
  }

  @Test
  void scansPastTheQueueBoundAreRefusedWithQueueFull() throws Exception {
    gated.set(true);
    assertEquals(202, post(new JsonObject().put("key", KEY)).statusCode());
    assertNotNull(gates.poll(10, TimeUnit.SECONDS), "the first scan runs");
    assertEquals(202, post(new JsonObject().put("key", KEY2)).statusCode());
    assertEquals(202, post(new JsonObject().put("key", KEY3)).statusCode());

    HttpResponse<Buffer> full = post(new JsonObject().put("key", KEY4));
    assertEquals(429, full.statusCode(), full.bodyAsString());
    assertEquals("QUEUE_FULL", full.bodyAsJsonObject().getString("error"));
    assertTrue(full.bodyAsJsonObject().getString("message").contains("quality.maxQueued = 2"), full.bodyAsString());
    assertEquals("5", full.getHeader("retry-after"));
    JsonObject joined = post(new JsonObject().put("key", KEY2)).bodyAsJsonObject();
    assertEquals(Boolean.TRUE, joined.getBoolean("joined"), "a full queue still answers a scan it holds: " + joined);
    JsonObject list = await(client.get("/api/quality").send()).bodyAsJsonObject();
    assertEquals(2, list.getJsonArray("queued").size());
    assertEquals(2, list.getInteger("maxQueued"));
  }

  @Test
  void aCompletedDownloadIsScannedAndReachesTheMonitor() throws Exception {
    JsonObject reported = await(Future.<JsonObject>future(promise -> {
      vertx.eventBus().<JsonObject>consumer(QualityBus.REPORTED, msg -> promise.tryComplete(msg.body()));
      vertx.eventBus().publish(DownloadBus.DONE, new JsonObject().put("id", "d1").put("key", KEY)
          .put("path", archive.toString()).put("bytes", 1).put("sha256", "x").put("durationMs", 1).put("resumed", false));
    }));
    assertEquals(KEY, reported.getString("key"));
    assertEquals("download", reported.getString("trigger"));
    assertEquals("completed", reported.getString("state"));

    JsonObject section = null;
    for (int i = 0; i < 20 && section == null; i++) {
      JsonObject s = sections.poll(5, TimeUnit.SECONDS);
      if (s != null && s.getJsonObject("details").getJsonArray("recent").size() == 1) {
        section = s;
      }
    }
    assertNotNull(section, "a section with the finished scan was published");
    assertEquals("Data quality", section.getString("title"));
    JsonObject lastScore = metric(section, "Last score");
    assertEquals(100.0, lastScore.getDouble("value"));
    assertEquals("good", lastScore.getString("status"));
    assertEquals("warning", metric(section, "Gaps (last scan)").getString("status"));
    assertEquals(KEY, section.getJsonObject("details").getJsonArray("recent").getJsonObject(0).getString("key"));

    JsonObject line = null;
    for (int i = 0; i < 20 && line == null; i++) {
      JsonObject a = activity.poll(5, TimeUnit.SECONDS);
      if (a != null && "quality".equals(a.getString("component"))) {
        line = a;
      }
    }
    assertNotNull(line);
    assertTrue(line.getString("message").contains("BTCUSDT-1m-2024-03-01.zip"), line.encode());
    assertEquals("warning", line.getString("level"), "a gap makes the line a warning");
  }

  @Test
  void aBrokenArchiveIsAFailedScanInTheSection() throws Exception {
    Files.write(archive2, new byte[] {'n', 'o', 'p', 'e', '!'});
    String id = post(new JsonObject().put("key", KEY2)).bodyAsJsonObject().getString("id");
    JsonObject report = reportOnceDone(id);
    assertEquals("failed", report.getString("state"));
    assertEquals("NOT_A_ZIP", report.getJsonObject("failure").getString("code"));
    JsonObject section = null;
    for (int i = 0; i < 20 && section == null; i++) {
      JsonObject s = sections.poll(5, TimeUnit.SECONDS);
      if (s != null && s.getJsonObject("details").getJsonArray("recent").size() == 1) {
        section = s;
      }
    }
    assertNotNull(section);
    assertEquals(1L, metric(section, "Failed scans").getLong("value"));
    assertEquals("critical", metric(section, "Failed scans").getString("status"));
  }

  @Test
  void theAreaAnswersItsHealthPing() throws Exception {
    JsonObject pong = await(vertx.eventBus().<JsonObject>request(HealthBus.ping("quality"), null)).body();
    assertEquals("quality", pong.getString("area"));
  }

  private static JsonObject metric(JsonObject section, String label) {
    for (Object o : section.getJsonArray("metrics")) {
      JsonObject m = (JsonObject) o;
      if (label.equals(m.getString("label"))) {
        return m;
      }
    }
    throw new AssertionError("no metric " + label + " in " + section.encode());
  }
}
