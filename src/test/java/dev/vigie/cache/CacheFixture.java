package dev.vigie.cache;

import dev.vigie.config.ConfigLoader;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** What the cache tests share: a configuration on a temporary data directory, Binance-like archives, waiting. */
final class CacheFixture {
  /** Ten spot 1m klines rows in Binance's format (no header row), as in testdata/binance-real. */
  private static final String SPOT_ROWS = """
      1637971200000,0.00002268,0.00002270,0.00002266,0.00002268,53785.00000000,1637971259999,1.21983470,24,25315.00000000,0.57420005,0
      1637971260000,0.00002268,0.00002270,0.00002267,0.00002269,52437.00000000,1637971319999,1.18958990,23,36613.00000000,0.83066466,0
      """;

  private CacheFixture() {
  }

  static JsonObject config(Path dataDir, JsonObject cache) {
    JsonObject config = ConfigLoader.defaults();
    config.put("dataDir", dataDir.toString());
    config.getJsonObject("cache").put("sweepAtStart", false).put("sectionIntervalMs", 50);
    config.getJsonObject("cache").mergeIn(cache, true);
    return config;
  }

  static String deploy(Vertx vertx, CacheVerticle verticle, JsonObject config) throws TimeoutException {
    return vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config)).await(10, TimeUnit.SECONDS);
  }

  static String key(String date) {
    return "data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-" + date + ".zip";
  }

  /** A ZIP holding one CSV, as Binance publishes them; {@code salt} changes the content. */
  static byte[] zip(String date, String salt) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("BTCUSDT-1m-" + date + ".csv"));
      zip.write((SPOT_ROWS + salt).getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return out.toByteArray();
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes a verified temporary file as the downloader would, and returns the PUT message for it. */
  static JsonObject staged(Path dataDir, String date, byte[] bytes) throws IOException {
    Path tmp = Files.createDirectories(dataDir.resolve("tmp")).resolve("BTCUSDT-1m-" + date + ".zip.part");
    Files.write(tmp, bytes);
    return new JsonObject().put("key", key(date)).put("file", tmp.toString()).put("sha256", sha256(bytes))
        .put("bytes", bytes.length);
  }

  static JsonObject ask(Vertx vertx, String address, Object body) throws TimeoutException {
    return vertx.eventBus().<JsonObject>request(address, body).map(m -> m.body()).await(10, TimeUnit.SECONDS);
  }

  /** The failure of a request that must fail. */
  static ReplyException failure(Future<?> future) throws InterruptedException {
    return (ReplyException) failureOf(future);
  }

  /** The cause of a future that must fail. */
  static Throwable failureOf(Future<?> future) throws InterruptedException {
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    future.onComplete(ar -> done.countDown());
    if (!done.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("no answer in 10 s");
    }
    if (future.succeeded()) {
      throw new AssertionError("expected a failure, got " + future.result());
    }
    return future.cause();
  }

  static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never happened: " + what);
      }
      Thread.sleep(10);
    }
  }
}
