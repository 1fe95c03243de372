package dev.vigie.probe;

import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.StartedVigies;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/monitors}: monitors added, changed, paused and deleted through the API are probed (or not) at once,
 * against a real loopback target; a bad field is a 400 naming it; monitors of the configuration file are read-only.
 * A configured endpoint, {@code control}, probes {@code /control} every 50 ms: while it makes ten more requests, a
 * paused or deleted monitor makes none (one already under way aside).
 */
class MonitorsApiTest {
  @TempDir
  Path dataDir;

  @RegisterExtension
  final StartedVigies vigies = new StartedVigies();

  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final Map<String, String> lastAuthorization = new ConcurrentHashMap<>();
  private LoopbackServer target;

  @BeforeEach
  void startTarget() {
    target = LoopbackServer.start(req -> {
      hits.computeIfAbsent(req.path(), p -> new AtomicInteger()).incrementAndGet();
      String auth = req.getHeader("authorization");
      if (auth != null) {
        lastAuthorization.put(req.path(), auth);
      }
      req.response().end("{\"ok\":true}");
    });
  }

  @AfterEach
  void stopTarget() {
    target.close();
  }

  private TestConfig config(String... areas) {
    return TestConfig.defaults(dataDir).only(areas)
        .set("probe.endpoints", new JsonArray().add(new JsonObject().put("name", "control")
            .put("url", target.url("/control")).put("intervalMs", 50)));
  }

  private int hits(String path) {
    AtomicInteger n = hits.get(path);
    return n == null ? 0 : n.get();
  }

  /** Waits until the configured control endpoint has made ten more requests. */
  private void tenControlRequests() {
    int from = hits("/control");
    eventually("ten more control requests", () -> hits("/control"), n -> n >= from + 10);
  }

  private JsonObject endpoint(String name, String path) {
    return new JsonObject().put("type", "endpoint").put("name", name).put("url", target.url(path)).put("intervalMs", 50);
  }

  private static HttpResponse<Buffer> put(TestVigie vigie, String uri, JsonObject body) {
    return vigie.http().send(vigie.http().request(HttpMethod.PUT, uri), body.encode());
  }

