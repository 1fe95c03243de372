package dev.vigie.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The closed model holds a connection per lane, as wrk does: a lane whose server closes the connection after each
 * answer, or drops it mid-request, goes on with a new connection, and only the dropped requests count as errors.
 */
class ClosedLanesTest {

  @Test
  void aServerThatClosesAfterEachAnswerCostsNoErrors(@TempDir Path dir) {
    try (LoopbackServer server = LoopbackServer.start(req -> req.response().putHeader("connection", "close").end("{}"));
        TestVigie vigie = TestVigie.start(StressRuns.config(dir))) {
      StressRuns bed = new StressRuns(vigie);

      JsonObject result = bed.awaitResult(bed.start(new JsonObject().put("plan", "closed")
          .put("target", server.url("/x")).put("connections", 2).put("requests", 60)));

      assertEquals(60, result.getLong("sent"), result.encode());
      assertEquals(60, result.getLong("ok"), result.encode());
      assertEquals(new JsonObject(), result.getJsonObject("errors"));
    }
  }

  @Test
  void aDroppedConnectionCountsOnlyTheRequestItCarried(@TempDir Path dir) {
    AtomicLong count = new AtomicLong();
    try (LoopbackServer server = LoopbackServer.start(req -> {
      if (count.incrementAndGet() % 10 == 0) {
        req.connection().close();
      } else {
        req.response().end("{}");
      }
    }); TestVigie vigie = TestVigie.start(StressRuns.config(dir))) {
      StressRuns bed = new StressRuns(vigie);

      JsonObject result = bed.awaitResult(bed.start(new JsonObject().put("plan", "closed")
          .put("target", server.url("/x")).put("connections", 2).put("requests", 100)));

      assertEquals(100, result.getLong("sent"), result.encode());
      assertEquals(100, result.getLong("completed"), result.encode());
      assertEquals(90, result.getLong("ok"), result.encode());
      assertEquals(new JsonObject().put("closed", 10L), result.getJsonObject("errors"), result.encode());
    }
  }
}
