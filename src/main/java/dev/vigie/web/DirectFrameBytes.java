package dev.vigie.web;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;

/**
 * A frame's bytes moved once out of the heap, for frames written to many connections. Netty's socket transports
 * write only memory outside the heap: a heap buffer is copied into a pooled direct one at each write, so a 1 MB update
 * written to 250 connections was 250 copies made on the web loop in one go, each held by its connection until the
 * client took it. Bytes already outside the heap are written as they are: every connection's write is a view of the
 * same memory, and a stalled client holds a reference, not a copy.
 *
 * <p>The memory is the JDK's ({@link ByteBuffer#allocateDirect}), freed when the last view is collected: Vert.x makes
 * every written view unreleasable, so a count of references could not be kept anyway.
 */
final class DirectFrameBytes {
  /** Smaller frames stay on the heap: their copy costs less than a direct allocation and its cleaner. */
  static final int MIN_BYTES = 16 * 1024;

  private DirectFrameBytes() {
  }

  /**
   * {@code bytes} outside the heap when at least {@link #MIN_BYTES} long; else, or if they are already, themselves;
   * small bytes in pieces (a composite buffer) are joined once into one heap buffer, since the transport would
   * otherwise join them at every write.
   */
  static Buffer of(Buffer bytes) {
    int length = bytes.length();
    if (isDirect(bytes)) {
      return bytes;
    }
    if (length < MIN_BYTES) {
      boolean inPieces = ((BufferInternal) bytes).getByteBuf().nioBufferCount() > 1;
      return inPieces ? Buffer.buffer(length).appendBuffer(bytes) : bytes;
    }
    ByteBuffer direct = ByteBuffer.allocateDirect(length);
    ((BufferInternal) bytes).getByteBuf().getBytes(0, direct);
    direct.flip();
    return BufferInternal.buffer(Unpooled.wrappedBuffer(direct));
  }

  static boolean isDirect(Buffer bytes) {
    return ((BufferInternal) bytes).getByteBuf().isDirect();
  }
}
