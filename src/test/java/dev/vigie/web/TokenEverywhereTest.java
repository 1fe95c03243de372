package dev.vigie.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.MonitorBus;
import dev.vigie.kit.LiveSocket;
import dev.vigie.kit.RawHttp;
import dev.vigie.kit.StartedVigies;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a token, reads need it as much as changes: every GET under /api, /metrics, /ws and /eventbus answer 401 in
 * the error shape without it and 200 with it. A GET changes nothing, the activity log included.
 */
class TokenEverywhereTest {
  private static final String TOKEN = "tok-5e3f9a";
  private static final List<String> READS = List.of("/api/snapshot", "/api/cache", "/api/upstream", "/api/downloads",
      "/api/quality", "/api/probes", "/api/probes?history=true", "/api/stress", "/api/report", "/metrics");

  @RegisterExtension
  final StartedVigies vigies = new StartedVigies();
  @TempDir
  Path dataDir;

  private HttpResponse<Buffer> get(TestVigie vigie, String uri, Map<String, String> headers) {
    var request = vigie.http().request(HttpMethod.GET, uri);
    headers.forEach(request::putHeader);
    return vigie.http().send(request);
  }

  @Test
  void everyReadNeedsTheToken() {
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir).token(TOKEN));
    for (String uri : READS) {
      HttpResponse<Buffer> anonymous = get(vigie, uri, Map.of());
      assertEquals(401, anonymous.statusCode(), "GET " + uri + " without the token");
      assertEquals("UNAUTHORIZED", anonymous.bodyAsJsonObject().getString("error"), uri);
      assertTrue(anonymous.bodyAsJsonObject().getString("message").contains("token"), uri);
      assertEquals(401, get(vigie, uri, Map.of("Authorization", "Bearer wrong")).statusCode(), uri + " wrong token");
      assertEquals(200, get(vigie, uri, Map.of("Authorization", "Bearer " + TOKEN)).statusCode(), uri + " with the token");
      String withParam = uri + (uri.contains("?") ? "&" : "?") + "token=" + TOKEN;
      assertEquals(200, get(vigie, withParam, Map.of()).statusCode(), withParam);
    }
    // Unknown routes do not tell a stranger what exists.
    assertEquals(401, get(vigie, "/api/no-such-route", Map.of()).statusCode());
    assertEquals(401, get(vigie, "/api/stress/nope/hgrm", Map.of()).statusCode());
    // A change takes the token only as a header: a link cannot carry it into a POST.
    assertEquals(401, vigie.http().send(vigie.http().request(HttpMethod.POST, "/api/cache/clear?token=" + TOKEN)).statusCode());
    // The live connections.
    try (RawHttp raw = new RawHttp(vigie.vertx(), vigie.httpPort())) {
      String host = "127.0.0.1:" + vigie.httpPort();
      assertEquals(401, raw.upgrade("/ws", Map.of("Host", host)).status());
      assertEquals(101, raw.upgrade("/ws?token=" + TOKEN, Map.of("Host", host)).status());
      assertEquals(401, raw.request("GET", "/eventbus/info", Map.of("Host", host)).status());
      assertEquals(200, raw.request("GET", "/eventbus/info?token=" + TOKEN, Map.of("Host", host)).status());
      // The page itself and liveness stay open: the page asks for the token, /health says only "up".
      assertEquals(200, raw.request("GET", "/", Map.of("Host", host)).status());
      assertEquals(200, raw.request("GET", "/health", Map.of("Host", host)).status());
    }
    try (LiveSocket live = LiveSocket.connect(vigie.vertx(), vigie.httpPort(), "/ws?token=" + TOKEN)) {
      assertEquals("snapshot", live.awaitType("snapshot", 10_000).getString("type"));
    }
  }

  @Test
  void metricsCanBeMadePublic() {
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir).token(TOKEN).set("http.metricsPublic", true)
        .only("monitor", "web"));
    assertEquals(200, get(vigie, "/metrics", Map.of()).statusCode());
    assertEquals(401, get(vigie, "/api/snapshot", Map.of()).statusCode());
  }

  @Test
  void readingTheReportLeavesTheActivityLogAsItWas() {
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir).token(TOKEN).only("monitor", "web"));
    Map<String, String> auth = Map.of("Authorization", "Bearer " + TOKEN);
    vigie.ask(MonitorBus.ACTIVITY, new JsonObject().put("level", "info").put("message", "the entry before the reads"));
    JsonArray before = get(vigie, "/api/snapshot", auth).bodyAsJsonObject().getJsonArray("log");
    assertTrue(before.encode().contains("the entry before the reads"));
    for (int i = 0; i < 105; i++) {
      assertEquals(200, get(vigie, "/api/report", auth).statusCode());
      assertEquals(401, get(vigie, "/api/report", Map.of()).statusCode());
    }
    // Appended after the reads: anything they logged on the way was queued before it.
    vigie.ask(MonitorBus.ACTIVITY, new JsonObject().put("level", "info").put("message", "the entry after the reads"));
    JsonArray after = get(vigie, "/api/snapshot", auth).bodyAsJsonObject().getJsonArray("log");
    JsonArray expected = before.copy();
    expected.add(after.getJsonObject(after.size() - 1));
    assertEquals("the entry after the reads", after.getJsonObject(after.size() - 1).getString("message"));
    assertEquals(expected, after, "the reads left the log as it was");
  }
}
