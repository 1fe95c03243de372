package dev.vigie.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
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
    assertEquals(Optional.of(new JsonObject().put("market", "um").put("period", "monthly").put("dataType", "trades")
        .put("symbol", "ETHUSDT").put("date", "2024-02")),
        ArchiveKey.downloadRequest("data/futures/um/monthly/trades/ETHUSDT/ETHUSDT-trades-2024-02.zip"));
    assertEquals(Optional.of(new JsonObject().put("market", "cm").put("period", "monthly").put("dataType", "klines")
        .put("symbol", "BTCUSD_PERP").put("date", "2024-03").put("interval", "1mo")),
        ArchiveKey.downloadRequest("data/futures/cm/monthly/klines/BTCUSD_PERP/1mo/BTCUSD_PERP-1mo-2024-03.zip"));
    assertEquals(Optional.empty(),
        ArchiveKey.downloadRequest("data/spot/daily/klines/BTCUSDT/1m/ETHUSDT-1m-2024-03-01.zip"));
  }

  @Test
  void keysTheDownloaderWouldRefuseGiveNoRequest() {
    assertEquals(Optional.empty(), ArchiveKey.downloadRequest("data/spot/daily/klines/BTCUSDT/2m/BTCUSDT-2m-2024-03-01.zip"));
    assertEquals(Optional.empty(), ArchiveKey.downloadRequest("data/spot/daily/klines/BTCUSDT/1w/BTCUSDT-1w-2024-03-01.zip"));
    assertEquals(Optional.empty(), ArchiveKey.downloadRequest("data/futures/um/daily/trades/X/X-trades-2024-01-01.zip"));
    assertEquals(Optional.empty(), ArchiveKey.downloadRequest("data/spot/daily/trades/BTCUSDT/BTCUSDT-trades-2024-03.zip"));
    assertTrue(ArchiveKey.isSafe("data/spot/daily/trades/BTCUSDT/BTCUSDT-trades-2024-03.zip"),
        "the cache keeps any plainly named archive, even one the downloader cannot fetch");
  }
}
