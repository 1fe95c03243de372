package dev.vigie.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.demo.MirrorFaults;
import dev.vigie.demo.MirrorVerticle;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import dev.vigie.kit.Wait;
import dev.vigie.vision.ArchiveSpec;
import dev.vigie.vision.DataType;
import dev.vigie.vision.Interval;
import dev.vigie.vision.Market;
import dev.vigie.vision.Period;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger over a month of USD-M 1h klines, served by the mirror: a day absent upstream, a day that fails (its
 * checksum never matches), a day published partly (a gap), and a day re-published after its download (found by
 * revalidation, fetched again and scored again): each with its state in {@code GET /api/coverage} and its CSV.
 */
class CoverageLedgerTest {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String SERIES = "/api/coverage?market=um&dataType=klines&symbol=BTCUSDT&interval=1h"
      + "&period=daily&from=2024-03-01&to=2024-03-31&limit=100";

  @TempDir
  Path temp;

  private static String key(int day) {
    return new ArchiveSpec(Market.UM, Period.DAILY, DataType.KLINES, "BTCUSDT", Interval.ONE_HOUR,
        LocalDate.of(2024, 3, day).toString()).key();
  }

  private static Map<String, JsonObject> byKey(TestVigie vigie) {
    HttpResponse<Buffer> resp = vigie.http().get(SERIES);
    assertEquals(200, resp.statusCode(), resp.bodyAsString());
    Map<String, JsonObject> entries = new HashMap<>();
    for (Object item : resp.bodyAsJsonObject().getJsonArray("items")) {
      entries.put(((JsonObject) item).getString("key"), (JsonObject) item);
    }
    return entries;
  }

  private static boolean settled(Map<String, JsonObject> entries) {
    return entries.size() == 31 && entries.values().stream().allMatch(e -> e.getString("state").equals("absent")
        || e.getString("state").equals("failed") || e.getString("state").equals("verified")
        && e.getValue("scorePercent") != null);
  }

