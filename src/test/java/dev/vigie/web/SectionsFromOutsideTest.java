package dev.vigie.web;

import static dev.vigie.kit.Wait.await;
import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.MonitorBus;
import dev.vigie.kit.LiveSocket;
import dev.vigie.kit.StartedVigies;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/sections}: built-in names reserved, every bound answered with its status and field, stale ones expire. */
class SectionsFromOutsideTest {
  @TempDir
  Path dataDir;
  @RegisterExtension
  final StartedVigies vigies = new StartedVigies();
  /** Kept referenced: an unreferenced client is closed by the garbage collector mid-request. */
  private final List<WebClient> clients = new ArrayList<>();

  private static JsonObject section(String name, JsonArray metrics) {
    return new JsonObject().put("section", name).put("title", name).put("metrics", metrics);
  }

  private static JsonArray metrics(int n) {
    JsonArray array = new JsonArray();
    for (int i = 0; i < n; i++) {
      array.add(new JsonObject().put("label", "m" + i).put("value", i).put("status", "good"));
    }
    return array;
  }

  private static void assertRefused(HttpResponse<Buffer> response, int status, String error, String field) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    JsonObject body = response.bodyAsJsonObject();
    assertEquals(error, body.getString("error"), body.encode());
    assertEquals(field, body.getString("field"), body.encode());
    assertTrue(body.getString("message").length() > 10, body.encode());
  }

  private static Set<String> names(JsonObject snapshot) {
    return snapshot.getJsonArray("sections").stream().map(s -> ((JsonObject) s).getString("section")).collect(Collectors.toSet());
  }

  @Test
  void builtInNamesAreReservedAndEveryBuiltInSectionIsListed() {
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir));
    // Every section Vigie's own areas publish must be in the reserved list, or an outsider could replace it.
    Set<String> builtIn = eventually("the areas' own sections", () -> names(vigie.ask(MonitorBus.SNAPSHOT, null)),
        names -> names.containsAll(Set.of("system", "downloads", "cache", "upstream", "quality", "endpoints", "freshness", "stress", "api")));
    assertTrue(MonitorBus.BUILT_IN_SECTIONS.containsAll(builtIn), "unreserved built-in sections: " + builtIn);

    JsonObject downloadsBefore = LiveSocket.section(vigie.ask(MonitorBus.SNAPSHOT, null), "downloads");
    for (String name : List.of("downloads", "system", "api", "storage")) {
      assertRefused(vigie.http().post("/api/sections", section(name, new JsonArray().add(new JsonObject()
          .put("label", "Breaker").put("value", "open").put("status", "critical")))), 409, "RESERVED_SECTION", "section");
    }
    JsonObject snapshot = vigie.ask(MonitorBus.SNAPSHOT, null);
    assertEquals(downloadsBefore.getJsonArray("metrics"), LiveSocket.section(snapshot, "downloads").getJsonArray("metrics"));
    assertFalse(snapshot.getJsonArray("alerts").encode().contains("breaker-open"),
        "no breaker alert from a forged built-in section: " + snapshot.getJsonArray("alerts"));
  }

  @Test
  void everyBoundAnswers413NamingTheField() {
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir));
    String tooLong = "x".repeat(201);
    assertRefused(vigie.http().post("/api/sections", section("t", metrics(1)).put("title", tooLong)), 413, "SECTION_TOO_LARGE", "title");
    assertRefused(vigie.http().post("/api/sections", section("m", metrics(51))), 413, "SECTION_TOO_LARGE", "metrics");
    for (String key : List.of("label", "unit", "hint", "value")) {
      JsonArray one = metrics(2);
      one.getJsonObject(1).put(key, tooLong);
      assertRefused(vigie.http().post("/api/sections", section("s", one)), 413, "SECTION_TOO_LARGE", "metrics[1]." + key);
    }
    JsonObject details = new JsonObject();
    for (int i = 0; i < 100; i++) {
      details.put("k" + i, "y".repeat(100));
    }
    assertRefused(vigie.http().post("/api/sections", section("d", metrics(1)).put("details", details)), 413, "SECTION_TOO_LARGE", "details");
    assertRefused(vigie.http().post("/api/sections", new JsonObject().put("section", "no metrics")), 400, "BAD_SECTION", null);
    // Within every bound: accepted, and shown.
    assertEquals(200, vigie.http().post("/api/sections", section("fine", metrics(50)).put("title", "x".repeat(200))).statusCode());
    assertTrue(names(vigie.ask(MonitorBus.SNAPSHOT, null)).contains("fine"));
  }

  @Test
  void theNumberOfExternalSectionsIsCappedAndStaleOnesExpire() {
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir)
        .set("monitor.sections.maxExternal", 3).set("monitor.sections.expireMs", 1500));
    LiveSocket page = vigie.live();
    page.awaitType("snapshot", 5000);
    for (int i = 0; i < 3; i++) {
      assertEquals(200, vigie.http().post("/api/sections", section("ext-" + i, metrics(1))).statusCode());
    }
    assertRefused(vigie.http().post("/api/sections", section("ext-3", metrics(1))), 409, "TOO_MANY_SECTIONS", "section");
    assertEquals(200, vigie.http().post("/api/sections", section("ext-0", metrics(2))).statusCode(), "an update of one held");

    eventually("the page to show the three", page::view, view -> view.keySet().containsAll(Set.of("ext-0", "ext-1", "ext-2")));
    // Not updated for 1.5 s: removed from the snapshot and from the page, which then has room for another.
    eventually("the stale sections to be removed from the page", page::view,
        view -> view.keySet().stream().noneMatch(n -> n.startsWith("ext-")));
    assertFalse(names(vigie.ask(MonitorBus.SNAPSHOT, null)).contains("ext-1"));
    assertEquals(200, vigie.http().post("/api/sections", section("ext-3", metrics(1))).statusCode());
    assertTrue(vigie.ask(MonitorBus.SNAPSHOT, null).getJsonArray("log").encode().contains("not updated for 1 s"));
    page.close();
  }

  @Test
  void aSnapshotOverItsCeilingIsA500WithTheErrorShapeNotAHungRequest() {
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir).set("monitor.maxSnapshotBytes", 20_000));
    for (int i = 0; i < 10; i++) {
      vigie.http().post("/api/sections", section("big-" + i, metrics(50)));
    }
    HttpResponse<Buffer> response = vigie.http().get("/api/snapshot");
    assertEquals(500, response.statusCode(), response.bodyAsString());
    assertEquals("SNAPSHOT_TOO_LARGE", response.bodyAsJsonObject().getString("error"));
    assertTrue(response.bodyAsJsonObject().getString("message").contains("monitor.maxSnapshotBytes"));
  }

  /** What one bucket of {@code burst} refilled at 1/s may let through while the posts took {@code startNanos} until now. */
  private static long allowedSince(long startNanos, int burst) {
    return burst + (long) Math.ceil((System.nanoTime() - startNanos) / 1e9);
  }

  private List<Future<HttpResponse<Buffer>>> postFromEach(TestVigie vigie, List<String> addresses, int each) {
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (String address : addresses) {
      WebClient client = WebClient.create(vigie.vertx(), new WebClientOptions().setLocalAddress(address)
          .setDefaultHost("127.0.0.1").setDefaultPort(vigie.httpPort()));
      clients.add(client);
      for (int i = 0; i < each; i++) {
        calls.add(client.post("/api/sections").sendJsonObject(section("from-" + address.replace('.', '-'), metrics(1))));
      }
    }
    await("every post", Future.join(calls));
    return calls;
  }

  @Test
  void theRateLimitCountsEveryLoopbackAddressAsOneClient() {
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir)
        .set("http.rateLimit.requestsPerSecond", 1).set("http.rateLimit.burst", 5));
    long start = System.nanoTime();
    List<Future<HttpResponse<Buffer>>> calls = postFromEach(vigie,
        List.of("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6", "127.0.0.7", "127.0.0.8", "127.0.0.9"), 2);
    long allowed = allowedSince(start, 5);
    long accepted = calls.stream().filter(c -> c.result().statusCode() == 200).count();
    assertTrue(accepted <= allowed && allowed < 16, "8 addresses together get one client's burst (5, plus 1/s): "
        + accepted + " of 16 accepted, " + allowed + " allowed");
    HttpResponse<Buffer> refused = calls.stream().map(Future::result).filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
    assertTrue(refused.bodyAsJsonObject().getString("message").contains("from loopback"), refused.bodyAsString());
  }

  @Test
  void theGlobalLimitHoldsWhateverTheClients() {
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir)
        .set("http.rateLimit.globalRequestsPerSecond", 1).set("http.rateLimit.globalBurst", 5));
    long start = System.nanoTime();
    List<Future<HttpResponse<Buffer>>> calls = postFromEach(vigie, List.of("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"), 3);
    long allowed = allowedSince(start, 5);
    long accepted = calls.stream().filter(c -> c.result().statusCode() == 200).count();
    assertTrue(accepted <= allowed && allowed < 12, "the global burst (5, plus 1/s) bounds everyone: "
        + accepted + " of 12 accepted, " + allowed + " allowed");
    HttpResponse<Buffer> refused = calls.stream().map(Future::result).filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
    assertTrue(refused.bodyAsJsonObject().getString("message").contains("all clients together"), refused.bodyAsString());
    assertTrue(Integer.parseInt(refused.getHeader("Retry-After")) >= 1);
  }
}
