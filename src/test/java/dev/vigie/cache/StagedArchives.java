package dev.vigie.cache;

import dev.vigie.kit.TestArchives;
import dev.vigie.kit.TestConfig;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The archives the cache tests store: BTCUSDT 1m klines by day, staged in the data directory as download does. */
final class StagedArchives {
  /** Spot 1m klines rows in Binance's format (no header row), as in testdata/binance-real. */
  private static final String SPOT_ROWS = """
      1637971200000,0.00002268,0.00002270,0.00002266,0.00002268,53785.00000000,1637971259999,1.21983470,24,25315.00000000,0.57420005,0
      1637971260000,0.00002268,0.00002270,0.00002267,0.00002269,52437.00000000,1637971319999,1.18958990,23,36613.00000000,0.83066466,0
      """;

  private StagedArchives() {
  }

  /** No area started (the test deploys {@link CacheVerticle} itself), no sweep at start, a fast cache section. */
  static TestConfig config(Path dataDir) {
    return TestConfig.defaults(dataDir).only().set("cache.sweepAtStart", false).set("cache.sectionIntervalMs", 50);
  }

  static String key(String date) {
    return TestArchives.klinesKey("BTCUSDT", date);
  }

  /** The day's archive; {@code salt} changes its content (a re-published version). */
  static byte[] zip(String date, String salt) {
    return TestArchives.zip("BTCUSDT-1m-" + date + ".csv", SPOT_ROWS + salt);
  }

  /** Writes a verified temporary file as the downloader would, and returns the PUT message for it. */
  static JsonObject staged(Path dataDir, String date, byte[] bytes) throws IOException {
    Path tmp = Files.createDirectories(dataDir.resolve("tmp")).resolve("BTCUSDT-1m-" + date + ".zip.part");
    Files.write(tmp, bytes);
    return new JsonObject().put("key", key(date)).put("file", tmp.toString()).put("sha256", TestArchives.sha256(bytes))
        .put("bytes", bytes.length);
  }
}
