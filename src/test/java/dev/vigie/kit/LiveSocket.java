package dev.vigie.kit;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A websocket client for tests ({@code /ws}, the SockJS bridge): collects JSON frames and waits for one, keeps the
 * page's view of the sections (what a browser would show), and records how the server closed it.
 */
public final class LiveSocket implements AutoCloseable {
  /** A resync snapshot carries every section: far over the client's default 256 KB message limit when a test floods. */
  private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
  private final WebSocketClient client;
  private final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final ClientWebSocket socket;
  private final Map<String, JsonObject> view = new ConcurrentHashMap<>();
  private final Promise<Short> closed = Promise.promise();
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  private LiveSocket(Vertx vertx, String localAddress) {
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(MAX_MESSAGE_BYTES)
        .setLocalAddress(localAddress));
    this.socket = client.webSocket();
    // Handlers are set before connecting: the snapshot may arrive before connect's future completes.
    socket.textMessageHandler(text -> received(new JsonObject(text)));
    socket.binaryMessageHandler(bytes -> received(bytes.toJsonObject()));
    socket.closeHandler(v -> closed.tryComplete(socket.closeStatusCode()));
  }

  /** Connects to {@code uri} on the loopback server at {@code port}. */
  public static LiveSocket connect(Vertx vertx, int port, String uri) {
    return connect(vertx, new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri));
  }

  public static LiveSocket connect(Vertx vertx, WebSocketConnectOptions options) {
    return connectFrom(vertx, null, options);
  }

  /**
   * Connects from the local address {@code localAddress} (e.g. {@code 127.0.0.2}: another loopback source), or from
   * whichever address the system picks when it is null.
   */
  public static LiveSocket connectFrom(Vertx vertx, String localAddress, WebSocketConnectOptions options) {
    LiveSocket live = new LiveSocket(vertx, localAddress);
    Wait.await("websocket " + options.getURI() + " to connect", live.socket.connect(options));
    return live;
  }

  /**
   * Tries to connect from {@code localAddress} to {@code uri}: the socket once connected, or the failure (a refused
   * upgrade is an {@link io.vertx.core.http.UpgradeRejectedException} carrying the status and body).
   */
  public static Future<LiveSocket> tryConnectFrom(Vertx vertx, String localAddress, int port, String uri) {
    LiveSocket live = new LiveSocket(vertx, localAddress);
    return live.socket.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri))
        .map(ws -> live).onFailure(e -> live.client.close());
  }

  private void received(JsonObject frame) {
    String type = frame.getString("type");
    if ("snapshot".equals(type)) {
      view.clear();
    }
    if (("snapshot".equals(type) || "update".equals(type)) && frame.getValue("sections") instanceof JsonArray sections) {
      sections.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
          .forEach(section -> view.put(section.getString("section"), section));
      if (frame.getValue("removed") instanceof JsonArray removed) {
        removed.forEach(view::remove);
      }
    }
    counts.computeIfAbsent(String.valueOf(type), k -> new AtomicLong()).incrementAndGet();
    frames.add(frame);
  }

  /** How many frames of {@code type} arrived so far, awaited or not. */
  public long count(String type) {
    AtomicLong n = counts.get(type);
    return n == null ? 0 : n.get();
  }

  /** The sections as a page would show them now: the last snapshot with every later update applied. */
  public Map<String, JsonObject> view() {
    return Map.copyOf(view);
  }

  /** The close code the server sent, once the connection is closed; fails after {@code timeoutMs}. */
  public short awaitClose(long timeoutMs) {
    return Wait.await("the server to close the websocket", closed.future().timeout(timeoutMs, TimeUnit.MILLISECONDS));
  }

  public boolean isClosed() {
    return socket.isClosed();
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
