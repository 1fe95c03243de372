package dev.vigie.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** While a run stresses a server, another run against that server (any path) is refused with 409; others may run. */
class OneRunPerTargetTest {

  @Test
  void aSecondRunOnTheSameServerConflicts(@TempDir Path dir) {
    try (TestVigie vigie = TestVigie.start(StressRuns.config(dir))) {
      int first = LoopbackServer.start(vigie.vertx(), req -> req.response().end("{}")).port();
      int second = LoopbackServer.start(vigie.vertx(), req -> req.response().end("{}")).port();
      aSecondRunOnTheSameServerConflicts(new StressRuns(vigie), first, second);
    }
  }

  private void aSecondRunOnTheSameServerConflicts(StressRuns bed, int first, int second) {
    JsonObject longRun = new JsonObject().put("plan", "open").put("rate", 10).put("durationMs", 30_000);

    String running = bed.start(longRun.copy().put("target", "http://127.0.0.1:" + first + "/a"));

    var conflict = bed.post(new JsonObject().put("target", "http://127.0.0.1:" + first + "/b").put("requests", 1));
    assertEquals(409, conflict.statusCode(), conflict.bodyAsString());
    assertEquals("RUN_IN_PROGRESS", conflict.bodyAsJsonObject().getString("error"));
    assertTrue(conflict.bodyAsJsonObject().getString("message").contains(running), conflict.bodyAsString());

    String other = bed.start(longRun.copy().put("target", "http://127.0.0.1:" + second + "/a"));
    assertEquals(2, bed.get("/api/stress").bodyAsJsonObject().getJsonArray("active").size());

    assertEquals(200, bed.delete("/api/stress/" + running).statusCode());
    assertEquals(200, bed.delete("/api/stress/" + other).statusCode());
    assertEquals(404, bed.delete("/api/stress/no-such-run").statusCode());
  }
}
