package dev.vigie.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A websocket client of {@code /ws} for tests: collects frames and waits for one that matches. */
final class LiveClient {
  private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
  private final WebSocketClient client;
  private final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private WebSocket socket;

  LiveClient(Vertx vertx) {
    // A resync snapshot carries every section: far over the client's default 256 KB message limit when a test floods.
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(MAX_MESSAGE_BYTES));
  }

  LiveClient connect(int port) {
    return connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws"));
  }

  LiveClient connect(WebSocketConnectOptions options) {
    // The handler is set before connecting: the snapshot may arrive before connect's future completes.
    ClientWebSocket ws = client.webSocket();
    ws.textMessageHandler(text -> frames.add(new JsonObject(text)));
    ws.binaryMessageHandler(bytes -> frames.add(bytes.toJsonObject()));
    socket = dev.vigie.TestVigie.await(ws.connect(options));
    return this;
  }

  /** The next frame matching {@code test}, skipping others; fails after {@code timeoutMs}. */
  JsonObject await(Predicate<JsonObject> test, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (true) {
      long left = deadline - System.nanoTime();
      JsonObject frame = left > 0 ? frames.poll(left, TimeUnit.NANOSECONDS) : null;
      if (frame == null) {
        throw new AssertionError("no matching frame within " + timeoutMs + " ms");
      }
      if (test.test(frame)) {
        return frame;
      }
    }
  }

  void send(String text) {
    socket.writeTextMessage(text);
  }

  void close() {
    client.close();
  }

  static Predicate<JsonObject> updateOf(String section) {
    return f -> "update".equals(f.getString("type")) && f.getJsonArray("sections").stream()
        .anyMatch(s -> section.equals(((JsonObject) s).getString("section")));
  }
}