  @Test
  void aMonthShowsEachDaysState() {
    TestConfig config = TestConfig.defaults(temp.resolve("data"))
        .only("cache", "download", "quality", "store", "coverage", "web").mirror(100)
        .merge("download", new JsonObject().put("retryBaseMs", 20).put("retryMaxMs", 200));
    try (TestVigie vigie = TestVigie.start(config)) {
      MirrorVerticle mirror = vigie.mirror();
      for (int day = 1; day <= 31; day++) {
        mirror.catalog().publish(new ArchiveSpec(Market.UM, Period.DAILY, DataType.KLINES, "BTCUSDT",
            Interval.ONE_HOUR, LocalDate.of(2024, 3, day).toString()));
      }
      mirror.catalog().withdraw(key(5));
      mirror.faults().set(key(9), MirrorFaults.Fault.fromJson(new JsonObject().put("wrongChecksum", true)));
      mirror.catalog().partial(key(12));

      HttpResponse<Buffer> expanded = vigie.http().post("/api/coverage/expand", new JsonObject().put("market", "um")
          .put("period", "daily").put("dataType", "klines").put("symbol", "BTCUSDT").put("interval", "1h")
          .put("from", "2024-03-01").put("to", "2024-03-31").put("fetch", true));
      assertEquals(200, expanded.statusCode(), expanded.bodyAsString());
      JsonObject summary = expanded.bodyAsJsonObject();
      assertEquals(30, summary.getInteger("listed"), summary.encode());
      assertEquals(new JsonArray().add(key(5)), summary.getJsonArray("absentKeys"));
      assertEquals(30, summary.getInteger("queued"), summary.encode());

      Map<String, JsonObject> month = Wait.eventually("every day settled and scored", PATIENCE,
          () -> byKey(vigie), CoverageLedgerTest::settled);
      assertEquals("absent", month.get(key(5)).getString("state"));
      assertEquals("failed", month.get(key(9)).getString("state"));
      assertTrue(month.get(key(9)).getString("reason").startsWith("CHECKSUM_MISMATCH"), month.get(key(9)).encode());
      JsonObject gap = month.get(key(12));
      assertEquals("verified", gap.getString("state"));
      assertEquals(1L, gap.getLong("gaps"), gap.encode());
      assertEquals(12L, gap.getLong("missing"), gap.encode());
      assertEquals(50.0, gap.getDouble("coveragePercent"), gap.encode());
      JsonObject whole = month.get(key(20));
      assertEquals("verified", whole.getString("state"));
      assertEquals(100.0, whole.getDouble("scorePercent"));
      assertEquals(0L, whole.getLong("gaps"));
      assertNull(whole.getString("republishedAt"));
      JsonObject counts = vigie.http().get(SERIES).bodyAsJsonObject().getJsonObject("counts");
      assertEquals(1, counts.getInteger("absent"), counts.encode());
      assertEquals(1, counts.getInteger("failed"), counts.encode());
      assertEquals(29, counts.getInteger("verified"), counts.encode());

      // The heatmap's compact answer: one character a day (absent, failed, a gap, whole).
      JsonObject grid = vigie.http().get(SERIES.replace("&limit=100", "&form=cells")).bodyAsJsonObject();
      assertEquals(new JsonArray().add("BTCUSDT"), grid.getJsonArray("symbols"), grid.encode());
      assertEquals(31, grid.getJsonArray("dates").size());
      assertEquals("2024-03-05", grid.getJsonArray("dates").getString(4));
      String days = grid.getJsonArray("cells").getString(0);
      assertEquals("afWG", "" + days.charAt(4) + days.charAt(8) + days.charAt(11) + days.charAt(19), days);
      assertEquals(counts, grid.getJsonObject("counts"));
      assertFalse(grid.getBoolean("truncated"));

      // Binance re-publishes day 20 under the same name; the periodic revalidation finds it and fetches it again.
      mirror.catalog().republish(key(20));
      HttpResponse<Buffer> revalidated = vigie.http().post("/api/downloads/revalidate");
      assertEquals(200, revalidated.statusCode(), revalidated.bodyAsString());
      assertEquals(new JsonArray().add(key(20)), revalidated.bodyAsJsonObject().getJsonArray("changed"));
      JsonObject refetched = Wait.eventually("day 20 fetched again", PATIENCE, () -> byKey(vigie).get(key(20)),
          e -> e.getString("republishedAt") != null && e.getString("state").equals("verified")
              && !e.getString("sha256").equals(whole.getString("sha256")));
      assertEquals(Wait.await("the mirror's day 20", mirror.archive(key(20))).sha256(), refetched.getString("sha256"));
      assertNotNull(refetched.getDouble("scorePercent"));

      HttpResponse<Buffer> csv = vigie.http().get(SERIES.replace("/api/coverage?", "/api/coverage.csv?"));
      assertEquals(200, csv.statusCode(), csv.bodyAsString());
      assertTrue(csv.getHeader("content-type").startsWith("text/csv"));
      String[] lines = csv.bodyAsString().split("\n");
      assertEquals(32, lines.length, "a header and 31 days");
      assertTrue(lines[0].startsWith("key,market,dataType,symbol,interval,period,date,state,reason,scorePercent"));
      assertTrue(csv.bodyAsString().contains(key(5) + ",um,klines,BTCUSDT,1h,daily,2024-03-05,absent,"));

      HttpResponse<Buffer> page = vigie.http().get(SERIES.replace("limit=100", "limit=10"));
      JsonObject first = page.bodyAsJsonObject();
      assertEquals(10, first.getJsonArray("items").size());
      JsonObject second = vigie.http().get(SERIES.replace("limit=100", "limit=10") + "&cursor=" + first.getString("next"))
          .bodyAsJsonObject();
      assertEquals(key(11), second.getJsonArray("items").getJsonObject(0).getString("key"));
      assertNotEquals(first.getString("next"), second.getString("next"));

      assertRefused(vigie, "/api/coverage?market=spot&dataType=metrics", "dataType");
      assertRefused(vigie, "/api/coverage?limit=0", "limit");
      assertRefused(vigie, "/api/coverage?state=lost", "state");
      assertRefused(vigie, "/api/coverage?period=daily&from=2024-03", "from");
      assertRefused(vigie, "/api/coverage.csv?market=margin", "market");
    }
  }

  private static void assertRefused(TestVigie vigie, String uri, String field) {
    HttpResponse<Buffer> resp = vigie.http().get(uri);
    assertEquals(400, resp.statusCode(), uri + ": " + resp.bodyAsString());
    assertEquals(field, resp.bodyAsJsonObject().getString("field"), resp.bodyAsString());
  }
}
