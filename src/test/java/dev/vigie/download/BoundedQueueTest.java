package dev.vigie.download;

import static dev.vigie.kit.TestArchives.klines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestHttp;
import dev.vigie.kit.TestVigie;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The download queue holds at most download.maxQueued jobs, and GET /api/downloads answers them a page at a time. */
class BoundedQueueTest {
  @TempDir
  Path temp;

  private static JsonObject days(String from, String to) {
    JsonObject range = klines("BTCUSDT", null);
    range.remove("date");
    return range.put("from", from).put("to", to);
  }

  @Test
  void pastMaxQueuedA429QueueFullAndTheListIsPaginatedWithAnOpaqueCursor() {
    // A source that never answers: the one running transfer holds, everything else stays queued.
    try (LoopbackServer silent = LoopbackServer.start(req -> { });
        TestVigie vigie = TestVigie.start(TestConfig.defaults(temp).only("download", "web")
            .set("source.baseUrl", silent.url(""))
            .merge("download", new JsonObject().put("maxConcurrent", 1).put("maxQueued", 5).put("pageSize", 2)
                .put("maxPageSize", 3)))) {
      TestHttp http = vigie.http();
      assertEquals(200, http.post("/api/downloads", days("2024-01-01", "2024-01-05")).statusCode(),
          "five pending (one runs, four wait): the bound");
      HttpResponse<Buffer> full = http.post("/api/downloads", days("2024-01-06", "2024-01-06"));
      assertEquals(429, full.statusCode(), full.bodyAsString());
      assertEquals("QUEUE_FULL", full.bodyAsJsonObject().getString("error"));
      assertEquals("5", full.getHeader("retry-after"), "a 429 says when to come back");
      assertTrue(full.bodyAsJsonObject().getString("message").contains("download.maxQueued 5"), full.bodyAsString());
      assertEquals(200, http.post("/api/downloads", days("2024-01-02", "2024-01-05")).statusCode(),
          "asking again for what is already queued adds nothing, so it fits");

      JsonObject first = http.get("/api/downloads").bodyAsJsonObject();
      assertEquals(2, first.getJsonArray("items").size(), "download.pageSize by default: " + first.encode());
      assertEquals(4, first.getInteger("queueLength"));
      assertEquals(1, first.getInteger("activeCount"));
      List<String> ids = new ArrayList<>();
      String next = null;
      JsonObject page = http.get("/api/downloads?limit=3").bodyAsJsonObject();
      while (true) {
        page.getJsonArray("items").stream().map(JsonObject.class::cast).forEach(job -> ids.add(job.getString("id")));
        next = page.getString("next");
        if (next == null) {
          break;
        }
        page = http.get("/api/downloads?limit=3&cursor=" + next).bodyAsJsonObject();
      }
      assertEquals(List.of("d5", "d4", "d3", "d2", "d1"), ids, "every job once, newest first");
      Set<String> unique = new HashSet<>(ids);
      assertEquals(ids.size(), unique.size());
      assertNotNull(first.getString("next"));
      assertNull(page.getString("next"));

      for (String query : new String[] {"limit=0", "limit=4", "limit=two", "limit=1.5"}) {
        HttpResponse<Buffer> bad = http.get("/api/downloads?" + query);
        assertEquals(400, bad.statusCode(), query + ": " + bad.bodyAsString());
        assertEquals("limit", bad.bodyAsJsonObject().getString("field"), query);
      }
      HttpResponse<Buffer> badCursor = http.get("/api/downloads?cursor=not-a-cursor");
      assertEquals(400, badCursor.statusCode(), badCursor.bodyAsString());
      assertEquals("cursor", badCursor.bodyAsJsonObject().getString("field"));
    }
  }
}
