package dev.vigie.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The last runs (up to stress.historySize) and their distributions are still there after a restart. */
class HistoryAcrossRestartTest {

  @Test
  void theLastRunsSurviveARestart(@TempDir Path dir) throws Exception {
    TestConfig config = StressRuns.config(dir).set("stress.historySize", 3);
    List<String> ids = new ArrayList<>();

    try (TestVigie first = TestVigie.start(config)) {
      int port = LoopbackServer.start(first.vertx(), req -> req.response().end("{}")).port();
      StressRuns bed = new StressRuns(first);
      for (int i = 0; i < 4; i++) {
        String id = bed.start(new JsonObject().put("target", "http://127.0.0.1:" + port + "/").put("requests", 2).put("spacingMs", 5));
        assertEquals("completed", bed.awaitResult(id).getString("state"));
        ids.add(id);
      }
    }
    try (Stream<Path> files = Files.list(dir.resolve("stress"))) {
      assertEquals(3, files.filter(f -> f.toString().endsWith(".json")).count(), "the oldest file was deleted");
    }

    try (TestVigie second = TestVigie.start(config)) {
      StressRuns bed = new StressRuns(second);
      JsonArray runs = bed.get("/api/stress").bodyAsJsonObject().getJsonArray("runs");
      assertEquals(3, runs.size());
      assertEquals(ids.get(3), runs.getJsonObject(0).getString("id"), "newest first");
      assertEquals(ids.get(1), runs.getJsonObject(2).getString("id"));
      assertEquals(404, bed.get("/api/stress/" + ids.get(0)).statusCode());
      assertEquals(2, bed.get("/api/stress/" + ids.get(2)).bodyAsJsonObject().getLong("ok"));
      var hgrm = bed.get("/api/stress/" + ids.get(3) + "/hgrm?kind=uncorrected");
      assertEquals(200, hgrm.statusCode());
      assertTrue(hgrm.getHeader("content-disposition").contains(ids.get(3)));
      assertTrue(hgrm.bodyAsString().contains("#[Mean"), hgrm.bodyAsString());
      JsonObject section = sectionNamed(bed.get("/api/snapshot").bodyAsJsonObject(), "stress");
      assertEquals(ids.get(3), section.getJsonObject("details").getJsonObject("last").getString("id"));
      assertEquals(3, section.getJsonObject("details").getJsonArray("history").size());
    }
  }

  private static JsonObject sectionNamed(JsonObject snapshot, String name) {
    for (Object o : snapshot.getJsonArray("sections")) {
      if (o instanceof JsonObject section && name.equals(section.getString("section"))) {
        return section;
      }
    }
    throw new AssertionError("no section " + name + " in " + snapshot.encode());
  }
}
