package dev.vigie.web.bench;

import dev.vigie.Vigie;
import dev.vigie.bus.MonitorBus;
import dev.vigie.config.ConfigLoader;
import io.vertx.core.Future;
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

    JsonObject config = ConfigLoader.defaults();
    config.getJsonObject("http").put("port", 0);
    config.put("dataDir", Files.createTempDirectory("vigie-push-bench").toString());
    Vigie vigie = await(Vigie.start(config));
    Vertx clientSide = Vertx.vertx();
    WebSocketClient wsClient = clientSide.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(clients + 10));
    Histogram latency = new SynchronizedHistogram(TimeUnit.SECONDS.toNanos(10), 3);
    CountDownLatch received = new CountDownLatch(clients * messages);
    List<ClientWebSocket> sockets = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      ClientWebSocket ws = wsClient.webSocket();
      ws.textMessageHandler(text -> {
        long now = System.nanoTime();
        JsonObject frame = new JsonObject(text);
        if ("update".equals(frame.getString("type")) && frame.containsKey("benchSentNanos")) {
          latency.recordValue(now - frame.getLong("benchSentNanos"));
          received.countDown();
        }
      });
      await(ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(vigie.httpPort()).setURI("/ws")));
      sockets.add(ws);
    }
    Thread.sleep(1000);
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
    await(clientSide.close());
    await(vigie.close());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
