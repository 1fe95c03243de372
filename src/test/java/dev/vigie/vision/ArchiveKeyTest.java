package dev.vigie.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Keys stay inside the archives directory, and map back to the download request that fetches them. */
class ArchiveKeyTest {
  @Test
  void onlyPlainBinancePathsAreSafe() {
    assertTrue(ArchiveKey.isSafe("data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-03-01.zip"));
    assertFalse(ArchiveKey.isSafe("data/../secret.zip"));
    assertFalse(ArchiveKey.isSafe("/data/spot/x.zip"));
    assertFalse(ArchiveKey.isSafe("data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-03-01.zip.CHECKSUM"));
    assertFalse(ArchiveKey.isSafe("data/spot/.hidden/x.zip"));
    assertFalse(ArchiveKey.isSafe(null));
  }

  @Test
  void keysMapBackToTheirDownloadRequest() {
    assertEquals(new JsonObject().put("market", "um").put("period", "monthly").put("dataType", "trades")
        .put("symbol", "ETHUSDT").put("date", "2024-02"),
        VisionPath.parse("data/futures/um/monthly/trades/ETHUSDT/ETHUSDT-trades-2024-02.zip").downloadRequest());
    assertEquals(new JsonObject().put("market", "cm").put("period", "monthly").put("dataType", "klines")
        .put("symbol", "BTCUSD_PERP").put("date", "2024-03").put("interval", "1mo"),
        VisionPath.parse("data/futures/cm/monthly/klines/BTCUSD_PERP/1mo/BTCUSD_PERP-1mo-2024-03.zip").downloadRequest());
  }

  @Test
  void theCacheKeepsArchivesTheDownloaderCannotFetch() {
    assertTrue(ArchiveKey.isSafe("data/spot/daily/trades/BTCUSDT/BTCUSDT-trades-2024-03.zip"),
        "the cache keeps any plainly named archive, even one the downloader cannot fetch");
  }
}
