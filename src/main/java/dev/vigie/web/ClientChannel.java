package dev.vigie.web;

import io.vertx.core.http.ServerWebSocket;
import java.util.function.Consumer;

/**
 * One websocket client of {@code /ws}. Writes never wait: while the client's write queue is full, frames are
 * skipped and the channel is marked stale; when the queue drains it is resynced with a fresh snapshot. A client
 * stalled longer than the bound is closed.
 */
final class ClientChannel {
  private final ServerWebSocket socket;
  private final long maxStallNanos;
  private final Consumer<ClientChannel> resync;
  private boolean awaitingSnapshot = true;
  private boolean stale;
  private boolean paused;
  private long stalledSince;
  private long skipped;

  ClientChannel(ServerWebSocket socket, long maxStallMs, Consumer<ClientChannel> resync) {
    this.socket = socket;
    this.maxStallNanos = maxStallMs * 1_000_000L;
    this.resync = resync;
    socket.drainHandler(v -> onDrain());
  }

  /** Sends a live frame unless the client is slow, paused or still waiting for its first snapshot. */
  void offer(String frame) {
    if (awaitingSnapshot || paused) {
      return;
    }
    if (socket.writeQueueFull()) {
      markStale();
      return;
    }
    socket.writeTextMessage(frame);
  }

  /** Sends a snapshot, replacing whatever this client missed. */
  void sendSnapshot(String frame) {
    if (socket.writeQueueFull()) {
      markStale();
      return;
    }
    awaitingSnapshot = false;
    stale = false;
    stalledSince = 0;
    socket.writeTextMessage(frame);
  }

  void pause() {
    paused = true;
  }

  void resume() {
    paused = false;
    awaitingSnapshot = true;
    resync.accept(this);
  }

  void refresh() {
    awaitingSnapshot = true;
    resync.accept(this);
  }

  /** True when the client has been stalled past the bound; the caller closes it. */
  boolean stalledTooLong(long now) {
    return stale && stalledSince != 0 && now - stalledSince > maxStallNanos;
  }

  ServerWebSocket socket() {
    return socket;
  }

  long skipped() {
    return skipped;
  }

  private void markStale() {
    skipped++;
    if (!stale) {
      stale = true;
      stalledSince = System.nanoTime();
    }
  }

  private void onDrain() {
    if (stale) {
      awaitingSnapshot = true;
      resync.accept(this);
    }
  }
}
