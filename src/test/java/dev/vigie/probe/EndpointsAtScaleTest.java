package dev.vigie.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestHttp;
import dev.vigie.kit.TestVigie;
import dev.vigie.kit.Wait;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten thousand endpoints on one Vigie, against a loopback target answering at once: the endpoints section stays a
 * summary under 64 KB, and paging through {@code GET /api/probes} walks every endpoint exactly once, in order,
 * whatever the sort or filter; bad parameters are 400 naming the field.
 */
class EndpointsAtScaleTest {
  private static final int COUNT = 10_000;
  private static final int SECTION_LIMIT = 64 * 1024;

  @TempDir
  Path dataDir;

  @Test
  void tenThousandEndpointsMakeASmallSectionAndAListPagedExactlyOnce() {
    try (LoopbackServer target = LoopbackServer.start(req -> req.response().end("ok"))) {
      JsonArray endpoints = new JsonArray();
      for (int i = 0; i < COUNT; i++) {
        endpoints.add(new JsonObject().put("name", String.format("ep-%05d", i)).put("url", target.url("/e/" + i))
            .put("intervalMs", 3_600_000));
      }
      // Checked at about three a second (first checks on their phase over the hour): the lists below hold both
      // checked and pending endpoints, and their sort keys do not move during a walk. Probing throughput is measured
      // in bench/probes, not here.
      TestConfig config = TestConfig.defaults(dataDir).only("probe", "monitor", "web")
          .set("probe.endpoints", endpoints).set("probe.startRatePerSecond", 1);
      try (TestVigie vigie = TestVigie.start(config)) {
        TestHttp http = vigie.http();
        JsonObject section = Wait.eventually("some endpoints checked", Duration.ofSeconds(60),
            () -> section(http.get("/api/snapshot").bodyAsJsonObject(), "endpoints"),
            s -> s != null && s.getJsonObject("details").getJsonObject("counts").getInteger("neutral") <= COUNT - 20);
        int bytes = section.encode().getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes < SECTION_LIMIT, "the endpoints section is " + bytes + " bytes");
        JsonObject details = section.getJsonObject("details");
        assertEquals(COUNT, details.getInteger("total"));
        JsonObject counts = details.getJsonObject("counts");
        assertEquals(COUNT, counts.getInteger("good") + counts.getInteger("warning") + counts.getInteger("critical")
            + counts.getInteger("neutral"), details.encode());
        assertEquals(10, details.getJsonArray("endpoints").size(), "the worst ten");
        assertTrue(section.getJsonArray("metrics").size() < 20, "metrics: a summary, not one per endpoint");

        List<JsonObject> added = walk(http, "", 1000);
        assertEquals(COUNT, added.size());
        assertEquals(COUNT, names(added).size(), "each endpoint once");
        for (int i = 0; i < COUNT; i++) {
          assertEquals(String.format("ep-%05d", i), added.get(i).getString("name"), "the order they were configured in");
        }

        List<JsonObject> byName = walk(http, "&sort=-name", 777);
        assertEquals(COUNT, names(byName).size());
        assertInOrder(byName, e -> e.getString("name"), true);

        // Checked ones by latency, slowest first: each once and in order (a check during the walk may add one).
        List<JsonObject> byLatency = walk(http, "&sort=-latency&status=good,warning,critical", 999);
        assertEquals(byLatency.size(), names(byLatency).size());
        assertTrue(byLatency.size() >= 20);
        assertInOrder(byLatency, e -> e.getDouble("latencyMs"), true);

        List<JsonObject> filtered = walk(http, "&q=" + URLEncoder.encode("EP-012", StandardCharsets.UTF_8), 7);
        assertEquals(100, filtered.size(), "ep-01200 to ep-01299");
        assertEquals(100, names(filtered).size());
        assertTrue(filtered.stream().allMatch(e -> e.getString("name").startsWith("ep-012")));
        JsonObject pending = http.get("/api/probes?status=pending&limit=1").bodyAsJsonObject();
        assertEquals(pending.getJsonObject("counts").getInteger("neutral"), pending.getInteger("matched"));

        String cursor = http.get("/api/probes?limit=5&sort=name").bodyAsJsonObject().getString("nextCursor");
        refused(http.get("/api/probes?limit=0"), "limit");
        refused(http.get("/api/probes?limit=1001"), "limit");
        refused(http.get("/api/probes?limit=ten"), "limit");
        refused(http.get("/api/probes?sort=colour"), "sort");
        refused(http.get("/api/probes?status=purple"), "status");
        refused(http.get("/api/probes?cursor=not-a-cursor"), "cursor");
        refused(http.get("/api/probes?sort=latency&cursor=" + cursor), "cursor");
        refused(http.get("/api/probes?history=true&limit=101"), "limit");
        refused(http.get("/api/probes?q=" + "x".repeat(201)), "q");
        refused(http.get("/api/probes?q=a&q=b"), "q");
      }
    }
  }

  /** Every page from the first, following nextCursor. */
  private static List<JsonObject> walk(TestHttp http, String query, int limit) {
    List<JsonObject> all = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      String uri = "/api/probes?limit=" + limit + query + (cursor == null ? "" : "&cursor=" + cursor);
      HttpResponse<Buffer> response = http.get(uri);
      assertEquals(200, response.statusCode(), uri + " -> " + response.bodyAsString());
      JsonObject page = response.bodyAsJsonObject();
      page.getJsonArray("endpoints").forEach(e -> all.add((JsonObject) e));
      assertTrue(page.getJsonArray("endpoints").size() <= limit);
      cursor = page.getString("nextCursor");
      assertTrue(++pages <= COUNT / limit + 2, "the walk ends");
    } while (cursor != null);
    return all;
  }

  private static Set<String> names(List<JsonObject> endpoints) {
    Set<String> names = new HashSet<>();
    endpoints.forEach(e -> names.add(e.getString("name")));
    return names;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void assertInOrder(List<JsonObject> list, Function<JsonObject, Comparable> key, boolean descending) {
    for (int i = 1; i < list.size(); i++) {
      int c = key.apply(list.get(i - 1)).compareTo(key.apply(list.get(i)));
      assertTrue(descending ? c >= 0 : c <= 0, "out of order at " + i + ": " + list.get(i - 1) + " then " + list.get(i));
    }
  }

  private static void refused(HttpResponse<Buffer> response, String field) {
    assertEquals(400, response.statusCode(), response.bodyAsString());
    JsonObject body = response.bodyAsJsonObject();
    assertEquals("BAD_PARAMETER", body.getString("error"), body.encode());
    assertEquals(field, body.getString("field"), body.encode());
  }

  static JsonObject section(JsonObject snapshot, String name) {
    for (Object o : snapshot.getJsonArray("sections")) {
      if (((JsonObject) o).getString("section").equals(name)) {
        return (JsonObject) o;
      }
    }
    return null;
  }
}
