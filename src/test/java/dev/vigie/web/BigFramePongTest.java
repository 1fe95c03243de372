package dev.vigie.web;

import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.Metric;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import dev.vigie.kit.LiveSocket;
import dev.vigie.kit.RawWebSocket;
import dev.vigie.kit.StartedVigies;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonObject;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a frame over {@code http.live.maxQueuedBytes} a client ({@code /ws} or the bridge's raw websocket) gets
 * nothing more until it answers the ping that follows it: a client that does not show it reads cannot take megabytes into the kernel's buffers, while one that
 * answers (every browser, Vert.x's client) still sees every section, resynced by a snapshot when it missed a push.
 */
class BigFramePongTest {
  private static final int UPDATES = 20;
  /** http.live.maxQueuedBytes here: frames over it are followed by a ping. */
  private static final int BIG = 8192;

  @TempDir
  Path dataDir;
  @RegisterExtension
  final StartedVigies vigies = new StartedVigies();

  @Test
  void aClientThatNeverAnswersPingsGetsOneBigFrameAndOneThatAnswersGetsEverySection() throws Exception {
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir).only("monitor", "web")
        .set("http.live.maxQueuedBytes", BIG));
    LiveSocket answering = vigie.live();
    answering.awaitType("snapshot", 5000);
    try (Socket silent = RawWebSocket.open(vigie.httpPort())) {
      RawWebSocket.FrameCounts seen = RawWebSocket.readFrames(silent, BIG);
      eventually("the silent client's snapshot", () -> seen.messages().get() >= 1);

      // A section at the bounds of monitor.sections (strings of 200 characters, 50 metrics): ~13 KB, a big frame here.
      List<Metric> metrics = IntStream.range(0, 45).mapToObj(k -> Metric.of("m" + k, "x".repeat(190), null, Status.GOOD))
          .toList();
      for (int i = 0; i < UPDATES; i++) {
        vigie.vertx().eventBus().publish(MonitorBus.SECTION, new SectionUpdate("big-" + i, "Big", metrics, null).toJson());
        // In an update, or in the snapshot that resyncs it when a push came before its pong reached the server.
        answering.await("section big-" + i, LiveSocket.carries("big-" + i), 10_000);
      }
      // The silent client read its first big frame and was pinged; it never answered, so it got no other.
      eventually("the ping after the first big frame", () -> seen.pings().get() >= 1);
      assertEquals(1, seen.bigMessages().get(), "one big message, not " + UPDATES);
      assertEquals(1, seen.pings().get(), "one ping, not one per frame");
    }
  }

  @Test
  void aBridgeClientThatNeverAnswersPingsGetsOneBigFrameAndOneThatAnswersKeepsReceiving() throws Exception {
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir).only("monitor", "web")
        .set("http.live.maxQueuedBytes", BIG));
    JsonObject register = new JsonObject().put("type", "register").put("address", MonitorBus.UPDATE);
    // Refused with an error frame: once it is answered, the registration before it is in.
    JsonObject refused = new JsonObject().put("type", "send").put("address", MonitorBus.SNAPSHOT);
    LiveSocket answering = LiveSocket.connect(vigie.vertx(), vigie.httpPort(), "/eventbus/websocket");
    answering.send(register);
    answering.send(refused);
    answering.awaitType("err", 5000);
    try (Socket silent = RawWebSocket.open(vigie.httpPort(), "/eventbus/websocket")) {
      RawWebSocket.writeText(silent, register.encode());
      RawWebSocket.writeText(silent, refused.encode());
      RawWebSocket.FrameCounts seen = RawWebSocket.readFrames(silent, BIG);
      eventually("the silent client's error frame", () -> seen.messages().get() >= 1);

      String filler = "x".repeat(BIG + 1000);
      for (int i = 1; i <= UPDATES; i++) {
        int n = i;
        // Published until the answering client has it: one published before its pong reached Vigie is skipped.
        long publishing = vigie.vertx().setPeriodic(0, 50, id -> vigie.vertx().eventBus().publish(MonitorBus.UPDATE,
            new JsonObject().put("n", n).put("filler", filler)));
        answering.await("big update " + n, f -> "rec".equals(f.getString("type"))
            && f.getJsonObject("body").getInteger("n") == n && filler.equals(f.getJsonObject("body").getString("filler")),
            10_000);
        vigie.vertx().cancelTimer(publishing);
      }
      eventually("the ping after the first big frame", () -> seen.pings().get() >= 1);
      assertEquals(1, seen.bigMessages().get(), "one big message to the silent client, not one per update");
      assertEquals(1, seen.pings().get(), "one ping, not one per frame");
    }
  }
}
