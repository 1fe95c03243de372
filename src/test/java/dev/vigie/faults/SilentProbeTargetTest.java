package dev.vigie.faults;

import static dev.vigie.kit.Wait.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.ProbeBus;
import dev.vigie.kit.Heard;
import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault matrix (j) and (k): a target that accepts the connection and never answers times out, a name under
 * {@code .invalid} fails as DNS, and neither delays the schedule of a healthy probe running beside them.
 */
class SilentProbeTargetTest {
  private static final long INTERVAL_MS = 200;
  private static final long SILENT_TIMEOUT_MS = 3000;

  @Test
  void aSilentTargetTimesOutAnUnresolvableNameIsDnsAndTheHealthyProbeKeepsItsSchedule(@TempDir Path dir) {
    try (LoopbackServer ok = LoopbackServer.start(req -> req.response()
        .putHeader("content-type", "application/json").end("{\"status\":\"ok\"}"))) {
      // Accepts every connection and never writes a byte: the request is sent, no answer ever comes.
      NetServer silent = await("the silent target to listen",
          ok.vertx().createNetServer().connectHandler(socket -> socket.handler(data -> { })).listen(0, "127.0.0.1"));
      JsonArray endpoints = new JsonArray()
          .add(endpoint("healthy", ok.url("/"), 1000))
          .add(endpoint("silent", "http://127.0.0.1:" + silent.actualPort() + "/", SILENT_TIMEOUT_MS))
          .add(endpoint("unresolvable", "http://vigie-test.invalid/", 1000));
      try (TestVigie vigie = TestVigie.start(TestConfig.defaults(dir).only("probe").set("probe.endpoints", endpoints))) {
        Heard results = vigie.listen(ProbeBus.RESULT);
        JsonObject firstTimeout = results.await("the silent target's first result",
            r -> "silent".equals(r.getString("endpoint")));

        assertEquals("timeout", firstTimeout.getString("reason"), firstTimeout.encode());
        assertFalse(firstTimeout.getBoolean("ok"));
        assertTrue(firstTimeout.getDouble("latencyMs") >= SILENT_TIMEOUT_MS, firstTimeout.encode());
        JsonObject dns = results.await("the unresolvable name's result", r -> "unresolvable".equals(r.getString("endpoint")));
        assertEquals("dns", dns.getString("reason"), dns.encode());

        // While the silent probe waited out its timeout, the healthy one answered on its own interval: had it waited
        // behind the silent one, its results would come a whole timeout apart.
        List<Instant> healthy = results.all().stream().filter(r -> "healthy".equals(r.getString("endpoint")))
            .peek(r -> assertTrue(r.getBoolean("ok"), r.encode()))
            .map(r -> Instant.parse(r.getString("time"))).toList();
        assertTrue(healthy.size() >= 5, "healthy results during one silent timeout: " + healthy.size());
        for (int i = 1; i < healthy.size(); i++) {
          long gapMs = healthy.get(i).toEpochMilli() - healthy.get(i - 1).toEpochMilli();
          assertTrue(gapMs < SILENT_TIMEOUT_MS / 2, "the healthy probe waited " + gapMs + " ms between two results");
        }
      }
    }
  }

  private static JsonObject endpoint(String name, String url, long timeoutMs) {
    return new JsonObject().put("name", name).put("url", url).put("intervalMs", INTERVAL_MS).put("timeoutMs", timeoutMs);
  }
}
