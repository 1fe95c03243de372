package dev.vigie.web;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * A text message encoded to UTF-8 once and written to any number of clients. {@code writeTextMessage(String)} would
 * encode the string again for every client (10,000 clients, 10,000 copies per update); here every client's frame is
 * a view (a Netty slice) of the same bytes, and the bytes are never released, so each write may keep them as long
 * as its queue needs. A large message's bytes are outside the heap ({@link DirectFrameBytes}), so that the socket
 * transport does not copy them once per client either. Messages over {@link #MAX_FRAME_BYTES} go out as a text frame and continuation frames, as
 * Vert.x would fragment them.
 *
 * <p>Vert.x has no public text frame made from a buffer: {@link WebSocketFrameImpl} is its internal type, the one
 * its own {@code writeTextMessage} builds. {@code SharedFrameTest} fails if that ever stops working.
 */
final class SharedFrame {
  /** The largest frame the server writes or accepts (its {@code maxWebSocketFrameSize}). */
  static final int MAX_FRAME_BYTES = 65536;

  private final Buffer bytes;

  SharedFrame(String text) {
    this(Buffer.buffer(text));
  }

  /** @param utf8 a text message in UTF-8, never written after this; a large one is copied out of the heap */
  SharedFrame(Buffer utf8) {
    this.bytes = DirectFrameBytes.of(utf8);
  }

  /** True when the bytes are outside the heap (written to every connection without a copy). */
  boolean offHeap() {
    return DirectFrameBytes.isDirect(bytes);
  }

  int length() {
    return bytes.length();
  }

  /** Writes the message to {@code socket}, sharing the bytes; completes as the last frame is written. */
  Future<Void> writeTo(ServerWebSocket socket) {
    int length = bytes.length();
    if (length <= MAX_FRAME_BYTES) {
      return socket.writeFrame(textFrame(bytes, true));
    }
    socket.writeFrame(textFrame(bytes.slice(0, MAX_FRAME_BYTES), false));
    int from = MAX_FRAME_BYTES;
    while (length - from > MAX_FRAME_BYTES) {
      socket.writeFrame(WebSocketFrame.continuationFrame(bytes.slice(from, from + MAX_FRAME_BYTES), false));
      from += MAX_FRAME_BYTES;
    }
    return socket.writeFrame(WebSocketFrame.continuationFrame(bytes.slice(from, length), true));
  }

  private static WebSocketFrame textFrame(Buffer part, boolean last) {
    // getByteBuf() is a slice of the shared bytes with its own indices: writing it leaves them untouched.
    return new WebSocketFrameImpl(WebSocketFrameType.TEXT, ((BufferInternal) part).getByteBuf(), last);
  }
}
