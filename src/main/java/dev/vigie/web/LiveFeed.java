package dev.vigie.web;

import static net.logstash.logback.argument.StructuredArguments.entries;

import dev.vigie.bus.MonitorBus;
import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /ws} clients and what they receive: a snapshot on connect, then every forwarded bus message as a
 * frame {@code {type, ...}} encoded once for all: one {@link SharedFrame} whose bytes every client's write shares.
 * Client commands: {@code refresh}, {@code pause}, {@code resume}.
 *
 * <p>Snapshots are coalesced: whoever needs one (a new client, a refresh, a resync after a stall) joins the clients
 * waiting, and one request to the monitor answers them all, encoded once. Every live frame a waiting client skipped
 * reached this verticle before the monitor's reply, so the monitor built the snapshot after it: nothing is missed.
 * Commands are paced per client ({@link CommandRate}); a client that keeps flooding is closed with 1008.
 */
final class LiveFeed {
  private static final Logger LOG = LoggerFactory.getLogger("web");
  static final short POLICY = 1008;
  private static final byte[] SNAPSHOT_HEAD = "{\"type\":\"snapshot\",".getBytes(StandardCharsets.US_ASCII);
  private static final ByteBuf DIRECT_SNAPSHOT_HEAD = Unpooled.unreleasableBuffer(
      Unpooled.directBuffer(SNAPSHOT_HEAD.length).writeBytes(SNAPSHOT_HEAD));
  private static final long SNAPSHOT_RETRY_MS = 1_000;

  private final Vertx vertx;
  private final long maxStallMs;
  private final double commandsPerSecond;
  private final double commandBurst;
  private final int maxQueuedBytes;
  private final Set<ClientChannel> channels = new LinkedHashSet<>();
  private final Set<ClientChannel> waiting = new LinkedHashSet<>();
  private final Counter dropped;
  private final Counter flooding;
  private boolean asking;
  private long framesEncoded;
  private final SnapshotSource snapshots;
  private Buffer lastSnapshot;
  private SharedFrame lastSnapshotFrame;

  /**
   * @param live {@code http.live}: the command pace and {@code maxQueuedBytes}
   * @param dropped counts the clients closed for stalling
   * @param flooding counts the clients closed for flooding commands
   */
  LiveFeed(Vertx vertx, SnapshotSource snapshots, long maxStallMs, JsonObject live, Counter dropped, Counter flooding) {
    this.vertx = vertx;
    this.snapshots = snapshots;
    this.maxStallMs = maxStallMs;
    this.commandsPerSecond = live.getDouble("commandsPerSecond");
    this.commandBurst = live.getDouble("commandBurst");
    CommandRate.check(commandsPerSecond, commandBurst);
    this.maxQueuedBytes = live.getInteger("maxQueuedBytes");
    if (maxQueuedBytes < 1024) {
      throw new IllegalArgumentException("http.live.maxQueuedBytes must be at least 1024");
    }
    this.dropped = dropped;
    this.flooding = flooding;
  }

  /** Forwards every message of {@code address} to the clients as frames of {@code type}. */
  void forward(String address, String type) {
    vertx.eventBus().<JsonObject>consumer(address, msg -> {
      // The body is this consumer's own copy (the bus copies a JsonObject for each local consumer): no copy needed.
      JsonObject frame = msg.body().put("type", type);
      broadcast(encode(frame));
    });
  }

  /** Serves a new client; {@code released} runs once it is gone. */
  void add(ServerWebSocket socket, Runnable released) {
    // Its queue is full (and frames skipped) past this many bytes not yet taken by the connection.
    socket.setWriteQueueMaxSize(maxQueuedBytes);
    ClientChannel channel = new ClientChannel(socket, maxStallMs,
        new CommandRate(commandsPerSecond, commandBurst, System.nanoTime()), maxQueuedBytes);
    channels.add(channel);
    socket.closeHandler(v -> {
      channel.closed();
      channels.remove(channel);
      waiting.remove(channel);
      released.run();
      publishCount();
    });
    socket.drainHandler(v -> {
      if (channel.stale()) {
        requestSnapshot(channel);
      }
    });
    socket.pongHandler(v -> {
      if (channel.pong()) {
        requestSnapshot(channel);
      }
    });
    socket.textMessageHandler(text -> onCommand(channel, text));
    socket.binaryMessageHandler(bytes -> onCommand(channel, ""));
    publishCount();
    requestSnapshot(channel);
  }

  int size() {
    return channels.size();
  }

  /** Closes clients that have been stalled past the bound; called periodically. */
  void closeStalled() {
    long now = System.nanoTime();
    for (ClientChannel channel : List.copyOf(channels)) {
      if (channel.stalledTooLong(now)) {
        LOG.warn("ws_client_dropped", entries(Map.of(
            "remote", String.valueOf(channel.socket().remoteAddress()), "skipped", channel.skipped())));
        dropped.increment();
        drop(channel, "too slow: stalled past " + maxStallMs + " ms");
      }
    }
  }

  private void drop(ClientChannel channel, String reason) {
    channels.remove(channel);
    waiting.remove(channel);
    channel.close(POLICY, reason);
    publishCount();
  }

