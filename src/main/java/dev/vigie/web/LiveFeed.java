package dev.vigie.web;

import dev.vigie.bus.MonitorBus;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /ws} clients and what they receive: a snapshot on connect, then every forwarded bus message as a
 * frame {@code {type, ...}} encoded once for all. Client commands: {@code refresh}, {@code pause}, {@code resume}.
 */
final class LiveFeed {
  private static final Logger LOG = LoggerFactory.getLogger("web");

  private final Vertx vertx;
  private final long maxStallMs;
  private final Set<ClientChannel> channels = new LinkedHashSet<>();
  private final Counter dropped;

  /** @param dropped counts the clients closed for stalling */
  LiveFeed(Vertx vertx, long maxStallMs, Counter dropped) {
    this.vertx = vertx;
    this.maxStallMs = maxStallMs;
    this.dropped = dropped;
  }

  /** Forwards every message of {@code address} to the clients as frames of {@code type}. */
  void forward(String address, String type) {
    vertx.eventBus().<JsonObject>consumer(address, msg -> {
      JsonObject frame = msg.body().copy().put("type", type);
      broadcast(frame.encode());
    });
  }

  void add(ServerWebSocket socket) {
    ClientChannel channel = new ClientChannel(socket, maxStallMs, this::sendSnapshot);
    channels.add(channel);
    socket.closeHandler(v -> {
      channels.remove(channel);
      publishCount();
    });
    socket.textMessageHandler(text -> onCommand(channel, text));
    publishCount();
    sendSnapshot(channel);
  }

  int size() {
    return channels.size();
  }

  /** Closes clients that have been stalled past the bound; called periodically. */
  void closeStalled() {
    long now = System.nanoTime();
    for (ClientChannel channel : Set.copyOf(channels)) {
      if (channel.stalledTooLong(now)) {
        LOG.warn("ws_client_dropped", net.logstash.logback.argument.StructuredArguments.entries(java.util.Map.of(
            "remote", String.valueOf(channel.socket().remoteAddress()), "skipped", channel.skipped())));
        dropped.increment();
        channels.remove(channel);
        channel.socket().close((short) 1008, "too slow: stalled past " + maxStallMs + " ms");
        publishCount();
      }
    }
  }

  private void broadcast(String frame) {
    for (ClientChannel channel : channels) {
      channel.offer(frame);
    }
  }

  private void sendSnapshot(ClientChannel channel) {
    vertx.eventBus().<JsonObject>request(MonitorBus.SNAPSHOT, null).onComplete(reply -> {
      if (!channels.contains(channel)) {
        return;
      }
      if (reply.succeeded()) {
        channel.sendSnapshot(reply.result().body().put("type", "snapshot").encode());
      } else {
        LOG.warn("snapshot_unavailable", net.logstash.logback.argument.StructuredArguments.kv("reason", reply.cause().getMessage()));
      }
    });
  }

  private void onCommand(ClientChannel channel, String text) {
    String type;
    try {
      type = new JsonObject(text).getString("type", "");
    } catch (DecodeException | ClassCastException e) {
      type = text.trim();
    }
    switch (type) {
      case "refresh" -> channel.refresh();
      case "pause" -> channel.pause();
      case "resume" -> channel.resume();
      default -> channel.socket().writeTextMessage(new JsonObject().put("type", "error")
          .put("error", "UNKNOWN_COMMAND").put("message", "commands are refresh, pause and resume").encode());
    }
  }

  private void publishCount() {
    vertx.eventBus().publish(MonitorBus.CLIENTS, new JsonObject().put("clients", channels.size()));
  }
}
