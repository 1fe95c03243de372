package dev.vigie.web;

import static net.logstash.logback.argument.StructuredArguments.entries;

import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.Refusal;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /eventbus} SockJS bridge, speaking the Vert.x event-bus bridge protocol ({@code register},
 * {@code unregister}, {@code ping} in; {@code rec} and {@code err} out). A client may register on the
 * {@link MonitorBus#LIVE} addresses, named one by one, and on nothing else; it may send or publish nothing
 * ({@code access_denied}). Each socket counts against the live connection caps, its frames are paced like
 * {@code /ws} commands (a flooder is closed with 1008), and it is closed when it has not pinged for
 * {@value #PING_TIMEOUT_MS} ms, as Vert.x's own bridge does.
 *
 * <p>Vert.x's own bridge registers a bus consumer per socket and address, so that every message is copied and
 * encoded once per socket, and it writes to a socket whatever the size of its backlog. Here one consumer per address
 * encodes each message once, into one buffer written to every socket registered on it, and each socket is held to
 * {@code http.live.maxQueuedBytes} ({@link BridgeSocket}): a socket that does not read skips frames and is closed
 * with 1008 once stalled past {@code http.wsMaxStallMs}, as {@code /ws} clients are.
 *
 * <p>{@code /eventbus/websocket} (SockJS's raw websocket, what Vert.x's own clients use) is served by Vigie itself
 * ({@link RawBridgePeer}): a client over the caps is refused before the upgrade, as on {@code /ws}, and a big frame
 * is followed by a ping the client must answer before it gets another. SockJS's other transports keep SockJS.
 */
final class LiveBridge {
  private static final Logger LOG = LoggerFactory.getLogger("web");
  static final long PING_TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final LiveConnections connections;
  private final double commandsPerSecond;
  private final double commandBurst;
  private final long maxQueuedBytes;
  private final long maxStallMs;
  private final Counter flooding;
  private final Counter dropped;
  private final Set<BridgeSocket> sockets = new LinkedHashSet<>();
  private long framesEncoded;
  private long peakOfClosed;

  /**
   * @param live {@code http.live}: the command pace and {@code maxQueuedBytes}
   * @param maxStallMs how long a socket may stay stalled ({@code http.wsMaxStallMs})
   * @param flooding counts the sockets closed for flooding frames
   * @param dropped counts the sockets closed for stalling
   */
  LiveBridge(Vertx vertx, LiveConnections connections, JsonObject live, long maxStallMs, Counter flooding, Counter dropped) {
    this.vertx = vertx;
    this.connections = connections;
    this.commandsPerSecond = live.getDouble("commandsPerSecond");
    this.commandBurst = live.getDouble("commandBurst");
    this.maxQueuedBytes = live.getLong("maxQueuedBytes");
    if (maxQueuedBytes < 1024) {
      throw new IllegalArgumentException("http.live.maxQueuedBytes must be at least 1024");
    }
    this.maxStallMs = maxStallMs;
    this.flooding = flooding;
    this.dropped = dropped;
    MonitorBus.LIVE.forEach(address -> vertx.eventBus().consumer(address, msg -> deliver(address, msg.body())));
  }

  /** SockJS's transports under {@code /eventbus}; {@code /eventbus/websocket} itself is served by {@link #add}. */
  Router router() {
    return SockJSHandler.create(vertx).socketHandler(this::onSockJS);
  }

  /** A raw websocket client of {@code /eventbus/websocket}, admitted by the caps; {@code released} runs once it is gone. */
  void add(ServerWebSocket socket, Runnable released) {
    serve(new RawBridgePeer(socket), released);
  }

  int size() {
    return sockets.size();
  }

  /** Bytes written to bridge clients that their connections have not taken yet, all sockets together. */
  long queuedBytes() {
    return sockets.stream().mapToLong(BridgeSocket::queued).sum();
  }

  /** The most any socket ever had queued. */
  long peakQueuedBytes() {
    return Math.max(peakOfClosed, sockets.stream().mapToLong(BridgeSocket::peakQueued).max().orElse(0));
  }

  /** Messages encoded so far: one per message delivered to any socket, however many sockets receive it. */
  long framesEncoded() {
    return framesEncoded;
  }

  /** Closes sockets stalled past the bound, and those that stopped pinging; called periodically. */
  void closeStalled() {
    long now = System.nanoTime();
    for (BridgeSocket socket : List.copyOf(sockets)) {
      if (socket.stalledTooLong(now, maxStallMs * 1_000_000L)) {
        LOG.warn("bridge_client_dropped", entries(Map.of(
            "remote", String.valueOf(socket.peer().remoteAddress()), "skipped", socket.skipped())));
        dropped.increment();
        drop(socket, LiveFeed.POLICY, "too slow: stalled past " + maxStallMs + " ms");
      } else if (now - socket.lastPingNanos() > PING_TIMEOUT_MS * 1_000_000L) {
        drop(socket, 1000, "no ping for " + PING_TIMEOUT_MS + " ms");
      }
    }
  }

  /**
   * Closes a socket and sends it nothing more at once; it still counts against the caps until its connection ends
   * (a stalled peer may take {@code webSocketClosingTimeout} to answer the close).
   */
  private void drop(BridgeSocket socket, int code, String reason) {
    forget(socket);
    socket.close(code, reason);
  }

  private void deliver(String address, Object body) {
    Buffer frame = null;
    for (BridgeSocket socket : sockets) {
      if (frame == null) {
        // Encoded only once some socket is open, then once for all of them (a large frame outside the heap).
        framesEncoded++;
        frame = DirectFrameBytes.of(new JsonObject().put("type", "rec").put("address", address).put("body", body).toBuffer());
      }
      socket.offer(address, frame);
    }
  }

  /** A client on one of SockJS's transports: the caps are checked once SockJS has opened it, and it is closed if over. */
  private void onSockJS(SockJSSocket socket) {
    String group = ClientGroup.of(socket.remoteAddress());
    Refusal refusal = connections.admit(group);
    if (refusal != null) {
      LOG.warn("bridge_client_refused", entries(Map.of("client", group, "reason", refusal.getMessage())));
      socket.close();
      return;
    }
    serve(new SockJSPeer(socket), () -> connections.release(group));
  }

  private void serve(BridgePeer peer, Runnable released) {
    long now = System.nanoTime();
    BridgeSocket client = new BridgeSocket(peer, new CommandRate(commandsPerSecond, commandBurst, now), maxQueuedBytes, now);
    sockets.add(client);
    peer.endHandler(() -> {
      client.closed();
      forget(client);
      released.run();
    });
    peer.pongHandler(client::ponged);
    peer.frameHandler(data -> onFrame(client, data));
  }

  private void forget(BridgeSocket socket) {
    if (sockets.remove(socket)) {
      peakOfClosed = Math.max(peakOfClosed, socket.peakQueued());
    }
  }

  private void onFrame(BridgeSocket client, Buffer data) {
    long now = System.nanoTime();
    switch (client.rate().take(now)) {
      case ACCEPT -> perform(client, data, now);
      case IGNORE -> {
        // Ignored without an answer: a flooder is not written to.
      }
      case CLOSE -> {
        LOG.warn("bridge_client_flooding", entries(Map.of("remote", String.valueOf(client.peer().remoteAddress()))));
        flooding.increment();
        drop(client, LiveFeed.POLICY, "flooding: over " + LiveFeed.fmt(commandsPerSecond) + " frames/s");
      }
    }
  }

  private void perform(BridgeSocket client, Buffer data, long now) {
    JsonObject frame;
    try {
      frame = new JsonObject(data.toString());
    } catch (DecodeException | ClassCastException e) {
      client.notice(error("invalid_json"));
      return;
    }
    String type = frame.getValue("type") instanceof String t ? t : null;
    if (type == null) {
      client.notice(error("missing_type"));
      return;
    }
    if (type.equals("ping")) {
      client.pinged(now);
      return;
    }
    String address = frame.getValue("address") instanceof String a ? a : null;
    if (address == null) {
      client.notice(error("missing_address"));
      return;
    }
    switch (type) {
      case "register" -> {
        if (!MonitorBus.LIVE.contains(address)) {
          client.notice(error("access_denied"));
        } else {
          client.register(address);
        }
      }
      case "unregister" -> {
        if (!MonitorBus.LIVE.contains(address)) {
          client.notice(error("access_denied"));
        } else {
          client.unregister(address);
        }
      }
      case "send", "publish" -> client.notice(error("access_denied"));
      default -> client.notice(error("invalid_type"));
    }
  }

  /** A bridge error frame {@code {"type":"err","body":code}}. */
  static Buffer error(String code) {
    return new JsonObject().put("type", "err").put("body", code).toBuffer();
  }
}
