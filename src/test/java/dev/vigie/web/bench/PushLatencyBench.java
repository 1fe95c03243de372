package dev.vigie.web.bench;

import dev.vigie.bus.Metric;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * Push to N websocket clients of {@code /ws}, in two parts. Clients run on a Vert.x instance of their own in the same
 * JVM, so both ends read one clock.
 *
 * <ol>
 * <li>Fan-out: M frames published straight on {@code vigie.monitor.update} at R/s; every client must receive every one
 * (publish → receipt latency per frame).
 * <li>Through the monitor, as areas publish: M updates of one section on {@code vigie.monitor.section} at R/s. The
 * monitor merges a section's updates within its push interval (the newest state wins), so a client sees about one
 * per interval: counted are the updates a client sees, whether every client ends with the newest state, and how late
 * each published value reaches a client (from its publish until the client shows it or a newer one).
 * </ol>
 * Usage: {@code PushLatencyBench [clients=100] [messages=1000] [perSecond=20]}.
 */
public final class PushLatencyBench {
  /**
   * Held for the whole run: an unreferenced client is closed by the garbage collector. Before this was a field, a GC
   * about 30 s in closed all 100 sockets at once and each client reported exactly 611 of 1,000 frames.
   */
  private static WebSocketClient wsClient;

  private static final String SECTION = "push-bench";

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int messages = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int perSecond = args.length > 2 ? Integer.parseInt(args[2]) : 20;

    // The defaults' push interval, as in production (the kit's 100 ms is for tests); room for every bench client.
    long pushIntervalMs = ConfigLoader.defaults().getJsonObject("monitor").getLong("pushIntervalMs");
    int room = Math.max(clients + 10, ConfigLoader.defaults().getJsonObject("http").getJsonObject("live").getInteger("maxConnections"));
    TestVigie vigie = TestVigie.start(TestConfig.defaults(Files.createTempDirectory("vigie-push-bench"))
        .pushIntervalMs(pushIntervalMs).set("http.live.maxConnections", room).set("http.live.maxConnectionsPerClient", room));
    Vertx clientSide = Vertx.vertx();
    wsClient = clientSide.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(clients + 10));

    Histogram fanOut = new SynchronizedHistogram(TimeUnit.SECONDS.toNanos(10), 3);
    Histogram lateness = new SynchronizedHistogram(TimeUnit.SECONDS.toNanos(10), 3);
    CountDownLatch received = new CountDownLatch(clients * messages);
    CountDownLatch snapshots = new CountDownLatch(clients);
    Map<Long, Long> sectionSentAt = new ConcurrentHashMap<>();
    AtomicLongArray newestSeen = new AtomicLongArray(clients);
    AtomicLongArray sectionUpdatesSeen = new AtomicLongArray(clients);
    AtomicInteger closed = new AtomicInteger();
    for (int i = 0; i < clients; i++) {
      int client = i;
      newestSeen.set(client, -1);
      ClientWebSocket ws = wsClient.webSocket();
      ws.textMessageHandler(text -> {
        long now = System.nanoTime();
        JsonObject frame = new JsonObject(text);
        String type = frame.getString("type");
        if ("snapshot".equals(type)) {
          snapshots.countDown();
        } else if ("update".equals(type) && frame.containsKey("benchSentNanos")) {
          fanOut.recordValue(now - frame.getLong("benchSentNanos"));
          received.countDown();
        } else if ("update".equals(type)) {
          for (Object s : frame.getJsonArray("sections")) {
            JsonObject section = (JsonObject) s;
            if (SECTION.equals(section.getString("section"))) {
              long seq = section.getJsonArray("metrics").getJsonObject(0).getLong("value");
              sectionUpdatesSeen.incrementAndGet(client);
              long before = newestSeen.getAndAccumulate(client, seq, Math::max);
              // Every value published since the last one this client saw is now shown, or superseded: that long late.
              for (long shown = before + 1; shown <= seq; shown++) {
                lateness.recordValue(now - sectionSentAt.get(shown));
              }
            }
          }
        }
      });
      ws.closeHandler(v -> closed.incrementAndGet());
      Wait.await(ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(vigie.httpPort()).setURI("/ws")));
    }
    // Every client has its snapshot, so none is still being set up when the timed publishes start.
    if (!snapshots.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException(snapshots.getCount() + " clients never got their snapshot");
    }

    paced(messages, perSecond, m -> vigie.vertx().eventBus().publish(MonitorBus.UPDATE, new JsonObject()
        .put("sections", new JsonArray()).put("benchSentNanos", System.nanoTime())));
    boolean all = received.await(60, TimeUnit.SECONDS);
    System.out.printf("fan-out: clients=%d messages=%d rate=%d/s received=%d of %d%s, clients closed=%d%n", clients,
        messages, perSecond, fanOut.getTotalCount(), (long) clients * messages, all ? "" : " (INCOMPLETE)", closed.get());
    print("fan-out latency ms", fanOut);

    paced(messages, perSecond, m -> {
      sectionSentAt.put(m, System.nanoTime());
      vigie.vertx().eventBus().publish(MonitorBus.SECTION,
          new SectionUpdate(SECTION, "Push bench", List.of(Metric.of("seq", m, null, Status.GOOD)), null).toJson());
    });
    long last = messages - 1;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (countAt(newestSeen, last) < clients && System.nanoTime() < deadline) {
      Thread.sleep(50); // a benchmark's poll, not a test's wait
    }
    long minSeen = Long.MAX_VALUE;
    long maxSeen = 0;
    for (int i = 0; i < clients; i++) {
      minSeen = Math.min(minSeen, sectionUpdatesSeen.get(i));
      maxSeen = Math.max(maxSeen, sectionUpdatesSeen.get(i));
    }
    System.out.printf("through the monitor (push interval %d ms): %d section updates published, each client saw %d-%d "
        + "merged updates; clients ending with the newest state: %d of %d, clients closed=%d%n", pushIntervalMs, messages,
        minSeen, maxSeen, countAt(newestSeen, last), clients, closed.get());
    print("published value -> shown (itself or a newer one), ms", lateness);
    vigie.close();
    Wait.await(clientSide.close());
  }

  private static void paced(int messages, int perSecond, LongConsumer publish) {
    long gapNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
    long next = System.nanoTime();
    for (long m = 0; m < messages; m++) {
      while (System.nanoTime() < next) {
        Thread.onSpinWait();
      }
      publish.accept(m);
      next += gapNanos;
    }
  }

  private static int countAt(AtomicLongArray newest, long value) {
    int n = 0;
    for (int i = 0; i < newest.length(); i++) {
      n += newest.get(i) == value ? 1 : 0;
    }
    return n;
  }

  private static void print(String what, Histogram h) {
    System.out.printf("%s: p50=%.3f p90=%.3f p99=%.3f p99.9=%.3f max=%.3f%n", what, h.getValueAtPercentile(50) / 1e6,
        h.getValueAtPercentile(90) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getValueAtPercentile(99.9) / 1e6,
        h.getMaxValue() / 1e6);
  }
}
