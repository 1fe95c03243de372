package dev.vigie.stress;

import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run under way when Vigie closes is kept as a cancelled run with what it measured, written whole before the close
 * returns; a run that ends just as Vigie closes is written before the close returns too (the race that made
 * CancelKeepsPartialResultTest flaky: its history file was still being written after the test's Vert.x closed).
 */
class ShutdownKeepsRunTest {
  @TempDir
  Path dir;

  @Test
  void aRunUnderWayAtShutdownIsSavedAsCancelledAndNothingIsWrittenAfterTheClose() throws Exception {
    try (LoopbackServer target = LoopbackServer.start(req -> req.response().end("{}"))) {
      String running;
      try (TestVigie vigie = TestVigie.start(StressRuns.config(dir))) {
        StressRuns bed = new StressRuns(vigie);
        running = bed.start(new JsonObject().put("plan", "open").put("target", target.url("/"))
            .put("rate", 50).put("durationMs", 60_000).put("connections", 2));
        eventually("the run to have answers", () -> {
          JsonObject progress = bed.get("/api/stress/" + running).bodyAsJsonObject().getJsonObject("progress");
          return progress != null && progress.getLong("ok") > 0;
        });
      }

      Path history = dir.resolve("stress");
      JsonObject saved = new JsonObject(Files.readString(history.resolve(running + ".json")));
      assertEquals("cancelled", saved.getString("state"), saved.encode());
      assertTrue(saved.getLong("ok") > 0 && saved.getLong("durationMs") < 60_000, saved.encode());
      assertFalse(saved.getJsonObject("verdict").getBoolean("pass"));
      try (Stream<Path> files = Files.list(history)) {
        assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")), "no half-written file");
      }

      try (TestVigie again = TestVigie.start(StressRuns.config(dir))) {
        JsonObject kept = new StressRuns(again).get("/api/stress/" + running).bodyAsJsonObject();
        assertEquals("cancelled", kept.getString("state"), kept.encode());
        assertEquals(saved.getLong("sent"), kept.getLong("sent"));
      }
    }
  }

  @Test
  void aRunEndingAsVigieClosesIsWrittenBeforeTheCloseReturns() throws Exception {
    try (LoopbackServer target = LoopbackServer.start(req -> req.response().end("{}"))) {
      String quick;
      try (TestVigie vigie = TestVigie.start(StressRuns.config(dir))) {
        // Ends on its own at about the moment Vigie closes, as the last run of CancelKeepsPartialResultTest does.
        quick = new StressRuns(vigie).start(new JsonObject().put("target", target.url("/")).put("requests", 1));
      }
      Path history = dir.resolve("stress");
      JsonObject saved = new JsonObject(Files.readString(history.resolve(quick + ".json")));
      assertTrue(Set.of("completed", "cancelled").contains(saved.getString("state")), saved.encode());
      try (Stream<Path> files = Files.list(history)) {
        assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")), "no half-written file");
      }
    }
  }
}