  /** Encodes a frame for every client: the one place frames are encoded, counted for {@link #framesEncoded}. */
  private SharedFrame encode(JsonObject frame) {
    return encode(frame.encode());
  }

  private SharedFrame encode(String text) {
    framesEncoded++;
    return new SharedFrame(text);
  }

  /**
   * The snapshot frame for the monitor's snapshot text: {@code {"type":"snapshot", ...the snapshot's fields}}, the
   * frame's head joined to the snapshot's bytes: nothing encoded, and nothing copied when {@link SnapshotSource} holds
   * them outside the heap (a large snapshot); a small one is copied after the head. {@link SnapshotSource} answers with the same buffer until
   * the snapshot changes, so the frame of the last one is reused.
   */
  private SharedFrame snapshotFrame(Buffer snapshot) {
    if (snapshot != lastSnapshot) {
      if (snapshot.length() < 2 || snapshot.getByte(0) != '{' || snapshot.getByte(1) != '"') {
        throw new IllegalArgumentException("not a snapshot: " + snapshot.getString(0, Math.min(40, snapshot.length())));
      }
      framesEncoded++;
      ByteBuf fields = ((BufferInternal) snapshot).getByteBuf().slice(1, snapshot.length() - 1);
      lastSnapshotFrame = new SharedFrame(fields.isDirect()
          // Both parts outside the heap: every socket writes them as they are.
          ? BufferInternal.buffer(Unpooled.wrappedBuffer(DIRECT_SNAPSHOT_HEAD.duplicate(), fields))
          : Buffer.buffer(SNAPSHOT_HEAD.length + snapshot.length()).appendBytes(SNAPSHOT_HEAD)
              .appendBuffer(snapshot, 1, snapshot.length() - 1));
      lastSnapshot = snapshot;
    }
    return lastSnapshotFrame;
  }

  /** Frames encoded so far: one per update and one per new snapshot, however many clients receive it. */
  long framesEncoded() {
    return framesEncoded;
  }

  private void broadcast(SharedFrame frame) {
    for (ClientChannel channel : channels) {
      channel.offer(frame);
    }
  }

  /** The client gets the next snapshot; at most one request to the monitor is out at a time, for everyone. */
  private void requestSnapshot(ClientChannel channel) {
    channel.awaitSnapshot();
    waiting.add(channel);
    if (!asking) {
      askSnapshot();
    }
  }

  private void askSnapshot() {
    asking = true;
    snapshots.current().onComplete(reply -> {
      asking = false;
      SharedFrame frame = null;
      String failure = null;
      if (reply.succeeded()) {
        try {
          frame = snapshotFrame(reply.result());
        } catch (RuntimeException e) {
          failure = "the snapshot could not be encoded: " + e;
        }
      } else {
        failure = reply.cause().getMessage();
      }
      List<ClientChannel> served = new ArrayList<>(waiting);
      waiting.clear();
      if (frame != null) {
        for (ClientChannel channel : served) {
          channel.sendSnapshot(frame);
        }
        return;
      }
      LOG.warn("snapshot_unavailable", net.logstash.logback.argument.StructuredArguments.kv("reason", failure));
      String notice = error("SNAPSHOT_UNAVAILABLE", "no snapshot from the monitor (" + failure + "); retrying");
      for (ClientChannel channel : served) {
        channel.sendNotice(notice);
      }
      // They still wait for one: ask again shortly rather than leave them without updates.
      vertx.setTimer(SNAPSHOT_RETRY_MS, id -> served.stream().filter(channels::contains)
          .filter(ClientChannel::awaitingSnapshot).forEach(this::requestSnapshot));
    });
  }

  private void onCommand(ClientChannel channel, String text) {
    if (channel.isClosed()) {
      return;
    }
    switch (channel.command(System.nanoTime())) {
      case ACCEPT -> perform(channel, text);
      case IGNORE -> {
        if (channel.shouldWarn()) {
          channel.sendNotice(error("RATE_LIMITED", "over " + fmt(commandsPerSecond) + " commands/s (burst "
              + fmt(commandBurst) + "): commands are ignored; keep sending and the connection is closed"));
        }
      }
      case CLOSE -> {
        LOG.warn("ws_client_flooding", entries(Map.of(
            "remote", String.valueOf(channel.socket().remoteAddress()), "ignored", channel.ignoredCommands())));
        flooding.increment();
        drop(channel, "flooding: over " + fmt(commandsPerSecond) + " commands/s");
      }
    }
  }

  private void perform(ClientChannel channel, String text) {
    String type;
    try {
      type = new JsonObject(text).getString("type", "");
    } catch (DecodeException | ClassCastException e) {
      type = text.trim();
    }
    switch (type) {
      case "refresh" -> requestSnapshot(channel);
      case "pause" -> channel.pause();
      case "resume" -> {
        channel.resume();
        requestSnapshot(channel);
      }
      default -> channel.sendNotice(error("UNKNOWN_COMMAND", "commands are refresh, pause and resume"));
    }
  }

  private static String error(String code, String message) {
    return new JsonObject().put("type", "error").put("error", code).put("message", message).encode();
  }

  static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  private void publishCount() {
    vertx.eventBus().publish(MonitorBus.CLIENTS, new JsonObject().put("clients", channels.size()));
  }
}
