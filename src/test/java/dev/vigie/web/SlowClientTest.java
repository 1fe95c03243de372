package dev.vigie.web;

import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.Metric;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import dev.vigie.kit.LiveSocket;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A websocket client that stops reading never delays the others, and is dropped past the stall bound. */
class SlowClientTest {
  @TempDir
  Path dataDir;
  private TestVigie vigie;

  @AfterEach
  void stop() {
    vigie.close();
  }

  /**
   * Opens {@code /ws} over a raw socket with a tiny receive buffer, reads until the first bytes of the snapshot
   * arrive (so the server has registered it), then never reads again.
   */
  private static Socket stalledClient(int port) throws Exception {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
    OutputStream out = socket.getOutputStream();
    out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    String seen = "";
    while (true) {
      int b = in.read();
      if (b == -1) {
        throw new AssertionError("the server closed the upgrade");
      }
      seen += (char) b;
      if (seen.endsWith("\r\n\r\n")) {
        assertTrue(seen.startsWith("HTTP/1.1 101"), seen);
        break;
      }
    }
    in.read();
    return socket;
  }

  /**
   * Publishes updates of about 16 KB each straight on the update address, as the monitor would push them: enough to
   * fill a stalled client's buffers quickly (sections from outside are held to a few hundred bytes a string).
   */
  private void flood(int updates) {
    String filler = "x".repeat(16_000);
    for (int i = 0; i < updates; i++) {
      vigie.vertx().eventBus().publish(MonitorBus.UPDATE, new JsonObject().put("ts", "2026-01-01T00:00:00Z")
          .put("sections", new JsonArray().add(new SectionUpdate("flood-" + (i % 50), "Flood",
              List.of(Metric.of("payload", filler, null, Status.GOOD)), null).toJson())));
    }
  }

  @Test
  void stalledClientDoesNotDelayOthers() throws Exception {
    vigie = TestVigie.start(TestConfig.defaults(dataDir));
    try (Socket stalled = stalledClient(vigie.httpPort())) {
      LiveSocket healthy = vigie.live();
      healthy.awaitType("snapshot", 5000);
      // Each of these reaches every client: about 11 MB for the stalled one.
      flood(700);
      vigie.vertx().eventBus().publish(MonitorBus.SECTION, new SectionUpdate("marker", "Marker",
          List.of(Metric.of("done", 1, null, Status.GOOD)), null).toJson());
      // A healthy client gets the marker as an update, or inside a resync snapshot if it fell behind too.
      healthy.await("the marker", f -> LiveSocket.updateOf("marker").test(f) || ("snapshot".equals(f.getString("type"))
          && f.getJsonArray("sections").stream().anyMatch(x -> "marker".equals(((JsonObject) x).getString("section")))), 5000);
      healthy.close();
    }
  }

  @Test
  void clientStalledPastTheBoundIsClosed() throws Exception {
    vigie = TestVigie.start(TestConfig.defaults(dataDir).set("http.wsMaxStallMs", 300));
    try (Socket stalled = stalledClient(vigie.httpPort())) {
      flood(700);
      // Not read yet: reading would un-stall it. The web server's own count says when it has let it go.
      eventually("the web server to drop the stalled client past the stall bound", this::connectedClients,
          clients -> clients == 0);
      // Now read: the server must have closed the connection after the stall bound, so the stream ends.
      InputStream in = stalled.getInputStream();
      byte[] buffer = new byte[1 << 16];
      long total = 0;
      boolean ended = false;
      long deadline = System.nanoTime() + 10_000_000_000L;
      stalled.setSoTimeout(2000);
      try {
        while (System.nanoTime() < deadline) {
          int n;
          try {
            n = in.read(buffer);
          } catch (java.net.SocketTimeoutException quiet) {
            continue;
          }
          if (n == -1) {
            ended = true;
            break;
          }
          total += n;
        }
      } catch (SocketException reset) {
        ended = true;
      }
      assertTrue(ended, "the server closed the stalled client");
      assertTrue(total < 700L * 16_000, "the stalled client was not sent everything: " + total + " bytes");
      eventually("the system section to count no websocket client", this::websocketClients, clients -> clients == 0);
    }
  }

  /** Clients the web server holds now, from {@code /health}. */
  private int connectedClients() {
    return vigie.http().get("/health").bodyAsJsonObject().getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(c -> "web".equals(c.getString("id"))).findFirst().orElseThrow().getJsonObject("data").getInteger("clients");
  }

  /** Websocket clients as the system section last sampled them. */
  private int websocketClients() {
    JsonObject system = LiveSocket.section(vigie.ask(MonitorBus.SNAPSHOT, null), "system");
    return system.getJsonArray("metrics").stream().map(JsonObject.class::cast)
        .filter(m -> "Websocket clients".equals(m.getString("label"))).findFirst().orElseThrow().getInteger("value");
  }
}
