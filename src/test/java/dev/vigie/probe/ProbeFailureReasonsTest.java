package dev.vigie.probe;

import static dev.vigie.kit.Wait.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.ProbeBus;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refresh All against real loopback targets that misbehave in every way the fixed reason list names: each result
 * carries the right reason, and the answer comes only once every probe (the hanging one included) is done.
 */
class ProbeFailureReasonsTest {

  @Test
  void everyFailureIsNamedAndRefreshAllWaitsForTheSlowest(@TempDir Path dir) throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    // The misbehaving servers run on a Vert.x of their own.
    Vertx vertx = Vertx.vertx();
    HttpServer http = vertx.createHttpServer().requestHandler(req -> {
      switch (req.path()) {
        case "/ok" -> req.response().putHeader("content-type", "application/json").end("{\"status\":\"ok\",\"n\":3}");
        case "/slow" -> vertx.setTimer(300, id -> req.response().end("{\"status\":\"ok\"}"));
        case "/hang" -> { }
        case "/drip" -> {
          req.response().setChunked(true).write("{\"status\":");
          vertx.setTimer(5000, id -> req.response().end("\"ok\"}"));
        }
        case "/500" -> req.response().setStatusCode(500).end("{\"error\":\"boom\"}");
        case "/invalid" -> req.response().end("{\"status\": ok");
        case "/closed" -> req.connection().close();
        default -> req.response().setStatusCode(404).end();
      }
    });
    // Closes every connection with SO_LINGER 0: the client sees a TCP reset, not an orderly close.
    NetServer rst = vertx.createNetServer(new NetServerOptions().setSoLinger(0))
        .connectHandler(socket -> socket.handler(data -> socket.close()));
    await("the target servers to listen", http.listen(0, "127.0.0.1").compose(s -> rst.listen(0, "127.0.0.1")));
    String base = "http://127.0.0.1:" + http.actualPort();
    JsonArray endpoints = new JsonArray()
        .add(endpoint("ok", base + "/ok").put("jsonPointer", "/status").put("expectValue", "ok"))
        .add(endpoint("slow", base + "/slow").put("timeoutMs", 3000))
        .add(endpoint("hang", base + "/hang").put("timeoutMs", 400))
        .add(endpoint("drip", base + "/drip").put("timeoutMs", 400))
        .add(endpoint("server-error", base + "/500"))
        .add(endpoint("invalid", base + "/invalid").put("jsonPointer", "/status"))
        .add(endpoint("wrong-value", base + "/ok").put("jsonPointer", "/n").put("expectValue", 4))
        .add(endpoint("missing-field", base + "/ok").put("jsonPointer", "/absent"))
        .add(endpoint("closed", base + "/closed"))
        .add(endpoint("reset", "http://127.0.0.1:" + rst.actualPort() + "/"))
        .add(endpoint("refused", "http://127.0.0.1:" + closedPort + "/"))
        .add(endpoint("tls", "https://127.0.0.1:" + http.actualPort() + "/ok"))
        .add(endpoint("dns", "http://nonexistent.invalid/"));
    try (TestVigie vigie = TestVigie.start(TestConfig.defaults(dir).only("probe").set("probe.endpoints", endpoints))) {
      JsonObject reply = vigie.ask(ProbeBus.RUN, null);
      Map<String, JsonObject> byName = new HashMap<>();
      reply.getJsonArray("results").forEach(o -> byName.put(((JsonObject) o).getString("endpoint"), (JsonObject) o));
      assertEquals(13, byName.size());
      JsonObject ok = byName.get("ok");
      assertTrue(ok.getBoolean("ok"), ok.encode());
      assertEquals(200, ok.getInteger("statusCode"));
      assertNull(ok.getString("reason"));
      JsonObject slow = byName.get("slow");
      assertTrue(slow.getBoolean("ok"), slow.encode());
      assertTrue(slow.getDouble("latencyMs") >= 300, "latency runs until the answer: " + slow.encode());
      assertReason(byName, "hang", "timeout");
      assertReason(byName, "drip", "timeout");
      assertReason(byName, "server-error", "status");
      assertEquals(500, byName.get("server-error").getInteger("statusCode"));
      assertReason(byName, "invalid", "invalid_body");
      assertReason(byName, "wrong-value", "assertion");
      assertReason(byName, "missing-field", "assertion");
      assertReason(byName, "closed", "reset");
      assertReason(byName, "reset", "reset");
      assertReason(byName, "refused", "connect");
      assertReason(byName, "tls", "tls");
      assertReason(byName, "dns", "dns");
      assertTrue(reply.getDouble("wallMs") >= 300, "Refresh All answers once the slowest is done");
    } finally {
      await("the target servers to close", vertx.close());
    }
  }

  private static JsonObject endpoint(String name, String url) {
    return new JsonObject().put("name", name).put("url", url).put("timeoutMs", 2000).put("intervalMs", 3_600_000);
  }

  private static void assertReason(Map<String, JsonObject> byName, String name, String reason) {
    JsonObject r = byName.get(name);
    assertFalse(r.getBoolean("ok"), r.encode());
    assertEquals(reason, r.getString("reason"), r.encode());
    assertTrue(r.getString("error") != null && !r.getString("error").isBlank(), r.encode());
  }
}
