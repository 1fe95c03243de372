package dev.vigie.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.RawHttp;
import dev.vigie.kit.StartedVigies;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the framework rejects answers in the API's error shape, with its status: requests that never reach the
 * router (request line or headers too long, not HTTP), and the router's own refusals (bad percent-encoding, unknown
 * route, wrong method). HEAD is served wherever GET is. Requests are written byte for byte.
 */
class ErrorShapeTest {
  @RegisterExtension
  final StartedVigies vigies = new StartedVigies();
  @TempDir
  Path dataDir;
  private RawHttp raw;
  private String host;

  @BeforeEach
  void start() {
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir).set("http.maxRequestLineBytes", 2048)
        .set("http.maxHeaderBytes", 4096));
    raw = new RawHttp(vigie.vertx(), vigie.httpPort());
    host = "127.0.0.1:" + vigie.httpPort();
  }

  private void assertShape(RawHttp.Answer answer, int status, String error) {
    assertEquals(status, answer.status(), answer.toString());
    assertTrue(answer.headers().get("content-type").startsWith("application/json"), answer.toString());
    JsonObject body = answer.json();
    assertEquals(error, body.getString("error"), answer.toString());
    assertTrue(body.getString("message") != null && !body.getString("message").isBlank(), answer.toString());
  }

  private RawHttp.Answer get(String uri) {
    return raw.request("GET", uri, Map.of("Host", host));
  }

  @Test
  void malformedRequestsThatNeverReachTheRouter() {
    assertShape(get("/api/" + "a".repeat(3000)), 414, "URI_TOO_LONG");
    assertShape(raw.request("GET", "/api/snapshot", Map.of("Host", host, "X-Padding", "p".repeat(6000))), 431,
        "HEADERS_TOO_LARGE");
    assertShape(raw.exchange("NOT HTTP AT ALL\r\n\r\n"), 400, "BAD_REQUEST");
    assertShape(raw.exchange("GET /api/snapshot HTTP/1.1\r\nHost: " + host + "\r\nBroken header line\r\n\r\n"), 400,
        "BAD_REQUEST");
  }

  @Test
  void routerRefusals() {
    assertShape(get("/api/%zz"), 400, "BAD_REQUEST");
    assertShape(get("/api/quality/%G1"), 400, "BAD_REQUEST");
    assertShape(get("/api/snapshot?history=%zz"), 400, "BAD_REQUEST");
    assertShape(get("/%zz"), 400, "BAD_REQUEST");
    assertShape(get("/api/no-such-route"), 404, "NOT_FOUND");
    assertShape(get("/no-such-file.js"), 404, "NOT_FOUND");
    RawHttp.Answer wrongMethod = raw.request("DELETE", "/api/snapshot", Map.of("Host", host));
    assertShape(wrongMethod, 405, "METHOD_NOT_ALLOWED");
    assertEquals("GET, HEAD", wrongMethod.headers().get("allow"));
    assertShape(raw.request("PUT", "/api/stress/abc", Map.of("Host", host, "Content-Length", "0")), 405, "METHOD_NOT_ALLOWED");
    assertShape(raw.request("PATCH", "/api/cache/trim", Map.of("Host", host, "Content-Length", "0")), 405, "METHOD_NOT_ALLOWED");
  }

  @Test
  void headIsServedWhereverGetIs() {
    for (String uri : List.of("/", "/index.html", "/health", "/metrics", "/api/snapshot", "/api/cache", "/api/upstream",
        "/api/downloads", "/api/quality", "/api/probes", "/api/probes?history=true", "/api/stress", "/api/report")) {
      RawHttp.Answer head = raw.request("HEAD", uri, Map.of("Host", host));
      assertEquals(200, head.status(), "HEAD " + uri + ": " + head);
      assertEquals("", head.body(), "HEAD " + uri + " has no body");
      assertEquals(200, get(uri).status(), "GET " + uri);
    }
    RawHttp.Answer missing = raw.request("HEAD", "/api/no-such-route", Map.of("Host", host));
    assertEquals(404, missing.status());
    assertEquals("", missing.body());
  }
}
