package dev.vigie.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * One client of the {@code /eventbus} bridge: the live addresses it registered on, and the bytes written to it that
 * its connection has not yet taken ({@code queued}: counted from each write until the write completes). A frame is
 * written only while the queue stays within {@code maxQueuedBytes} (or, larger than that, into an empty queue):
 * otherwise it is skipped and the socket marked stale, never queued behind the others. A stale socket is told once
 * its queue drains ({@code {"type":"err","body":"frames_skipped"}}: its view is out of date) and closed by
 * {@link LiveBridge} if it stays stalled past the bound.
 */
final class BridgeSocket {
  static final String FRAMES_SKIPPED = "frames_skipped";

  private final SockJSSocket socket;
  private final String group;
  private final CommandRate rate;
  private final long maxQueuedBytes;
  private final Set<String> addresses = new HashSet<>();
  private long queued;
  private long peakQueued;
  private long lastPingNanos;
  private boolean stale;
  private long stalledSince;
  private long skipped;
  private boolean closed;

  BridgeSocket(SockJSSocket socket, String group, CommandRate rate, long maxQueuedBytes, long nowNanos) {
    this.socket = socket;
    this.group = group;
    this.rate = rate;
    this.maxQueuedBytes = maxQueuedBytes;
    this.lastPingNanos = nowNanos;
  }

  /** Writes a frame of {@code address} if the client registered on it and its queue has room; else skips it. */
  void offer(String address, Buffer frame) {
    if (!closed && addresses.contains(address) && !write(frame)) {
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
      write(frame);
    }
  }

  private boolean write(Buffer frame) {
    int size = frame.length();
    if (queued > 0 && queued + size > maxQueuedBytes) {
      return false;
    }
    io.vertx.core.Future<Void> written;
    try {
      // The same buffer goes to every client: the raw websocket transport sends it as is (a view of the same bytes).
      written = socket.write(frame);
    } catch (IllegalStateException peerGone) {
      // A socket its peer just closed may throw before its close handler has run: it takes nothing more.
      closed = true;
      return true;
    }
    queued += size;
    peakQueued = Math.max(peakQueued, queued);
    written.onComplete(done -> {
      queued -= size;
      if (queued == 0 && stale && !closed) {
        stale = false;
        stalledSince = 0;
        notice(LiveBridge.error(FRAMES_SKIPPED));
      }
    });
    return true;
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

  String group() {
    return group;
  }

  SockJSSocket socket() {
    return socket;
  }

  /** True when frames have been skipped and the queue has not drained for longer than {@code maxStallNanos}. */
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
      socket.pause();
      socket.close(code, reason);
    }
  }

  void closed() {
    closed = true;
  }
}
