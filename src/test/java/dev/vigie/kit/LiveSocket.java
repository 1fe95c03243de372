package dev.vigie.kit;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A websocket client for tests ({@code /ws}, the SockJS bridge): collects JSON frames and waits for one. */
public final class LiveSocket implements AutoCloseable {
  /** A resync snapshot carries every section: far over the client's default 256 KB message limit when a test floods. */
  private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
  private final WebSocketClient client;
  private final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final ClientWebSocket socket;

  private LiveSocket(Vertx vertx) {
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(MAX_MESSAGE_BYTES));
    this.socket = client.webSocket();
    // Handlers are set before connecting: the snapshot may arrive before connect's future completes.
    socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
    socket.binaryMessageHandler(bytes -> frames.add(bytes.toJsonObject()));
  }

  /** Connects to {@code uri} on the loopback server at {@code port}. */
  public static LiveSocket connect(Vertx vertx, int port, String uri) {
    return connect(vertx, new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri));
  }

  public static LiveSocket connect(Vertx vertx, WebSocketConnectOptions options) {
    LiveSocket live = new LiveSocket(vertx);
    Wait.await("websocket " + options.getURI() + " to connect", live.socket.connect(options));
    return live;
  }

  /** The next frame {@code test} accepts, skipping the others; fails after {@code timeoutMs} listing them. */
  public JsonObject await(String description, Predicate<JsonObject> test, long timeoutMs) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    List<String> skipped = new ArrayList<>();
    while (true) {
      long left = deadline - System.nanoTime();
      JsonObject frame;
      try {
        frame = left > 0 ? frames.poll(left, TimeUnit.NANOSECONDS) : null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + description, e);
      }
      if (frame == null) {
        throw new AssertionError("no " + description + " within " + timeoutMs + " ms; frames seen meanwhile ("
            + skipped.size() + "): " + abbreviated(skipped));
      }
      if (test.test(frame)) {
        return frame;
      }
      skipped.add(frame.getString("type", frame.getString("address", "?")));
    }
  }

  /** The next frame of this {@code type}. */
  public JsonObject awaitType(String type, long timeoutMs) {
    return await("'" + type + "' frame", f -> type.equals(f.getString("type")), timeoutMs);
  }

  /** The next update that carries {@code section}. */
  public JsonObject awaitUpdateOf(String section, long timeoutMs) {
    return await("update of section '" + section + "'", updateOf(section), timeoutMs);
  }

  public void send(String text) {
    socket.writeTextMessage(text);
  }

  public void send(JsonObject frame) {
    send(frame.encode());
  }

  @Override
  public void close() {
    client.close();
  }

  /** Accepts update frames that carry {@code section}. */
  public static Predicate<JsonObject> updateOf(String section) {
    return f -> "update".equals(f.getString("type")) && f.getJsonArray("sections").stream()
        .anyMatch(s -> section.equals(((JsonObject) s).getString("section")));
  }

  /** Accepts update or snapshot frames that carry {@code section}. */
  public static Predicate<JsonObject> carries(String section) {
    return f -> f.getJsonArray("sections") != null && f.getJsonArray("sections").stream()
        .anyMatch(s -> section.equals(((JsonObject) s).getString("section")));
  }

  /** The section named {@code section} in a snapshot or update frame. */
  public static JsonObject section(JsonObject frame, String section) {
    return frame.getJsonArray("sections").stream().map(JsonObject.class::cast)
        .filter(s -> section.equals(s.getString("section"))).findFirst()
        .orElseThrow(() -> new AssertionError("no section '" + section + "' in " + frame.encode()));
  }

  private static String abbreviated(List<String> types) {
    return types.size() <= 20 ? types.toString() : types.subList(0, 20) + " ...";
  }
}
