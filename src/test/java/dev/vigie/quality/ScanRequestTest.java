package dev.vigie.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigie.bus.Refusal;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** What a scan request must name. No Vert.x. */
class ScanRequestTest {
  private static final String KEY = "data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.zip";

  @Test
  void takesExactlyOneOfKeyOrPath() {
    ScanRequest byKey = ScanRequest.from(new JsonObject().put("key", KEY));
    assertEquals(KEY, byKey.key());
    assertNull(byKey.path());
    assertEquals("x/" + KEY, ScanRequest.from(new JsonObject().put("path", "x/" + KEY)).path());

    for (JsonObject bad : new JsonObject[] {new JsonObject(), new JsonObject().put("key", KEY).put("path", KEY),
        new JsonObject().put("key", 3)}) {
      Refusal refusal = assertThrows(Refusal.class, () -> ScanRequest.from(bad), bad.encode());
      assertEquals(400, refusal.status());
      assertEquals("BAD_REQUEST", refusal.code());
    }
    assertEquals("BAD_REQUEST", assertThrows(Refusal.class, () -> ScanRequest.from(null)).code());
  }

  @Test
  void refusesANameOutsideTheBinanceVisionLayout() {
    Refusal refusal = assertThrows(Refusal.class, () -> ScanRequest.from(new JsonObject().put("path", "notes.txt")));
    assertEquals(400, refusal.status());
    assertEquals("UNSUPPORTED_NAME", refusal.code());
    assertEquals("path", refusal.field());
  }

  @Test
  void refusesAKeyForACombinationTheSourceNeverPublishes() {
    Refusal refusal = assertThrows(Refusal.class, () -> ScanRequest.from(new JsonObject()
        .put("key", "data/spot/daily/metrics/BTCUSDT/BTCUSDT-metrics-2024-03-01.zip")));
    assertEquals(400, refusal.status());
    assertEquals("key", refusal.field());
    assertEquals("key: metrics is not published for spot (it has aggTrades, klines, trades)", refusal.getMessage());
    assertEquals("BVOLIndex", ScanRequest.from(new JsonObject().put("key",
        "data/option/daily/BVOLIndex/BTCBVOLUSDT/BTCBVOLUSDT-BVOLIndex-2023-10-01.zip")).key().split("/")[3]);
  }
}
