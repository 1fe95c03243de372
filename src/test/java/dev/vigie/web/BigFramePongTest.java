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
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a frame over {@code http.live.maxQueuedBytes} a client gets nothing more until it answers the ping that
 * follows it: a client that does not show it reads cannot take megabytes into the kernel's buffers, while one that
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
      AtomicInteger bigMessages = new AtomicInteger();
      AtomicInteger messages = new AtomicInteger();
      AtomicInteger pings = new AtomicInteger();
      Thread reader = new Thread(() -> readFrames(silent, messages, bigMessages, pings));
      reader.setDaemon(true);
      reader.start();
      eventually("the silent client's snapshot", () -> messages.get() >= 1);

      // A section at the bounds of monitor.sections (strings of 200 characters, 50 metrics): ~13 KB, a big frame here.
      List<Metric> metrics = IntStream.range(0, 45).mapToObj(k -> Metric.of("m" + k, "x".repeat(190), null, Status.GOOD))
          .toList();
      for (int i = 0; i < UPDATES; i++) {
        vigie.vertx().eventBus().publish(MonitorBus.SECTION, new SectionUpdate("big-" + i, "Big", metrics, null).toJson());
        // In an update, or in the snapshot that resyncs it when a push came before its pong reached the server.
        answering.await("section big-" + i, LiveSocket.carries("big-" + i), 10_000);
      }
      // The silent client read its first big frame and was pinged; it never answered, so it got no other.
      eventually("the ping after the first big frame", () -> pings.get() >= 1);
      assertEquals(1, bigMessages.get(), "one big message, not " + UPDATES);
      assertEquals(1, pings.get(), "one ping, not one per frame");
    }
  }

  /** Reads server frames (never masked) until the connection ends: counts messages, big ones and pings; answers none. */
  private static void readFrames(Socket socket, AtomicInteger messages, AtomicInteger bigMessages, AtomicInteger pings) {
    try {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      long messageBytes = 0;
      while (true) {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
          length = in.readUnsignedShort();
        } else if (length == 127) {
          length = in.readLong();
        }
        in.skipNBytes(length);
        int opcode = first & 0x0F;
        if (opcode == 0x9) {
          pings.incrementAndGet();
        } else if (opcode == 0x1 || opcode == 0x0) {
          messageBytes += length;
          if ((first & 0x80) != 0) {
            messages.incrementAndGet();
            if (messageBytes > BIG) {
              bigMessages.incrementAndGet();
            }
            messageBytes = 0;
          }
        }
      }
    } catch (IOException ended) {
      // The test is over, or the server closed the connection.
    }
  }
}
