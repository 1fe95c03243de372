package dev.vigie.web;

import static dev.vigie.kit.Wait.await;
import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.MonitorBus;
import dev.vigie.kit.LiveSocket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every update is encoded once for all clients, and each client still receives it whole, however large. */
class SharedFrameTest {
  private static final int CLIENTS = 50;
  private static final String UPDATES = "test.shared.updates";

  private Vertx vertx;
  private LiveFeed feed;
  private int port;
  private final List<LiveSocket> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    vertx.eventBus().consumer(MonitorBus.SNAPSHOT_TEXT, msg -> msg.reply(io.vertx.core.buffer.Buffer.buffer("{\"sections\":[]}"),
        new io.vertx.core.eventbus.DeliveryOptions().addHeader(MonitorBus.SNAPSHOT_VERSION, "1")));
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    JsonObject live = new JsonObject().put("commandsPerSecond", 5.0).put("commandBurst", 20.0).put("maxQueuedBytes", 65536);
    // The feed lives on one event loop, as in the web verticle: created, bound and served on the server's context.
    HttpServer server = await("the server", vertx.executeBlocking(() -> null).compose(v -> {
      var context = vertx.getOrCreateContext();
      io.vertx.core.Promise<HttpServer> listening = io.vertx.core.Promise.promise();
      context.runOnContext(x -> {
        feed = new LiveFeed(vertx, new SnapshotSource(vertx, 10_000), 30_000, live, meters.counter("dropped"), meters.counter("flooding"));
        feed.forward(UPDATES, "update");
        vertx.createHttpServer().webSocketHandler(ws -> feed.add(ws, () -> { })).listen(0, "127.0.0.1")
            .onComplete(listening);
      });
      return listening.future();
    }));
    port = server.actualPort();
    for (int i = 0; i < CLIENTS; i++) {
      clients.add(LiveSocket.connect(vertx, server.actualPort(), "/ws"));
    }
    for (LiveSocket client : clients) {
      client.awaitType("snapshot", 20_000);
    }
  }

  @AfterEach
  void stop() {
    clients.forEach(LiveSocket::close);
    await("vertx to close", vertx.close());
  }

  @Test
  void eachUpdateIsEncodedOnceForFiftyClients() {
    long before = feed.framesEncoded();
    for (int i = 1; i <= 3; i++) {
      vertx.eventBus().publish(UPDATES, new JsonObject().put("n", i));
    }
    for (LiveSocket client : clients) {
      for (int i = 1; i <= 3; i++) {
        int n = i;
        client.await("update " + n, frame -> "update".equals(frame.getString("type")) && frame.getInteger("n") == n, 20_000);
      }
    }
    assertEquals(3, feed.framesEncoded() - before, "frames encoded for 3 updates to " + CLIENTS + " clients");
  }

  @Test
  void aMessageOverOneFrameArrivesWholeAsText() {
    ClientWebSocket raw = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(1 << 20)).webSocket();
    Queue<String> texts = new ConcurrentLinkedQueue<>();
    AtomicInteger binaries = new AtomicInteger();
    raw.textMessageHandler(texts::add);
    raw.binaryMessageHandler(bytes -> binaries.incrementAndGet());
    await("a raw client", raw.connect(port, "127.0.0.1", "/ws"));
    eventually("the raw client's snapshot", () -> texts.size() == 1);

    String big = "x".repeat(3 * SharedFrame.MAX_FRAME_BYTES + 17);
    assertTrue(new SharedFrame(big).offHeap(), "a large frame's bytes are outside the heap");
    assertFalse(new SharedFrame("{\"type\":\"log\"}").offHeap(), "a small frame stays on the heap");
    vertx.eventBus().publish(UPDATES, new JsonObject().put("big", big));
    for (LiveSocket client : clients) {
      assertEquals(big, client.awaitType("update", 20_000).getString("big"));
    }
    eventually("the raw client's update", () -> texts.size() == 2);
    assertEquals(big, new JsonObject(List.copyOf(texts).get(1)).getString("big"));
    assertEquals(0, binaries.get(), "binary messages");
  }
}
