package dev.vigie.web;

import io.vertx.core.buffer.Buffer;
import java.util.HashSet;
import java.util.Set;

/**
 * One client of the {@code /eventbus} bridge: the live addresses it registered on, and the bytes written to it that
 * its connection has not yet taken ({@code queued}: counted from each write until the write completes). A frame is
 * written only while the queue stays within {@code maxQueuedBytes} (or, larger than that, into an empty queue):
 * otherwise it is skipped and the socket marked stale, never queued behind the others. A frame over
 * {@code maxQueuedBytes} is followed by a websocket ping where the transport has one, and the client gets no other
 * frame until it answers: the kernel's buffers would otherwise take megabytes before the queue looked full. A stale
 * socket is told once it has caught up ({@code {"type":"err","body":"frames_skipped"}}: its view is out of date) and
 * closed by {@link LiveBridge} if it stays stalled past the bound.
 */
final class BridgeSocket {
  static final String FRAMES_SKIPPED = "frames_skipped";

  private final BridgePeer peer;
  private final CommandRate rate;
  private final long maxQueuedBytes;
  private final Set<String> addresses = new HashSet<>();
  private long queued;
  private long peakQueued;
  private long lastPingNanos;
  private boolean stale;
  private long stalledSince;
  private long skipped;
  private boolean awaitingPong;
  private boolean closed;

  BridgeSocket(BridgePeer peer, CommandRate rate, long maxQueuedBytes, long nowNanos) {
    this.peer = peer;
    this.rate = rate;
    this.maxQueuedBytes = maxQueuedBytes;
    this.lastPingNanos = nowNanos;
  }

  /** Writes a frame of {@code address} if the client registered on it and its queue has room; else skips it. */
  void offer(String address, Buffer frame) {
    if (!closed && addresses.contains(address) && !write(frame, false)) {
      skipped++;
      if (!stale) {
        stale = true;
        stalledSince = System.nanoTime();
      }
    }
  }

  /** Writes a short answer (an error) if the queue has room; never queues behind a full queue. */
  void notice(Buffer frame) {
    if (!closed) {
      write(frame, true);
    }
  }

  /** @param notice a short answer: written even while a pong is awaited, if the queue has room */
  private boolean write(Buffer frame, boolean notice) {
    int size = frame.length();
    if ((awaitingPong && !notice) || (queued > 0 && queued + size > maxQueuedBytes)) {
      return false;
    }
    io.vertx.core.Future<Void> written;
    try {
      // The same buffer goes to every client: the raw websocket transport sends it as is (a view of the same bytes).
      written = peer.write(frame);
    } catch (IllegalStateException peerGone) {
      // A socket its peer just closed may throw before its close handler has run: it takes nothing more.
      closed = true;
      return true;
    }
    queued += size;
    peakQueued = Math.max(peakQueued, queued);
    if (size > maxQueuedBytes && peer.ping()) {
      awaitingPong = true;
    }
    written.onComplete(done -> {
      queued -= size;
      caughtUp();
    });
    return true;
  }

  /** The client answered the ping that followed a big frame. */
  void ponged() {
    awaitingPong = false;
    caughtUp();
  }

  private void caughtUp() {
    if (queued == 0 && !awaitingPong && stale && !closed) {
      stale = false;
      stalledSince = 0;
      notice(LiveBridge.error(FRAMES_SKIPPED));
    }
  }

  boolean register(String address) {
    return addresses.add(address);
  }

  void unregister(String address) {
    addresses.remove(address);
  }

  void pinged(long nowNanos) {
    lastPingNanos = nowNanos;
  }

  long lastPingNanos() {
    return lastPingNanos;
  }

  CommandRate rate() {
    return rate;
  }

  BridgePeer peer() {
    return peer;
  }

  /** True when frames have been skipped and the client has not caught up for longer than {@code maxStallNanos}. */
  boolean stalledTooLong(long nowNanos, long maxStallNanos) {
    return stale && stalledSince != 0 && nowNanos - stalledSince > maxStallNanos;
  }

  /** Bytes written to this client that its connection has not taken yet. */
  long queued() {
    return queued;
  }

  /** The most this client ever had queued. */
  long peakQueued() {
    return peakQueued;
  }

  long skipped() {
    return skipped;
  }

  /** Closes the socket with {@code code} and {@code reason}, at most once; nothing is written to it afterwards. */
  void close(int code, String reason) {
    if (!closed) {
      closed = true;
      // Read no more of it: a flooder would otherwise be read (and its frames parsed) until the close completes.
      peer.pause();
      peer.close(code, reason);
    }
  }

  void closed() {
    closed = true;
  }
}