  private static void assertRefused(HttpResponse<Buffer> response, int status, String error, String field) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    JsonObject body = response.bodyAsJsonObject();
    assertEquals(error, body.getString("error"), response.bodyAsString());
    assertEquals(field, body.getString("field"), response.bodyAsString());
    assertTrue(body.getString("message") != null && !body.getString("message").isBlank(), response.bodyAsString());
  }

  @Test
  void everyBadFieldIsA400NamingIt() {
    TestVigie vigie = vigies.start(config("probe", "store", "web"));
    JsonObject ok = endpoint("valid", "/valid");
    Map<String, JsonObject> bad = new java.util.LinkedHashMap<>();
    bad.put("type", ok.copy().put("type", "ping"));
    bad.put("name", ok.copy().put("name", "a/b"));
    bad.put("url", ok.copy().put("url", "ftp://127.0.0.1/x"));
    bad.put("method", ok.copy().put("method", "FETCH"));
    bad.put("expectStatus", ok.copy().put("expectStatus", 700));
    bad.put("intervalMs", ok.copy().put("intervalMs", 0));
    bad.put("timeoutMs", ok.copy().put("timeoutMs", 1.5));
    bad.put("jsonPointer", ok.copy().put("jsonPointer", "no-slash"));
    bad.put("expectValue", ok.copy().put("expectValue", "up"));
    bad.put("headers", ok.copy().put("headers", new JsonObject().put("x-n", 1)));
    bad.put("paused", ok.copy().put("paused", "yes"));
    bad.put("uri", ok.copy().put("uri", "http://127.0.0.1/"));
    JsonObject fresh = new JsonObject().put("type", "freshness").put("name", "fresh").put("kind", "http")
        .put("url", target.url("/fresh")).put("jsonPointer", "/t");
    bad.put("kind", fresh.copy().put("kind", "ftp"));
    bad.put("warningAgeMinutes", fresh.copy().put("goodAgeMinutes", 10).put("warningAgeMinutes", 5));
    bad.put("path", new JsonObject().put("type", "freshness").put("name", "file").put("kind", "file"));
    bad.put("goodAgeMinutes", fresh.copy().put("goodAgeMinutes", -1));
    bad.forEach((field, body) -> assertRefused(vigie.http().post("/api/monitors", body), 400, "BAD_PARAMETER", field));
    JsonObject noJsonPointer = fresh.copy();
    noJsonPointer.remove("jsonPointer");
    assertRefused(vigie.http().post("/api/monitors", noJsonPointer), 400, "BAD_PARAMETER", "jsonPointer");
    JsonObject noName = ok.copy();
    noName.remove("name");
    assertRefused(vigie.http().post("/api/monitors", noName), 400, "BAD_PARAMETER", "name");
    assertEquals(400, vigie.http().send(vigie.http().request(HttpMethod.POST, "/api/monitors"), "[1]").statusCode());

    assertEquals(1, vigie.http().get("/api/monitors").bodyAsJsonObject().getJsonArray("monitors").size(),
        "nothing refused was kept");
    assertEquals(0, hits("/valid"));
    assertEquals(200, vigie.http().post("/api/monitors", ok).statusCode());
    assertEquals(200, vigie.http().post("/api/monitors", fresh).statusCode());
  }

  @Test
  void addedMonitorsAreProbedAtOncePausedResumedReplacedAndDeleted() {
    TestVigie vigie = vigies.start(config("probe", "store", "web"));
    HttpResponse<Buffer> added = vigie.http().post("/api/monitors", endpoint("api-one", "/one"));
    assertEquals(200, added.statusCode(), added.bodyAsString());
    assertEquals("store", added.bodyAsJsonObject().getString("source"));
    eventually("the new monitor to be probed", () -> hits("/one"), n -> n >= 5);

    JsonObject paused = vigie.http().post("/api/monitors/api-one/pause").bodyAsJsonObject();
    assertTrue(paused.getBoolean("paused"), paused.encode());
    int atPause = hits("/one");
    tenControlRequests();
    assertTrue(hits("/one") <= atPause + 1, "probed while paused: " + hits("/one") + " after " + atPause);
    assertTrue(vigie.http().get("/api/monitors/api-one").bodyAsJsonObject().getBoolean("paused"));
    assertTrue(vigie.http().get("/api/probes").bodyAsString().indexOf("api-one") < 0, "a paused monitor is not in the probes");

    assertEquals(200, vigie.http().post("/api/monitors/api-one/resume").statusCode());
    int atResume = hits("/one");
    eventually("probing to resume", () -> hits("/one"), n -> n >= atResume + 5);

    // Replaced: the new URL is probed, the old one no longer.
    JsonObject replaced = put(vigie, "/api/monitors/api-one", endpoint("api-one", "/two")).bodyAsJsonObject();
    assertEquals(target.url("/two"), replaced.getString("url"), replaced.encode());
    eventually("the new URL to be probed", () -> hits("/two"), n -> n >= 5);
    int oldAtReplace = hits("/one");
    tenControlRequests();
    assertTrue(hits("/one") <= oldAtReplace + 1, "the old URL is still probed");
    assertRefused(put(vigie, "/api/monitors/api-one", endpoint("renamed", "/two")), 400, "BAD_PARAMETER", "name");

    assertEquals(200, vigie.http().delete("/api/monitors/api-one").statusCode());
    int atDelete = hits("/two");
    tenControlRequests();
    assertTrue(hits("/two") <= atDelete + 1, "probed after delete");
    assertRefused(vigie.http().get("/api/monitors/api-one"), 404, "UNKNOWN_MONITOR", null);
    assertRefused(vigie.http().delete("/api/monitors/api-one"), 404, "UNKNOWN_MONITOR", null);
    assertRefused(put(vigie, "/api/monitors/nobody", endpoint("nobody", "/x")), 404, "UNKNOWN_MONITOR", null);
    assertRefused(vigie.http().post("/api/monitors/nobody/pause"), 404, "UNKNOWN_MONITOR", null);
  }

  @Test
  void namesAreUniqueAndTheNumberOfMonitorsIsBounded() {
    TestVigie vigie = vigies.start(config("probe", "store", "web").set("probe.maxMonitors", 3));
    assertEquals(200, vigie.http().post("/api/monitors", endpoint("first", "/first")).statusCode());
    assertRefused(vigie.http().post("/api/monitors", endpoint("first", "/other")), 409, "DUPLICATE_NAME", "name");
    assertRefused(vigie.http().post("/api/monitors", endpoint("control", "/other")), 409, "DUPLICATE_NAME", "name");
    assertEquals(200, vigie.http().post("/api/monitors", endpoint("second", "/second")).statusCode());
    HttpResponse<Buffer> full = vigie.http().post("/api/monitors", endpoint("third", "/third"));
    assertRefused(full, 409, "TOO_MANY_MONITORS", null);
    assertTrue(full.bodyAsJsonObject().getString("message").contains("probe.maxMonitors"), full.bodyAsString());
    assertEquals(3, vigie.http().get("/api/monitors").bodyAsJsonObject().getJsonArray("monitors").size());
  }

  @Test
  void configurationMonitorsAreShownAndReadOnly() {
    TestVigie vigie = vigies.start(config("probe", "store", "web"));
    JsonObject control = vigie.http().get("/api/monitors/control").bodyAsJsonObject();
    assertEquals("config", control.getString("source"), control.encode());
    assertEquals("endpoint", control.getString("type"));
    assertEquals(target.url("/control"), control.getString("url"));
    for (HttpResponse<Buffer> refused : java.util.List.of(put(vigie, "/api/monitors/control", endpoint("control", "/x")),
        vigie.http().delete("/api/monitors/control"), vigie.http().post("/api/monitors/control/pause"))) {
      assertRefused(refused, 409, "CONFIG_MONITOR", null);
      assertTrue(refused.bodyAsJsonObject().getString("message").contains("configuration file"), refused.bodyAsString());
    }
    tenControlRequests();
  }

  @Test
  void secretsAreMaskedInAnswersAndKeptWhenTheMonitorIsSentBack() {
    TestVigie vigie = vigies.start(config("probe", "store", "web"));
    vigie.http().post("/api/monitors", endpoint("private", "/private")
        .put("headers", new JsonObject().put("Authorization", "Bearer s3cr3t-t0ken")));
    JsonObject shown = vigie.http().get("/api/monitors/private").bodyAsJsonObject();
    assertTrue(!shown.encode().contains("s3cr3t"), shown.encode());
    assertEquals(200, put(vigie, "/api/monitors/private", shown.put("intervalMs", 40)).statusCode());
    hits.remove("/private");
    lastAuthorization.remove("/private");
    eventually("the replaced monitor to send its real header", () -> lastAuthorization.get("/private"),
        "Bearer s3cr3t-t0ken"::equals);
  }

  @Test
  void withoutTheStoreChangesAre503AndConfigurationMonitorsStillRun() {
    TestVigie vigie = vigies.start(config("probe", "web"));
    assertRefused(vigie.http().post("/api/monitors", endpoint("nowhere", "/nowhere")), 503, "STORE_DOWN", null);
    assertRefused(vigie.http().post("/api/monitors/control/resume"), 409, "CONFIG_MONITOR", null);
    assertEquals("config", vigie.http().get("/api/monitors").bodyAsJsonObject().getJsonArray("monitors")
        .getJsonObject(0).getString("source"));
    tenControlRequests();
    assertEquals(0, hits("/nowhere"));
  }

  private static java.util.List<String> ids(JsonObject page) {
    return page.getJsonArray("monitors").stream().map(m -> ((JsonObject) m).getString("id")).toList();
  }

  /** The page's Monitors panel reads a page at a time, and polls with the version: an unchanged list comes back empty. */
  @Test
  void theListIsPagedFilteredAndVersioned() {
    TestVigie vigie = vigies.start(config("probe", "store", "web"));
    for (String name : new String[] {"alpha", "beta", "gamma"}) {
      assertEquals(200, vigie.http().post("/api/monitors", endpoint(name, "/" + name).put("intervalMs", 60_000)).statusCode());
    }
    JsonObject first = vigie.http().get("/api/monitors?limit=2").bodyAsJsonObject();
    assertEquals(java.util.List.of("control", "alpha"), ids(first), first.encode());
    assertEquals(0, first.getInteger("offset"));
    assertEquals(4, first.getInteger("total"));
    assertEquals(4, first.getInteger("matched"));
    assertEquals(new JsonObject().put("config", 1).put("store", 3), first.getJsonObject("counts"));
    JsonObject second = vigie.http().get("/api/monitors?limit=2&offset=2").bodyAsJsonObject();
    assertEquals(java.util.List.of("beta", "gamma"), ids(second), second.encode());
    assertEquals(2, second.getInteger("offset"));
    assertEquals(java.util.List.of(), ids(vigie.http().get("/api/monitors?offset=10").bodyAsJsonObject()));
    assertEquals(java.util.List.of("alpha", "beta", "gamma", "control"),
        ids(vigie.http().get("/api/monitors?sort=store-first").bodyAsJsonObject()));
    assertEquals(java.util.List.of("control"), ids(vigie.http().get("/api/monitors?source=config").bodyAsJsonObject()));
    JsonObject fresh = vigie.http().get("/api/monitors?type=freshness").bodyAsJsonObject();
    assertEquals(0, fresh.getInteger("matched"), fresh.encode());
    assertEquals(4, fresh.getInteger("total"));
    assertEquals(java.util.List.of("beta"), ids(vigie.http().get("/api/monitors?q=BET").bodyAsJsonObject()));

    String version = first.getString("version");
    JsonObject unchanged = vigie.http().get("/api/monitors?limit=2&version=" + version).bodyAsJsonObject();
    assertEquals(new JsonObject().put("version", version).put("unchanged", true), unchanged);
    assertEquals(200, vigie.http().post("/api/monitors/beta/pause").statusCode());
    JsonObject changed = vigie.http().get("/api/monitors?limit=3&version=" + version).bodyAsJsonObject();
    assertTrue(!version.equals(changed.getString("version")), changed.encode());
    assertTrue(changed.getJsonArray("monitors").getJsonObject(2).getBoolean("paused"), changed.encode());

    Map<String, String> bad = Map.of("limit=0", "limit", "limit=1001", "limit", "limit=ten", "limit",
        "offset=-1", "offset", "offset=1000001", "offset", "offset=x", "offset", "limit=1&limit=2", "limit",
        "type=probe", "type", "source=file", "source", "sort=name", "sort");
    bad.forEach((query, field) -> assertRefused(vigie.http().get("/api/monitors?" + query), 400, "BAD_PARAMETER", field));
  }

  /** The page's endpoint list reads only the rows in view: GET api/probes jumps to an offset in the order asked. */
  @Test
  void theEndpointListJumpsToAnOffset() {
    TestVigie vigie = vigies.start(config("probe", "store", "web"));
    for (String name : new String[] {"alpha", "beta", "gamma"}) {
      assertEquals(200, vigie.http().post("/api/monitors", endpoint(name, "/" + name).put("intervalMs", 60_000)).statusCode());
    }
    JsonObject page = vigie.http().get("/api/probes?limit=2&offset=1").bodyAsJsonObject();
    assertEquals(java.util.List.of("alpha", "beta"), page.getJsonArray("endpoints").stream()
        .map(e -> ((JsonObject) e).getString("name")).toList(), page.encode());
    assertEquals(1, page.getInteger("offset"));
    assertEquals(4, page.getInteger("matched"));
    JsonObject byName = vigie.http().get("/api/probes?limit=1&offset=3&sort=-name").bodyAsJsonObject();
    assertEquals("alpha", byName.getJsonArray("endpoints").getJsonObject(0).getString("name"), byName.encode());
    assertEquals(0, vigie.http().get("/api/probes?offset=9").bodyAsJsonObject().getJsonArray("endpoints").size());
    String cursor = vigie.http().get("/api/probes?limit=1").bodyAsJsonObject().getString("nextCursor");
    assertRefused(vigie.http().get("/api/probes?offset=1&cursor=" + cursor), 400, "BAD_PARAMETER", "offset");
    for (String query : new String[] {"offset=-1", "offset=1000001", "offset=one", "offset=1&offset=2"}) {
      assertRefused(vigie.http().get("/api/probes?" + query), 400, "BAD_PARAMETER", "offset");
    }
  }
}
