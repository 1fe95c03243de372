package dev.vigie.web.bench;

import dev.vigie.bus.MonitorBus;
import dev.vigie.config.ConfigLoader;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import dev.vigie.kit.Wait;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * Push latency: from a publish on {@code vigie.monitor.update} to receipt by each of N websocket clients of
 * {@code /ws}. Clients run on a Vert.x instance of their own in the same JVM, so both ends read one clock.
 * Usage: {@code PushLatencyBench [clients=100] [messages=1000] [perSecond=20]}.
 */
public final class PushLatencyBench {
  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int messages = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int perSecond = args.length > 2 ? Integer.parseInt(args[2]) : 20;

    // The defaults' push interval, as in production (the kit's 100 ms is for tests).
    TestVigie vigie = TestVigie.start(TestConfig.defaults(Files.createTempDirectory("vigie-push-bench"))
        .pushIntervalMs(ConfigLoader.defaults().getJsonObject("monitor").getLong("pushIntervalMs")));
    Vertx clientSide = Vertx.vertx();
    WebSocketClient wsClient = clientSide.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(clients + 10));
    Histogram latency = new SynchronizedHistogram(TimeUnit.SECONDS.toNanos(10), 3);
    CountDownLatch received = new CountDownLatch(clients * messages);
    CountDownLatch snapshots = new CountDownLatch(clients);
    List<ClientWebSocket> sockets = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      ClientWebSocket ws = wsClient.webSocket();
      ws.textMessageHandler(text -> {
        long now = System.nanoTime();
        JsonObject frame = new JsonObject(text);
        if ("snapshot".equals(frame.getString("type"))) {
          snapshots.countDown();
        }
        if ("update".equals(frame.getString("type")) && frame.containsKey("benchSentNanos")) {
          latency.recordValue(now - frame.getLong("benchSentNanos"));
          received.countDown();
        }
      });
      Wait.await(ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(vigie.httpPort()).setURI("/ws")));
      sockets.add(ws);
    }
    // Every client has its snapshot, so none is still being set up when the timed publishes start.
    if (!snapshots.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException(snapshots.getCount() + " clients never got their snapshot");
    }
    long gapNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
    long next = System.nanoTime();
    for (int m = 0; m < messages; m++) {
      while (System.nanoTime() < next) {
        Thread.onSpinWait();
      }
      vigie.vertx().eventBus().publish(MonitorBus.UPDATE, new JsonObject()
          .put("sections", new JsonArray()).put("benchSentNanos", System.nanoTime()));
      next += gapNanos;
    }
    boolean all = received.await(60, TimeUnit.SECONDS);
    System.out.printf("clients=%d messages=%d rate=%d/s received=%d%s%n", clients, messages, perSecond,
        latency.getTotalCount(), all ? "" : " (INCOMPLETE)");
    System.out.printf("push latency ms: p50=%.3f p90=%.3f p99=%.3f p99.9=%.3f max=%.3f%n",
        latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(90) / 1e6,
        latency.getValueAtPercentile(99) / 1e6, latency.getValueAtPercentile(99.9) / 1e6, latency.getMaxValue() / 1e6);
    Wait.await(clientSide.close());
    vigie.close();
  }
}
