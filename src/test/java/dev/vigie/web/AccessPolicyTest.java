package dev.vigie.web;

import static dev.vigie.kit.Wait.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.RawHttp;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Origins, the token and the body cap. */
class AccessPolicyTest {
  @TempDir
  Path dataDir;
  private TestVigie vigie;
  private HttpClient http;

  @AfterEach
  void stop() {
    vigie.close();
  }

  private void start(String token, JsonArray allowedOrigins) {
    TestConfig config = TestConfig.defaults(dataDir).set("http.allowedOrigins", allowedOrigins)
        .set("http.maxBodyBytes", 1024);
    if (token != null) {
      config.token(token);
    }
    vigie = TestVigie.start(config);
    http = vigie.vertx().createHttpClient();
  }

  private record Answer(int status, String body) {
  }

  private Answer call(HttpMethod method, String uri, Map<String, String> headers, String body) {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(vigie.httpPort()).setURI(uri);
    headers.forEach(options::putHeader);
    return await(http.request(options)
        // body() asked within send()'s own callback (docs/testing.md, "A hung exchange").
        .compose(req -> (body == null ? req.send() : req.send(Buffer.buffer(body)))
            .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), b.toString())))));
  }

  /** The handshake's status, read from the raw answer (a refused handshake's close may race the client's parser). */
  private int upgrade(Map<String, String> headers, String uri) {
    Map<String, String> all = new java.util.HashMap<>(headers);
    all.put("Host", "127.0.0.1:" + vigie.httpPort());
    try (RawHttp raw = new RawHttp(vigie.vertx(), vigie.httpPort())) {
      return raw.upgrade(uri, all).status();
    }
  }

  @Test
  void foreignBrowserOriginIsRefusedOwnAndNoneAreServed() {
    start(null, new JsonArray().add("http://dashboard.example:3000"));
    String own = "http://127.0.0.1:" + vigie.httpPort();
    assertEquals(403, upgrade(Map.of("Origin", "http://evil.example"), "/ws"));
    assertEquals(101, upgrade(Map.of("Origin", own), "/ws"));
    assertEquals(101, upgrade(Map.of(), "/ws"));
    assertEquals(101, upgrade(Map.of("Origin", "http://dashboard.example:3000"), "/ws"));
    Answer bridge = call(HttpMethod.GET, "/eventbus/info", Map.of("Origin", "http://evil.example"), null);
    assertEquals(403, bridge.status());
    assertEquals("FORBIDDEN_ORIGIN", new JsonObject(bridge.body()).getString("error"));
    assertEquals(200, call(HttpMethod.GET, "/eventbus/info", Map.of("Origin", own), null).status());
  }

  @Test
  void withATokenChangesAndWebsocketsMustPresentIt() {
    start("s3cret", new JsonArray());
    String section = "{\"section\":\"t\",\"title\":\"T\",\"metrics\":[]}";
    Answer refused = call(HttpMethod.POST, "/api/sections", Map.of(), section);
    assertEquals(401, refused.status());
    assertEquals("UNAUTHORIZED", new JsonObject(refused.body()).getString("error"));
    assertEquals(401, call(HttpMethod.POST, "/api/sections", Map.of("Authorization", "Bearer wrong"), section).status());
    assertEquals(200, call(HttpMethod.POST, "/api/sections", Map.of("Authorization", "Bearer s3cret"), section).status());
    assertEquals(401, call(HttpMethod.GET, "/api/snapshot", Map.of(), null).status(), "reading needs the token too");
    assertEquals(401, upgrade(Map.of(), "/ws"));
    assertEquals(101, upgrade(Map.of(), "/ws?token=s3cret"));
    assertEquals(101, upgrade(Map.of("Authorization", "Bearer s3cret"), "/ws"));
  }

  @Test
  void badBodiesGetTheErrorShape() {
    start(null, new JsonArray());
    Answer tooLarge = call(HttpMethod.POST, "/api/sections", Map.of("content-type", "application/json"), "{\"x\":\"" + "a".repeat(4096) + "\"}");
    assertEquals(413, tooLarge.status());
    assertEquals("TOO_LARGE", new JsonObject(tooLarge.body()).getString("error"));
    Answer notJson = call(HttpMethod.POST, "/api/sections", Map.of(), "not json");
    assertEquals(400, notJson.status());
    assertEquals("BAD_JSON", new JsonObject(notJson.body()).getString("error"));
    Answer badSection = call(HttpMethod.POST, "/api/sections", Map.of(), "{\"section\":\"x\",\"metrics\":[{\"value\":1}]}");
    assertEquals(400, badSection.status());
    assertTrue(new JsonObject(badSection.body()).getString("message").contains("metric.label"));
    Answer missing = call(HttpMethod.GET, "/api/nothing-here", Map.of(), null);
    assertEquals(404, missing.status());
    assertEquals("NOT_FOUND", new JsonObject(missing.body()).getString("error"));
  }
}
