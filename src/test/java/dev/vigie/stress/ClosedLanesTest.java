package dev.vigie.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestVigie;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The closed model holds a connection per lane, as wrk does: a lane whose server closes the connection after each
 * answer, or drops it mid-request, goes on with a new connection, and only the dropped requests count as errors. On
 * plain HTTP a lane speaks the protocol itself (PlainHttpConnection): chunked bodies, bodies read until the close,
 * timeouts and a server that does not speak HTTP are counted as Vert.x's client counted them.
 */
class ClosedLanesTest {

  @Test
  void aServerThatClosesAfterEachAnswerCostsNoErrors(@TempDir Path dir) {
    try (LoopbackServer server = LoopbackServer.start(StressRuns.closingAfterEachAnswer());
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
    try (LoopbackServer server = LoopbackServer.start(StressRuns.droppingEveryTenthRequest());
        TestVigie vigie = TestVigie.start(StressRuns.config(dir))) {
      StressRuns bed = new StressRuns(vigie);

      JsonObject result = bed.awaitResult(bed.start(new JsonObject().put("plan", "closed")
          .put("target", server.url("/x")).put("connections", 2).put("requests", 100)));

      assertEquals(100, result.getLong("sent"), result.encode());
      assertEquals(100, result.getLong("completed"), result.encode());
      assertEquals(90, result.getLong("ok"), result.encode());
      assertEquals(new JsonObject().put("closed", 10L), result.getJsonObject("errors"), result.encode());
    }
  }

  @Test
  void chunkedBodiesAreAnswersAndADroppedConnectionAnError(@TempDir Path dir) {
    AtomicLong count = new AtomicLong();
    try (LoopbackServer server = LoopbackServer.start(req -> {
      long n = count.incrementAndGet();
      if (n % 3 == 0) {
        req.connection().close();
      } else if (n % 3 == 1) {
        req.response().setChunked(true).write("{\"part\":").compose(v -> req.response().end("1}"));
      } else {
        req.response().setStatusCode(503).end("{}");
      }
    }); TestVigie vigie = TestVigie.start(StressRuns.config(dir))) {
      StressRuns bed = new StressRuns(vigie);

      JsonObject result = bed.awaitResult(bed.start(new JsonObject().put("plan", "closed")
          .put("target", server.url("/x")).put("connections", 2).put("requests", 60)));

      assertEquals(60, result.getLong("completed"), result.encode());
      assertEquals(20, result.getJsonObject("errors").getLong("closed"), result.encode());
      assertEquals(20, result.getLong("ok"), result.encode());
      assertEquals(20, result.getJsonObject("statusCodes").getLong("503"), result.encode());
    }
  }

  @Test
  void aRequestLeftWithoutAnswerTimesOutAndItsLaneGoesOn(@TempDir Path dir) {
    AtomicLong count = new AtomicLong();
    try (LoopbackServer server = LoopbackServer.start(req -> {
      if (count.incrementAndGet() <= 4) {
        req.response().end("{}");
      }
    }); TestVigie vigie = TestVigie.start(StressRuns.config(dir))) {
      StressRuns bed = new StressRuns(vigie);

      JsonObject result = bed.awaitResult(bed.start(new JsonObject().put("plan", "closed").put("timeoutMs", 300)
          .put("target", server.url("/x")).put("connections", 2).put("requests", 10)));

      assertEquals(10, result.getLong("completed"), result.encode());
      assertEquals(4, result.getLong("ok"), result.encode());
      assertEquals(new JsonObject().put("timeout", 6L), result.getJsonObject("errors"), result.encode());
    }
  }

  @Test
  void aBodyWithoutLengthEndsWithTheConnectionAndIsAnAnswer(@TempDir Path dir) {
    JsonObject result = runAgainstRawServer(dir, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n{\"no\":\"length\"}", true);

    assertEquals(20, result.getLong("ok"), result.encode());
    assertEquals(new JsonObject(), result.getJsonObject("errors"), result.encode());
  }

  @Test
  void aServerThatDoesNotSpeakHttpIsAnErrorNotAHang(@TempDir Path dir) {
    JsonObject result = runAgainstRawServer(dir, "SSH-2.0-OpenSSH_9.2\r\n", false);

    assertEquals(20, result.getLong("completed"), result.encode());
    assertEquals(new JsonObject().put("other_BadResponse", 20L), result.getJsonObject("errors"), result.encode());
  }

  /** A closed run of 20 requests against a TCP server that answers each read with {@code answer}. */
  private static JsonObject runAgainstRawServer(Path dir, String answer, boolean thenClose) {
    try (TestVigie vigie = TestVigie.start(StressRuns.config(dir))) {
      NetServer server = vigie.vertx().createNetServer().connectHandler(socket -> socket.handler(request -> {
        socket.write(Buffer.buffer(answer));
        if (thenClose) {
          socket.close();
        }
      }));
      int port = server.listen(0, "127.0.0.1").await().actualPort();
      StressRuns bed = new StressRuns(vigie);
      JsonObject result = bed.awaitResult(bed.start(new JsonObject().put("plan", "closed")
          .put("target", "http://127.0.0.1:" + port + "/x").put("connections", 2).put("requests", 20)));
      server.close().await();
      return result;
    }
  }
}
