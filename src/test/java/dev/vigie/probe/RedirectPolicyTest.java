package dev.vigie.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.ProbeBus;
import dev.vigie.bus.UpstreamBus;
import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.StartedVigies;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Probes, freshness checks and upstream fetches follow a redirect only to the same origin or a host in their
 * {@code redirectHosts}, at most {@code maxRedirects} hops; any other fails with the reason {@code redirect}, and
 * the configured headers never leave the configured origin.
 */
class RedirectPolicyTest {
  @RegisterExtension
  final StartedVigies vigies = new StartedVigies();
  @TempDir
  Path dataDir;

  /** What the other servers were asked: path and the X-Api-Key header they got (or "none"). */
  private final List<String> elsewhere = new CopyOnWriteArrayList<>();

  private LoopbackServer recorder(String name) {
    return LoopbackServer.start(req -> {
      elsewhere.add(name + " " + req.path() + " key=" + (req.getHeader("X-Api-Key") == null ? "none" : req.getHeader("X-Api-Key")));
      req.response().putHeader("content-type", "application/json")
          .end(new JsonObject().put("status", "ok").put("updated_at", Instant.now().toString()).encode());
    });
  }

  @Test
  void redirectsStayOnTheirHost() {
    try (LoopbackServer unlisted = recorder("unlisted"); LoopbackServer listed = recorder("listed");
        LoopbackServer origin = LoopbackServer.start(req -> {
          String to = switch (req.path()) {
            case "/same" -> "/ok";
            case "/chain1" -> "/chain2";
            case "/chain2" -> "/chain3";
            case "/chain3" -> "/chain4";
            case "/chain4" -> "/ok";
            case "/other-port" -> "http://127.0.0.1:" + unlisted.port() + "/ok?token=from-the-redirect";
            case "/other-name" -> "http://localhost:" + req.localAddress().port() + "/ok";
            case "/listed" -> "http://127.0.0.1:" + listed.port() + "/ok";
            case "/see-other" -> "/ok";
            case "/no-location" -> null;
            default -> "";
          };
          if (to != null && to.isEmpty()) {
            req.response().putHeader("content-type", "application/json").end(new JsonObject().put("status", "ok")
                .put("key", String.valueOf(req.getHeader("X-Api-Key"))).put("updated_at", Instant.now().toString()).encode());
            return;
          }
          if (to != null) {
            req.response().putHeader("Location", to);
          }
          req.response().setStatusCode(req.path().equals("/see-other") ? 303 : 302).end();
        })) {
      String base = origin.url("");
      JsonArray endpoints = new JsonArray();
      for (String path : List.of("/same", "/chain1", "/chain2", "/other-port", "/other-name", "/listed", "/no-location")) {
        endpoints.add(new JsonObject().put("name", path).put("url", base + path).put("intervalMs", 3_600_000)
            .put("headers", new JsonObject().put("X-Api-Key", "k-123456")).put("jsonPointer", "/status"));
      }
      endpoints.add(new JsonObject().put("name", "expects-302").put("url", base + "/other-port").put("expectStatus", 302)
          .put("intervalMs", 3_600_000));
      endpoints.add(new JsonObject().put("name", "post-303").put("url", base + "/see-other").put("method", "POST")
          .put("intervalMs", 3_600_000));
      JsonArray freshness = new JsonArray()
          .add(new JsonObject().put("name", "fresh-same").put("kind", "http").put("url", base + "/same")
              .put("jsonPointer", "/updated_at").put("intervalMs", 3_600_000))
          .add(new JsonObject().put("name", "fresh-away").put("kind", "http").put("url", base + "/other-port")
              .put("jsonPointer", "/updated_at").put("intervalMs", 3_600_000));
      JsonArray sources = new JsonArray()
          .add(new JsonObject().put("name", "up-same").put("url", base + "/same"))
          .add(new JsonObject().put("name", "up-away").put("url", base + "/other-port"))
          .add(new JsonObject().put("name", "up-listed").put("url", base + "/listed"))
          .add(new JsonObject().put("name", "up-chain").put("url", base + "/chain1"));
      String listedHost = "127.0.0.1:" + listed.port();
      TestVigie vigie = vigies.start(TestConfig.defaults(dataDir).only("probe", "upstream")
          .set("probe.endpoints", endpoints).set("probe.freshness", freshness)
          .set("probe.redirectHosts", new JsonArray().add(listedHost))
          .set("cache.upstream.sources", sources).set("cache.upstream.redirectHosts", new JsonArray().add(listedHost)));

      JsonObject run = vigie.ask(ProbeBus.RUN, null);
      Map<String, JsonObject> results = new HashMap<>();
      run.getJsonArray("results").forEach(r -> results.put(((JsonObject) r).getString("endpoint"), (JsonObject) r));
      assertTrue(results.get("/same").getBoolean("ok"), results.get("/same").encode());
      assertTrue(results.get("/chain2").getBoolean("ok"), "three hops are allowed: " + results.get("/chain2").encode());
      assertRedirect(results.get("/chain1"), "more than 3 redirects");
      assertRedirect(results.get("/other-port"), "another host, http://127.0.0.1:" + unlisted.port());
      assertFalse(results.get("/other-port").encode().contains("from-the-redirect"), "the refusal names the origin only");
      assertRedirect(results.get("/other-name"), "another host, http://localhost:");
      assertRedirect(results.get("/no-location"), "without a Location");
      assertTrue(results.get("/listed").getBoolean("ok"), results.get("/listed").encode());
      assertTrue(results.get("expects-302").getBoolean("ok"), "a 3xx expected is the answer itself");
      assertTrue(results.get("post-303").getBoolean("ok"), results.get("post-303").encode());

      Map<String, JsonObject> readings = new HashMap<>();
      run.getJsonArray("freshness").forEach(r -> readings.put(((JsonObject) r).getString("source"), (JsonObject) r));
      assertNull(readings.get("fresh-same").getString("error"), readings.get("fresh-same").encode());
      assertTrue(readings.get("fresh-away").getString("error").startsWith("redirect: "), readings.get("fresh-away").encode());

      assertEquals("ok", vigie.ask(UpstreamBus.GET, new JsonObject().put("name", "up-same")).getJsonObject("body").getString("status"));
      assertEquals("ok", vigie.ask(UpstreamBus.GET, new JsonObject().put("name", "up-listed")).getJsonObject("body").getString("status"));
      for (String name : List.of("up-away", "up-chain")) {
        ReplyException refused = vigie.refusal(UpstreamBus.GET, new JsonObject().put("name", name));
        assertEquals(502, refused.failureCode());
        assertTrue(refused.getMessage().contains("redirect: "), refused.getMessage());
      }

      // Only the listed host was reached elsewhere, and never with the configured header.
      assertTrue(elsewhere.stream().noneMatch(e -> e.startsWith("unlisted")), elsewhere.toString());
      assertTrue(elsewhere.contains("listed /ok key=none"), elsewhere.toString());
      assertTrue(elsewhere.stream().noneMatch(e -> e.contains("k-123456")), elsewhere.toString());
    }
  }

  private static void assertRedirect(JsonObject result, String why) {
    assertFalse(result.getBoolean("ok"), result.encode());
    assertEquals("redirect", result.getString("reason"), result.encode());
    assertTrue(result.getString("error").contains(why), result.encode());
  }
}
