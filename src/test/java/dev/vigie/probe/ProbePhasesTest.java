package dev.vigie.probe;

import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.ProbeBus;
import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the time went: against a loopback server that holds back its first byte, or sends its headers and then
 * holds back its body, each result puts the wait in the phase it was in; a name is looked up (DNS), an address
 * literal is not; a second check reuses the pooled connection; a timeout and a lookup failure say where they stopped.
 * The phases show in {@code /api/probes} and in the exported report.
 */
class ProbePhasesTest {
  /**
   * How long the server holds back. A phase is asserted at 60 % of it at least: the server starts its wait
   * when it writes the headers, the client's body phase when they arrive, so their delivery comes off.
   */
  private static final int DELAY_MS = 500;

  @Test
  void eachPhaseIsSeenWhereItIs(@TempDir Path dir) {
    try (LoopbackServer target = LoopbackServer.startWith(vertx -> req -> {
      switch (req.path()) {
        case "/late-first-byte" -> vertx.setTimer(DELAY_MS, id -> req.response().end("{\"ok\":true}"));
        case "/late-body" -> {
          req.response().setChunked(true).write("{\"ok\":");
          vertx.setTimer(DELAY_MS, id -> req.response().end("true}"));
        }
        case "/hang" -> { }
        default -> req.response().end("fast");
      }
    })) {
      String byName = "http://localhost:" + target.port();
      JsonArray endpoints = new JsonArray()
          .add(endpoint("late-first-byte", byName + "/late-first-byte"))
          .add(endpoint("late-body", byName + "/late-body"))
          .add(endpoint("literal", target.url("/fast")))
          .add(endpoint("hang", target.url("/hang")).put("timeoutMs", 400))
          .add(endpoint("no-such-host", "http://nonexistent.invalid/"));
      try (TestVigie vigie = TestVigie.start(TestConfig.defaults(dir).only("probe", "monitor", "web")
          .set("probe.endpoints", endpoints))) {
        Map<String, JsonObject> first = run(vigie);
        JsonObject opened = phases(first, "late-first-byte");
        assertTrue(opened.containsKey("dnsMs"), "a name is looked up: " + opened.encode());
        assertFalse(opened.getBoolean("reused"), "the first check opens its connection: " + opened.encode());
        assertNull(phases(first, "literal").getValue("dnsMs"), "an address literal needs no lookup: " + first.get("literal"));

        JsonObject hang = first.get("hang");
        assertEquals("timeout", hang.getString("reason"));
        assertEquals("firstByte", hang.getJsonObject("phases").getString("failedIn"), hang.encode());
        assertTrue(hang.getString("error").contains("during firstByte"), hang.encode());

        JsonObject noHost = first.get("no-such-host");
        assertEquals("dns", noHost.getString("reason"), noHost.encode());
        assertEquals("dns", noHost.getJsonObject("phases").getString("failedIn"), noHost.encode());
        assertNull(noHost.getJsonObject("phases").getValue("connectMs"), noHost.encode());

        // Warm (the first checks also load classes): each wait is seen in its phase, on a kept-alive connection.
        Map<String, JsonObject> second = run(vigie);
        JsonObject lateFirstByte = phases(second, "late-first-byte");
        assertTrue(lateFirstByte.getDouble("firstByteMs") >= DELAY_MS * 0.6, lateFirstByte.encode());
        assertTrue(lateFirstByte.getDouble("bodyMs") < DELAY_MS / 2.0, lateFirstByte.encode());
        assertTrue(lateFirstByte.containsKey("dnsMs"), "looked up at every check: " + lateFirstByte.encode());

        JsonObject lateBody = phases(second, "late-body");
        assertTrue(lateBody.getDouble("bodyMs") >= DELAY_MS * 0.6, lateBody.encode());
        assertTrue(lateBody.getDouble("firstByteMs") < DELAY_MS / 2.0, lateBody.encode());

        JsonObject again = phases(second, "literal");
        assertTrue(again.getBoolean("reused"), "kept alive, the next check takes a pooled connection: " + again.encode());

        // The phases add up to the latency (each rounded to 0.1 ms).
        for (String name : new String[] {"late-first-byte", "late-body", "literal"}) {
          JsonObject r = second.get(name);
          JsonObject p = r.getJsonObject("phases");
          double sum = p.getDouble("dnsMs", 0.0) + p.getDouble("connectMs") + p.getDouble("firstByteMs") + p.getDouble("bodyMs");
          assertEquals(r.getDouble("latencyMs"), sum, 1.0, r.encode());
        }

        // Where people read it: /api/probes and the exported report.
        JsonObject listed = endpointIn(vigie.http().get("/api/probes").bodyAsJsonObject(), "late-body");
        assertTrue(listed.getJsonObject("phases").getDouble("bodyMs") >= DELAY_MS * 0.6, listed.encode());
        JsonObject history = endpointIn(vigie.http().get("/api/probes?history=true").bodyAsJsonObject(), "late-first-byte");
        // History entries are kept small (10,000 endpoints on a node): their latency, not its phases.
        assertTrue(history.getJsonArray("history").getJsonObject(0).containsKey("latencyMs"), history.encode());
        assertTrue(history.getJsonObject("phases").getDouble("firstByteMs") >= DELAY_MS * 0.6, history.encode());
        JsonObject reported = eventually("the report's probe summaries", () -> vigie.http().get("/api/report")
            .bodyAsJsonObject().getJsonObject("probes"), p -> p.getJsonArray("endpoints") != null);
        assertTrue(endpointIn(reported, "late-body").getJsonObject("phases").containsKey("bodyMs"), reported.encode());
      }
    }
  }

  static JsonObject endpoint(String name, String url) {
    return new JsonObject().put("name", name).put("url", url).put("intervalMs", 3_600_000).put("timeoutMs", 5000);
  }

  private static Map<String, JsonObject> run(TestVigie vigie) {
    Map<String, JsonObject> byName = new HashMap<>();
    vigie.ask(ProbeBus.RUN, null).getJsonArray("results")
        .forEach(o -> byName.put(((JsonObject) o).getString("endpoint"), (JsonObject) o));
    return byName;
  }

  private static JsonObject phases(Map<String, JsonObject> results, String name) {
    JsonObject result = results.get(name);
    assertTrue(result.getBoolean("ok"), result.encode());
    return result.getJsonObject("phases");
  }

  private static JsonObject endpointIn(JsonObject list, String name) {
    return list.getJsonArray("endpoints").stream().map(JsonObject.class::cast)
        .filter(e -> name.equals(e.getString("name"))).findFirst().orElseThrow(() -> new AssertionError(list.encode()));
  }
}
