package dev.vigie.web;

import static dev.vigie.kit.Wait.await;
import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.MonitorBus;
import dev.vigie.kit.LiveSocket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bridge socket that never reads holds at most {@code http.live.maxQueuedBytes} on the server while the others
 * keep receiving, and is closed with 1008 once stalled past the bound; each message is encoded once for all sockets.
 */
class BridgeBackpressureTest {
  private static final int MAX_QUEUED = 64 * 1024;
  private static final long MAX_STALL_MS = 1500;
  private static final int UPDATES = 400;

  private Vertx vertx;
  private Context context;
  private LiveBridge bridge;
  private Counter dropped;
  private int port;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    dropped = meters.counter("dropped");
    JsonObject live = new JsonObject().put("commandsPerSecond", 5.0).put("commandBurst", 20.0)
        .put("maxQueuedBytes", MAX_QUEUED).put("maxConnections", 100).put("maxConnectionsPerClient", 100);
    // The bridge lives on one event loop, as in the web verticle: created, bound and served on the server's context.
    HttpServer server = await("the server", vertx.executeBlocking(() -> null).compose(v -> {
      context = vertx.getOrCreateContext();
      Promise<HttpServer> listening = Promise.promise();
      context.runOnContext(x -> {
        bridge = new LiveBridge(vertx, new LiveConnections(live), live, MAX_STALL_MS, meters.counter("flooding"), dropped);
        io.vertx.ext.web.Router router = io.vertx.ext.web.Router.router(vertx);
        router.route("/eventbus/*").subRouter(bridge.router());
        vertx.setPeriodic(100, id -> bridge.closeStalled());
        vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").onComplete(listening);
      });
      return listening.future();
    }));
    port = server.actualPort();
  }

  @AfterEach
  void stop() {
    await("vertx to close", vertx.close());
  }

  @Test
  void aSocketThatNeverReadsHoldsNoMoreThanTheBoundWhileOthersReceive() throws Exception {
    LiveSocket healthy = LiveSocket.connect(vertx, port, "/eventbus/websocket");
    healthy.send(new JsonObject().put("type", "register").put("address", MonitorBus.UPDATE));
    healthy.send(new JsonObject().put("type", "send").put("address", MonitorBus.SNAPSHOT));
    healthy.awaitType("err", 5000);
    // The bridge closes a socket that has not pinged for 10 s; a slow build must not take this one away.
    long pinging = vertx.setPeriodic(2000, id -> healthy.send(new JsonObject().put("type", "ping")));
    try (Socket stalled = stalledBridgeClient()) {
      eventually("both sockets to be open", () -> onLoop(bridge::size) == 2);
      long encodedBefore = onLoop(bridge::framesEncoded);
      // About 8 MB for each socket: over a hundred times what one may hold. The healthy one may skip some too, when
      // the burst outruns it; it is told so, and it gets what comes once it has caught up. Each frame is over
      // DirectFrameBytes.MIN_BYTES, so one copy outside the heap is what every socket is written.
      String filler = "x".repeat(20_000);
      AtomicInteger published = new AtomicInteger();
      for (int i = 1; i <= UPDATES; i++) {
        vertx.eventBus().publish(MonitorBus.UPDATE, new JsonObject().put("n", published.incrementAndGet()).put("filler", filler));
      }
      long markers = vertx.setPeriodic(100, id -> vertx.eventBus().publish(MonitorBus.UPDATE,
          new JsonObject().put("n", published.incrementAndGet())));
      healthy.await("the first update of the burst, whole", f -> "rec".equals(f.getString("type"))
          && filler.equals(f.getJsonObject("body").getString("filler")), 20_000);
      healthy.await("an update after the burst", f -> "rec".equals(f.getString("type"))
          && f.getJsonObject("body").getInteger("n") > UPDATES, 20_000);
      vertx.cancelTimer(markers);
      long peak = onLoop(bridge::peakQueuedBytes);
      assertTrue(peak <= MAX_QUEUED, "the most a socket held: " + peak + " bytes");
      eventually("each message encoded once for both sockets",
          () -> onLoop(bridge::framesEncoded) - encodedBefore == published.get());

      eventually("the stalled socket to be closed past the stall bound", () -> onLoop(bridge::size) == 1);
      assertEquals(1.0, dropped.count());
      assertEquals(1008, closeCode(stalled), "the stalled socket's close code");
      vertx.eventBus().publish(MonitorBus.UPDATE, new JsonObject().put("n", -1));
      healthy.await("an update after the stalled socket is gone", f -> "rec".equals(f.getString("type"))
          && f.getJsonObject("body").getInteger("n") == -1, 5000);
    }
    vertx.cancelTimer(pinging);
    healthy.close();
  }

  private <T> T onLoop(Callable<T> question) {
    Promise<T> answer = Promise.promise();
    context.runOnContext(v -> {
      try {
        answer.complete(question.call());
      } catch (Exception e) {
        answer.fail(e);
      }
    });
    return await("the bridge's answer", answer.future());
  }

  /**
   * Opens SockJS's raw websocket on a socket with a tiny receive buffer, registers on the update address, reads the
   * answer to a frame sent after it (so the registration is in), then never reads again.
   */
  private Socket stalledBridgeClient() throws Exception {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
    OutputStream out = socket.getOutputStream();
    out.write(("GET /eventbus/websocket HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    InputStream in = socket.getInputStream();
    String seen = "";
    while (!seen.endsWith("\r\n\r\n")) {
      int b = in.read();
      assertTrue(b != -1, "the server closed the upgrade");
      seen += (char) b;
    }
    assertTrue(seen.startsWith("HTTP/1.1 101"), seen);
    writeText(out, new JsonObject().put("type", "register").put("address", MonitorBus.UPDATE).encode());
    writeText(out, new JsonObject().put("type", "send").put("address", MonitorBus.SNAPSHOT).encode());
    int opcode = in.read() & 0x0f;
    int length = in.read() & 0x7f;
    String answer = new String(in.readNBytes(length), StandardCharsets.UTF_8);
    assertTrue(opcode == 1 || opcode == 2, "a data frame: " + opcode);
    assertTrue(answer.contains("access_denied"), answer);
    return socket;
  }

  /** A client text frame, masked as a client must (with a zero key, which leaves the payload as is). */
  private static void writeText(OutputStream out, String text) throws Exception {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    assertTrue(payload.length < 126);
    out.write(new byte[] {(byte) 0x81, (byte) (0x80 | payload.length), 0, 0, 0, 0});
    out.write(payload);
    out.flush();
  }

  /** Reads what the server sent until it closes; the status code of its close frame. */
  private static int closeCode(Socket socket) throws Exception {
    socket.setSoTimeout(10_000);
    InputStream in = socket.getInputStream();
    try {
      while (true) {
        int first = in.read();
        if (first == -1) {
          return -1;
        }
        int second = in.read();
        long length = second & 0x7f;
        if (length == 126) {
          length = (in.read() << 8) | in.read();
        } else if (length == 127) {
          length = 0;
          for (int i = 0; i < 8; i++) {
            length = (length << 8) | in.read();
          }
        }
        byte[] payload = in.readNBytes((int) length);
        if ((first & 0x0f) == 8) {
          return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
        }
      }
    } catch (SocketException reset) {
      return -1;
    }
  }
}
