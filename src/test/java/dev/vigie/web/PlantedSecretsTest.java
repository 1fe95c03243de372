package dev.vigie.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vigie.bus.SecretRedactor;
import dev.vigie.kit.LiveSocket;
import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.StartedVigies;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import dev.vigie.kit.Wait;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Secrets planted in every place a configuration or a client can put one (header values under names of all kinds,
 * query values, user information, the token, JSON bodies) appear nowhere Vigie shows or writes: the report, the
 * probes, the snapshot, the upstream statistics, the live frames, the metrics, the logs.
 */
class PlantedSecretsTest {
  private static final String TOKEN = "planted-token-00";
  @RegisterExtension
  final StartedVigies vigies = new StartedVigies();
  @TempDir
  Path dataDir;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @AfterEach
  void detachLogs() {
    root.detachAppender(logs);
  }

  @Test
  void plantedSecretsAppearNowhere() {
    logs.start();
    root.addAppender(logs);
    List<String> secrets = new ArrayList<>();
    for (int i = 0; i <= 18; i++) {
      secrets.add(String.format("planted-%02d", i));
    }
    secrets.set(0, TOKEN);
    try (LoopbackServer target = LoopbackServer.start(req -> {
      String path = req.path();
      switch (path) {
        // Echoes everything it was sent: a body Vigie must not repeat.
        case "/echo" -> {
          JsonObject headers = new JsonObject();
          req.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
          req.response().putHeader("content-type", "application/json")
              .end(new JsonObject().put("uri", req.uri()).put("headers", headers).encode());
        }
        case "/broken" -> req.response().end("planted-14 is not JSON, and neither is " + req.headers().get("Cookie"));
        case "/fresh" -> req.response().end(new JsonObject().put("updated_at", Instant.now().toString())
            .put("echo", req.uri()).encode());
        case "/up" -> req.response().putHeader("content-type", "application/json").end("{\"price\": 1}");
        default -> req.response().setStatusCode(500).end(req.uri());
      }
    })) {
      String base = "127.0.0.1:" + target.port();
      JsonArray endpoints = new JsonArray()
          .add(new JsonObject().put("name", "Echo")
              .put("url", "http://planted-01:planted-02@" + base + "/echo?code=planted-03&symbol=BTCUSDT")
              .put("headers", new JsonObject().put("X-Auth-Key", "planted-04").put("X-Access-Key", "planted-05")
                  .put("Authorization", "Bearer planted-06").put("Accept", "application/json"))
              .put("jsonPointer", "/absent").put("intervalMs", 3_600_000))
          .add(new JsonObject().put("name", "Broken").put("url", "http://" + base + "/broken?session_id=planted-07")
              .put("headers", new JsonObject().put("Cookie", "sid=planted-08")).put("jsonPointer", "/x")
              .put("intervalMs", 3_600_000))
          .add(new JsonObject().put("name", "Failing").put("url", "http://" + base + "/fail?state=planted-15")
              .put("headers", new JsonObject().put("X-Tenant", "planted-16")).put("intervalMs", 3_600_000));
      JsonArray freshness = new JsonArray().add(new JsonObject().put("name", "Fresh").put("kind", "http")
          .put("url", "http://" + base + "/fresh?apikey=planted-09").put("jsonPointer", "/updated_at")
          .put("headers", new JsonObject().put("Private-Token", "planted-10")).put("intervalMs", 3_600_000));
      JsonArray upstream = new JsonArray()
          .add(new JsonObject().put("name", "prices").put("url", "http://planted-11:planted-12@" + base + "/up?key=planted-13"))
          .add(new JsonObject().put("name", "down").put("url", "http://" + base + "/gone?cursor=planted-17"));
      TestVigie vigie = vigies.start(TestConfig.defaults(dataDir).token(TOKEN)
          .set("probe.endpoints", endpoints).set("probe.freshness", freshness)
          .set("cache.upstream.sources", upstream));
      Map<String, String> auth = Map.of("Authorization", "Bearer " + TOKEN);
      StringBuilder frames = new StringBuilder();
      try (LiveSocket live = LiveSocket.connect(vigie.vertx(), vigie.httpPort(), "/ws?token=" + TOKEN)) {
        JsonObject run = send(vigie, HttpMethod.POST, "/api/probes/run", auth, null);
        assertEquals(3, run.getJsonArray("results").size(), run.encode());
        send(vigie, HttpMethod.GET, "/api/upstream/prices", auth, null);
        send(vigie, HttpMethod.GET, "/api/upstream/down", auth, null);
        send(vigie, HttpMethod.POST, "/api/sections", auth, new JsonObject().put("section", "integrator")
            .put("title", "Integrator").put("metrics", new JsonArray().add(new JsonObject().put("label", "Login")
                .put("value", "ok").put("hint", "password=planted-18 accepted")))
            .put("details", new JsonObject().put("headers", new JsonObject().put("X-Api-Key", "planted-18"))));
        // Every frame until the probes' failures and the integrator's section have been pushed.
        live.await("the endpoints' failures and the integrator's section", f -> {
          frames.append(f.encode()).append('\n');
          return frames.indexOf("\"integrator\"") >= 0 && frames.indexOf("invalid_body") >= 0;
        }, 10_000);
      }
      Map<String, String> places = new LinkedHashMap<>();
      places.put("/api/report", get(vigie, "/api/report", auth));
      places.put("/api/probes", get(vigie, "/api/probes?history=true", auth));
      places.put("/api/snapshot", get(vigie, "/api/snapshot", auth));
      places.put("/api/upstream", get(vigie, "/api/upstream", auth));
      places.put("/api/upstream/down", get(vigie, "/api/upstream/down", auth));
      places.put("/metrics", get(vigie, "/metrics", auth));
      places.put("/ws frames", frames.toString());
      StringBuilder logText = new StringBuilder();
      for (ILoggingEvent event : List.copyOf(logs.list)) {
        logText.append(event.getFormattedMessage()).append(' ')
            .append(Arrays.toString(event.getArgumentArray())).append('\n');
      }
      places.put("the log", logText.toString());

      JsonObject probes = new JsonObject(places.get("/api/probes"));
      assertEquals("assertion", probes.getJsonArray("endpoints").getJsonObject(0).getString("reason"), "the probes ran");
      assertEquals("invalid_body", probes.getJsonArray("endpoints").getJsonObject(1).getString("reason"));
      assertTrue(places.get("/api/report").contains("symbol=BTCUSDT"), "what is not secret stays");
      assertTrue(places.get("/api/report").contains("application/json"), "Accept is on the shown list");
      assertTrue(places.get("/api/snapshot").contains("password=" + SecretRedactor.MASK));
      assertTrue(places.get("the log").contains("probe_failing"), "the log was captured");
      for (Map.Entry<String, String> place : places.entrySet()) {
        for (String secret : secrets) {
          assertTrue(!place.getValue().contains(secret), place.getKey() + " shows " + secret + ": "
              + excerpt(place.getValue(), secret));
        }
      }
    }
  }

  private static JsonObject send(TestVigie vigie, HttpMethod method, String uri, Map<String, String> headers, JsonObject body) {
    var request = vigie.http().request(method, uri);
    headers.forEach(request::putHeader);
    var response = body == null ? vigie.http().send(request) : Wait.await(uri, request.sendJsonObject(body));
    String text = response.bodyAsString();
    return text != null && text.startsWith("{") ? new JsonObject(text) : new JsonObject();
  }

  private static String get(TestVigie vigie, String uri, Map<String, String> headers) {
    var request = vigie.http().request(HttpMethod.GET, uri);
    headers.forEach(request::putHeader);
    return vigie.http().send(request).bodyAsString();
  }

  private static String excerpt(String text, String secret) {
    int at = text.indexOf(secret);
    return text.substring(Math.max(0, at - 150), Math.min(text.length(), at + 60));
  }
}
