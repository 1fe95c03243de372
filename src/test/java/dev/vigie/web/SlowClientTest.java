package dev.vigie.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.TestVigie;
import dev.vigie.Vigie;
import dev.vigie.bus.Metric;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
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
  private Vigie vigie;

  @AfterEach
  void stop() {
    TestVigie.await(vigie.close());
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

  /** Publishes sections of about 16 KB each: enough to fill a stalled client's buffers quickly. */
  private void flood(int sections) {
    String filler = "x".repeat(16_000);
    for (int i = 0; i < sections; i++) {
      vigie.vertx().eventBus().publish(MonitorBus.SECTION, new SectionUpdate("flood-" + (i % 50), "Flood",
          List.of(Metric.of("payload", filler, null, (i / 50) % 2 == 0 ? Status.GOOD : Status.WARNING)), null).toJson());
    }
  }

  @Test
  void stalledClientDoesNotDelayOthers() throws Exception {
    JsonObject config = TestVigie.config(dataDir);
    vigie = TestVigie.start(config);
    try (Socket stalled = stalledClient(vigie.httpPort())) {
      LiveClient healthy = new LiveClient(vigie.vertx()).connect(vigie.httpPort());
      healthy.await(f -> "snapshot".equals(f.getString("type")), 5000);
      // Status flips push at once, so each of these reaches every client: about 11 MB for the stalled one.
      flood(700);
      vigie.vertx().eventBus().publish(MonitorBus.SECTION, new SectionUpdate("marker", "Marker",
          List.of(Metric.of("done", 1, null, Status.GOOD)), null).toJson());
      // A healthy client gets the marker as an update, or inside a resync snapshot if it fell behind too.
      healthy.await(f -> LiveClient.updateOf("marker").test(f) || ("snapshot".equals(f.getString("type"))
          && f.getJsonArray("sections").stream().anyMatch(x -> "marker".equals(((JsonObject) x).getString("section")))), 5000);
      healthy.close();
    }
  }

  @Test
  void clientStalledPastTheBoundIsClosed() throws Exception {
    JsonObject config = TestVigie.config(dataDir);
    config.getJsonObject("http").put("wsMaxStallMs", 300);
    vigie = TestVigie.start(config);
    try (Socket stalled = stalledClient(vigie.httpPort())) {
      flood(700);
      Thread.sleep(2500);
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
      JsonObject snapshot = TestVigie.await(vigie.vertx().eventBus().<JsonObject>request(MonitorBus.SNAPSHOT, null)).body();
      JsonObject system = snapshot.getJsonArray("sections").stream().map(JsonObject.class::cast)
          .filter(s -> "system".equals(s.getString("section"))).findFirst().orElseThrow();
      assertEquals(0, system.getJsonArray("metrics").stream().map(JsonObject.class::cast)
          .filter(m -> "Websocket clients".equals(m.getString("label"))).findFirst().orElseThrow().getInteger("value"));
    }
  }
}
