package dev.vigie.web;

import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigie.bus.Metric;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import dev.vigie.kit.RawWebSocket;
import dev.vigie.kit.StartedVigies;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live client that read fast and then stopped holds no more of Vigie's kernel memory than
 * {@code http.sendBufferBytes}. Left to autotuning, the kernel grows a fast connection's send buffer up to
 * tcp_wmem's maximum (4 MB), and a client that then stalls keeps that much queued on the server, out of sight of the
 * write queue (`bench/hostile/run.sh`: ~250 stalled sockets held ~900 MB of kernel memory that way).
 */
class SendBufferBoundTest {
  /** Java and Netty open IPv6 sockets where they can: a loopback IPv4 connection is then in tcp6, v4-mapped. */
  private static final List<Path> TCP_TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
  private static final int SEND_BUFFER = 65_536;

  @TempDir
  Path dataDir;
  @RegisterExtension
  final StartedVigies vigies = new StartedVigies();

  @Test
  void aClientThatStopsReadingHoldsNoMoreThanTheSendBuffer() throws Exception {
    assumeTrue(Files.isReadable(TCP_TABLES.get(0)), "reads the server side's send queue from /proc/net (Linux)");
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir).only("monitor", "web")
        // Frames under maxQueuedBytes need no pong (BigFramePongTest): this raw client reads but answers nothing.
        .set("http.sendBufferBytes", SEND_BUFFER).set("http.live.maxQueuedBytes", 1 << 20));
    String filler = "x".repeat(60_000);
    long publisher = vigie.vertx().setPeriodic(2, id -> vigie.vertx().eventBus().publish(MonitorBus.UPDATE,
        new JsonObject().put("ts", "2026-01-01T00:00:00Z").put("sections", new JsonArray().add(
            new SectionUpdate("bulk", "Bulk", List.of(Metric.of("payload", filler, null, Status.GOOD)), null).toJson()))));
    try (Socket socket = RawWebSocket.open(vigie.httpPort())) {
      // Read fast for a while, so that the connection's window, congestion window and autotuned buffers grow.
      AtomicLong read = new AtomicLong();
      InputStream in = socket.getInputStream();
      byte[] chunk = new byte[1 << 16];
      long until = System.nanoTime() + 1_500_000_000L;
      while (System.nanoTime() < until) {
        int n = in.read(chunk);
        assertTrue(n > 0, "the server closed the connection");
        read.addAndGet(n);
      }
      assertTrue(read.get() > 4 * SEND_BUFFER, "read " + read.get() + " bytes while reading");
      // Now stop reading: the server keeps writing until its side is full.
      long[] peak = {0};
      String server = port(vigie.httpPort());
      String client = port(socket.getLocalPort());
      long first = System.nanoTime();
      eventually("the server's send queue to the stalled client filled and held", () -> {
        long queued = sendQueue(server, client);
        peak[0] = Math.max(peak[0], queued);
        return System.nanoTime() - first > 3_000_000_000L;
      }, done -> done);
      // The kernel doubles the size asked for, and a write that starts under that may add a segment of up to 64 KB:
      // 196 KB measured. Six times is the bound here, against ~3.9 MB measured without the setting (60 times).
      assertTrue(peak[0] > 0, "the server's side held something for the stalled client");
      assertTrue(peak[0] <= 6 * SEND_BUFFER, "the server's send queue to a stalled client: " + peak[0]
          + " bytes, over six times http.sendBufferBytes (" + SEND_BUFFER + ")");
    } finally {
      vigie.vertx().cancelTimer(publisher);
    }
  }

  @Test
  void aSendBufferOutOfItsRangeStopsTheStartNamingTheKey() {
    for (long bytes : new long[] {0, 4095, (4L << 20) + 1}) {
      Throwable failure = TestVigie.failedStart(TestConfig.defaults(dataDir).only("web").set("http.sendBufferBytes", bytes));
      assertTrue(String.valueOf(failure.getMessage()).contains("http.sendBufferBytes"), bytes + ": " + failure);
    }
  }

  /** A port as /proc/net/tcp writes it, after the address: ":1F90". */
  private static String port(int port) {
    return ":" + String.format(Locale.ROOT, "%04X", port);
  }

  /** tx_queue of the connection from port {@code local} to port {@code remote}: bytes not sent or not acknowledged. */
  private static long sendQueue(String local, String remote) throws IOException {
    for (Path table : TCP_TABLES) {
      if (!Files.isReadable(table)) {
        continue;
      }
      for (String line : Files.readAllLines(table)) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 4 && f[1].endsWith(local) && f[2].endsWith(remote)) {
          return Long.parseLong(f[4].split(":")[0], 16);
        }
      }
    }
    throw new AssertionError("no connection from port " + local + " to port " + remote + " in " + TCP_TABLES);
  }
}
