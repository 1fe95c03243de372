package dev.vigie.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

/**
 * One websocket client of {@code /ws}. Writes never wait: while the client's write queue is full, or while it has
 * not answered the ping sent after a frame over {@code http.live.maxQueuedBytes}, frames are skipped and the channel
 * is marked stale; when the queue drains (or the pong comes) it is resynced with a fresh snapshot. A client
 * stalled longer than the bound is closed. Its state is a few flags and counters: frames are shared, never copied
 * per client. Its commands are paced by its own {@link CommandRate}.
 */
final class ClientChannel {
  private static final Buffer PING = Buffer.buffer("vigie");
  private final ServerWebSocket socket;
  private final long maxStallNanos;
  private final CommandRate rate;
  private final int bigFrameBytes;
  private boolean awaitingPong;
  private boolean awaitingSnapshot = true;
  private boolean stale;
  private boolean paused;
  private boolean closed;
  private boolean warned;
  private long stalledSince;
  private long skipped;

  /**
   * @param bigFrameBytes a frame over this is followed by a ping, and the client gets no other frame until it answers
   */
  ClientChannel(ServerWebSocket socket, long maxStallMs, CommandRate rate, int bigFrameBytes) {
    this.socket = socket;
    this.maxStallNanos = maxStallMs * 1_000_000L;
    this.rate = rate;
    this.bigFrameBytes = bigFrameBytes;
  }

  /** Sends a live frame unless the client is slow, paused, closed or still waiting for its snapshot. */
  void offer(SharedFrame frame) {
    if (awaitingSnapshot || paused || peerGone()) {
      return;
    }
    if (cannotTakeMore()) {
      markStale();
      return;
    }
    write(frame);
  }

  /**
   * Its queue is full, or it has not yet answered the ping that followed a big frame. The write queue alone does not
   * bound a client that stops reading: the kernel's buffers on both sides take megabytes before the queue fills
   * (bench/hostile/run.sh: ~6 MB per stalled client). A client that reads answers the ping as soon as it has read the
   * frame (RFC 6455 requires the pong; browsers send it themselves), so it waits no longer than its own reading.
   */
  private boolean cannotTakeMore() {
    return awaitingPong || socket.writeQueueFull();
  }

  private void write(SharedFrame frame) {
    frame.writeTo(socket);
    if (frame.length() > bigFrameBytes) {
      awaitingPong = true;
      socket.writePing(PING);
    }
  }

  /** The client answered the last ping; true when it missed frames meanwhile (the caller resyncs it). */
  boolean pong() {
    awaitingPong = false;
    return stale;
  }

  /**
   * True once the client is closed, by us or by its peer: a socket the peer closed may not have run its close
   * handler yet, and asking it anything (even whether its queue is full) then throws.
   */
  private boolean peerGone() {
    if (!closed && socket.isClosed()) {
      closed = true;
    }
    return closed;
  }

  /** From now on live frames wait for a snapshot: the one the caller is about to ask for. */
  void awaitSnapshot() {
    awaitingSnapshot = true;
  }

  boolean awaitingSnapshot() {
    return awaitingSnapshot;
  }

  /**
   * Sends a snapshot, replacing whatever this client missed; returns false when the client could not take it now
   * (closed, or its queue full: it is resynced when the queue drains).
   */
  boolean sendSnapshot(SharedFrame frame) {
    if (peerGone()) {
      return false;
    }
    if (cannotTakeMore()) {
      markStale();
      return false;
    }
    awaitingSnapshot = false;
    stale = false;
    stalledSince = 0;
    write(frame);
    return true;
  }

  /** Sends a small frame (an error) if the client can take it now; never queues behind a full queue. */
  void sendNotice(String frame) {
    if (!peerGone() && !socket.writeQueueFull()) {
      socket.writeTextMessage(frame);
    }
  }

  void pause() {
    paused = true;
  }

  /** Ends a pause; the caller resyncs the client. */
  void resume() {
    paused = false;
  }

  /** The verdict on a command arriving now; the first command ignored in a row is to be answered once. */
  CommandRate.Verdict command(long nowNanos) {
    CommandRate.Verdict verdict = rate.take(nowNanos);
    if (verdict == CommandRate.Verdict.ACCEPT) {
      warned = false;
    }
    return verdict;
  }

  /** True once per run of ignored commands: the client is told once, not once per command. */
  boolean shouldWarn() {
    if (warned) {
      return false;
    }
    warned = true;
    return true;
  }

  long ignoredCommands() {
    return rate.ignored();
  }

  /** True when the client has been stalled past the bound; the caller closes it. */
  boolean stalledTooLong(long now) {
    return stale && stalledSince != 0 && now - stalledSince > maxStallNanos;
  }

  /** True when a drained queue should be answered with a resync. */
  boolean stale() {
    return stale;
  }

  /** Closes the client with {@code code} and {@code reason}; nothing is written to it afterwards. */
  void close(short code, String reason) {
    if (!closed) {
      closed = true;
      // Read no more of it: a flooder would otherwise be read (and its frames decoded) until the close completes.
      socket.pause();
      socket.close(code, reason);
    }
  }

  void closed() {
    closed = true;
  }

  boolean isClosed() {
    return closed;
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
}
