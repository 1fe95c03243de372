package dev.vigie.download;

import dev.vigie.bus.DownloadBus;
import dev.vigie.config.ConfigLoader;
import dev.vigie.demo.MirrorVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A mirror on loopback, a cache and the download verticle, in one Vert.x, for the download tests. The cache is the
 * stand-in {@link TestCache}, or the real one deployed by name ({@link #REAL_CACHE}) so no download test imports
 * another area.
 */
final class DownloadHarness implements AutoCloseable {
  static final String REAL_CACHE = "dev.vigie.cache.CacheVerticle";

  final Vertx vertx = Vertx.vertx();
  final MirrorVerticle mirror;
  final Path dataDir;
  final JsonObject config;
  private final Map<String, BlockingQueue<JsonObject>> outcomes = new ConcurrentHashMap<>();

  /** @param download overrides of the {@code download} configuration section */
  DownloadHarness(Path temp, JsonObject download) throws Exception {
    this(temp, download, temp.resolve("data"));
  }

  DownloadHarness(Path temp, JsonObject download, Path dataDir) throws Exception {
    this(temp, download, dataDir, null);
  }

  /** @param cacheVerticle the class name of the cache verticle to deploy, or null for the stand-in */
  DownloadHarness(Path temp, JsonObject download, Path dataDir, String cacheVerticle) throws Exception {
    this.dataDir = dataDir;
    mirror = new MirrorVerticle(new MirrorVerticle.Options("127.0.0.1", 0, temp.resolve("mirror"), 20_000, 0));
    vertx.deployVerticle(mirror).await(20, TimeUnit.SECONDS);
    config = ConfigLoader.defaults();
    config.put("dataDir", dataDir.toString());
    config.getJsonObject("source").put("baseUrl", mirror.baseUrl());
    config.getJsonObject("download").mergeIn(new JsonObject().put("retryBaseMs", 20).put("retryMaxMs", 200)
        .put("sectionIntervalMs", 100)).mergeIn(download);
    vertx.eventBus().<JsonObject>consumer(DownloadBus.DONE, msg -> outcome(msg.body()));
    vertx.eventBus().<JsonObject>consumer(DownloadBus.FAILED, msg -> outcome(msg.body()));
    DeploymentOptions options = new DeploymentOptions().setConfig(config);
    if (cacheVerticle == null) {
      vertx.deployVerticle(new TestCache(), options).await(20, TimeUnit.SECONDS);
    } else {
      vertx.deployVerticle(cacheVerticle, options).await(20, TimeUnit.SECONDS);
    }
    vertx.deployVerticle(new DownloadVerticle(), options).await(20, TimeUnit.SECONDS);
  }

  private void outcome(JsonObject event) {
    outcomes.computeIfAbsent(event.getString("key"), k -> new LinkedBlockingQueue<>()).add(event);
  }

  /** Asks {@code address} and returns the reply's body (throws on a failed reply). */
  JsonObject ask(String address, JsonObject body) throws Exception {
    return vertx.eventBus().<JsonObject>request(address, body).await(20, TimeUnit.SECONDS).body();
  }

  /** Sends a download request and returns the reply (throws on a failed reply). */
  JsonObject request(JsonObject body) throws Exception {
    return vertx.eventBus().<JsonObject>request(DownloadBus.REQUEST, body).await(20, TimeUnit.SECONDS).body();
  }

  JsonObject list() throws Exception {
    return vertx.eventBus().<JsonObject>request(DownloadBus.LIST, null).await(20, TimeUnit.SECONDS).body();
  }

  /** The done or failed event for {@code key}, waiting up to 20 s. */
  JsonObject outcome(String key) throws InterruptedException {
    JsonObject event = outcomes.computeIfAbsent(key, k -> new LinkedBlockingQueue<>()).poll(20, TimeUnit.SECONDS);
    if (event == null) {
      throw new AssertionError("no done or failed event for " + key + " in 20 s; list: " + list0());
    }
    return event;
  }

  private String list0() {
    try {
      return list().encode();
    } catch (Exception e) {
      return e.toString();
    }
  }

  /** The SHA-256 the mirror serves for {@code key}. */
  String mirrorSha(String key) {
    return mirror.archive(key).await().sha256();
  }

  long mirrorSize(String key) {
    return mirror.archive(key).await().size();
  }

  static JsonObject klines(String symbol, String date) {
    return new JsonObject().put("market", "spot").put("period", "daily").put("dataType", "klines")
        .put("symbol", symbol).put("interval", "1m").put("date", date);
  }

  static String klinesKey(String symbol, String date) {
    return "data/spot/daily/klines/" + symbol + "/1m/" + symbol + "-1m-" + date + ".zip";
  }

  static JsonObject trades(String symbol, String date) {
    return new JsonObject().put("market", "spot").put("period", "daily").put("dataType", "trades")
        .put("symbol", symbol).put("date", date);
  }

  static String tradesKey(String symbol, String date) {
    return "data/spot/daily/trades/" + symbol + "/" + symbol + "-trades-" + date + ".zip";
  }

  @Override
  public void close() throws java.util.concurrent.TimeoutException {
    vertx.close().await(20, TimeUnit.SECONDS);
  }
}
