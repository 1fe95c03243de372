package dev.vigie.stress;

import static dev.vigie.kit.Wait.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestVigie;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run per target machine, whatever name, address or port reaches it (127.0.0.0/8, ::1 and localhost are one
 * machine), and at most {@code stress.maxConcurrentRuns} runs in all; loopback only on configured ports.
 */
class OneRunPerMachineTest {
  private static final List<String> HOSTS = List.of("127.0.0.1", "127.0.0.2", "localhost", "192.0.2.1", "192.0.2.2",
      "192.0.2.3");

  @Test
  void aSecondRunOnTheSameMachineConflictsWhateverItsName(@TempDir Path dir) {
    try (LoopbackServer first = LoopbackServer.start(req -> req.response().end("{}"));
        LoopbackServer second = LoopbackServer.start(req -> req.response().end("{}"));
        TestVigie vigie = TestVigie.start(StressRuns.config(dir).set("stress.allowedTargets",
            new JsonArray().add("127.0.0.1:" + first.port()).add("localhost:" + second.port())))) {
      StressRuns bed = new StressRuns(vigie);
      JsonObject longRun = new JsonObject().put("plan", "open").put("rate", 10).put("durationMs", 30_000);
      String running = bed.start(longRun.copy().put("target", "http://127.0.0.1:" + first.port() + "/a"));

      for (String other : List.of("http://127.0.0.1:" + first.port() + "/b", "http://localhost:" + second.port() + "/",
          "http://127.0.0.2:" + first.port() + "/", "http://[::1]:" + second.port() + "/")) {
        var conflict = bed.post(new JsonObject().put("target", other).put("requests", 1));
        assertEquals(409, conflict.statusCode(), other + " " + conflict.bodyAsString());
        assertEquals("RUN_IN_PROGRESS", conflict.bodyAsJsonObject().getString("error"));
        assertTrue(conflict.bodyAsJsonObject().getString("message").contains(running), conflict.bodyAsString());
      }

      assertEquals(200, bed.delete("/api/stress/" + running).statusCode());
      String next = bed.start(longRun.copy().put("target", "http://localhost:" + second.port() + "/a"));
      assertEquals(1, bed.get("/api/stress").bodyAsJsonObject().getJsonArray("active").size());
      assertEquals(200, bed.delete("/api/stress/" + next).statusCode());
      assertEquals(404, bed.delete("/api/stress/no-such-run").statusCode());
    }
  }

  @Test
  void sixtyRunsAtOnceOnLoopbackNamesStartOne(@TempDir Path dir) {
    sixtyAtOnce(dir, HOSTS.subList(0, 3), 5, 1);
  }

  @Test
  void sixtyRunsAtOnceOnFourMachinesStartOnlyMaxConcurrentRuns(@TempDir Path dir) {
    sixtyAtOnce(dir, HOSTS, 2, 2);
  }

  /** Sends 60 runs at once spread over {@code hosts}; exactly {@code expected} start, never two on one machine. */
  private void sixtyAtOnce(Path dir, List<String> hosts, int maxRuns, int expected) {
    try (LoopbackServer server = LoopbackServer.start(req -> req.response().end("{}"))) {
      JsonArray allowed = new JsonArray().add("127.0.0.1:" + server.port());
      // TEST-NET addresses: three other machines, that nothing answers; their runs simply wait on timeouts.
      hosts.stream().filter(h -> h.startsWith("192.")).forEach(h -> allowed.add(h + ":" + server.port()));
      try (TestVigie vigie = TestVigie.start(StressRuns.config(dir).set("stress.allowedTargets", allowed)
          .set("stress.maxConcurrentRuns", maxRuns))) {
        sixtyAtOnce(new StressRuns(vigie), hosts, server.port(), expected);
      }
    }
  }

  private void sixtyAtOnce(StressRuns bed, List<String> hosts, int port, int expected) {
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      JsonObject plan = new JsonObject().put("plan", "open").put("rate", 1).put("durationMs", 30_000)
          .put("timeoutMs", 1000).put("target", "http://" + hosts.get(i % hosts.size()) + ":" + port + "/");
      sent.add(bed.http.request(HttpMethod.POST, "/api/stress").sendJsonObject(plan));
    }
    await(Future.join(sent));

    List<String> started = new ArrayList<>();
    Set<String> machines = new HashSet<>();
    Map<String, Integer> refusals = new HashMap<>();
    for (Future<HttpResponse<Buffer>> f : sent) {
      HttpResponse<Buffer> response = f.result();
      JsonObject body = response.bodyAsJsonObject();
      if (response.statusCode() == 200) {
        started.add(body.getString("id"));
        String host = body.getString("target").replaceAll("^http://([^:/]+).*", "$1");
        assertTrue(machines.add(host.startsWith("192.") ? host : "loopback"), "two runs on one machine: " + host);
        continue;
      }
      String error = body.getString("error");
      assertTrue(response.statusCode() == 409 && "RUN_IN_PROGRESS".equals(error)
          || response.statusCode() == 429 && "TOO_MANY_RUNS".equals(error), response.bodyAsString());
      assertTrue(body.getString("message") != null && !body.getString("message").isEmpty());
      if (response.statusCode() == 429) {
        assertEquals("10", response.getHeader("retry-after"));
      }
      refusals.merge(error, 1, Integer::sum);
    }
    assertEquals(expected, started.size(), "started " + started + ", refused " + refusals);
    assertEquals(60 - expected, refusals.values().stream().mapToInt(Integer::intValue).sum());
    assertEquals(expected, bed.get("/api/stress").bodyAsJsonObject().getJsonArray("active").size());
    started.forEach(id -> assertEquals(200, bed.delete("/api/stress/" + id).statusCode()));
  }
}
