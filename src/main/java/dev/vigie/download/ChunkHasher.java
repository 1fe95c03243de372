package dev.vigie.download;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * Feeds a transfer's chunks to its SHA-256 on a worker thread, in order, while the event loop keeps receiving: the
 * hand-off between them holds at most {@link #MAX_BACKLOG} bytes not yet hashed (the writer stops reading while it
 * is full). Chunks are hashed one after the other, so the digest sees the bytes in file order. Used from one event
 * loop; the digest itself is touched only by the chained worker tasks, each after the previous one ended.
 */
final class ChunkHasher {
  static final long MAX_BACKLOG = 8L << 20;

  private final Vertx vertx;
  private final MessageDigest digest;
  private final Runnable drained;
  private Future<Void> last = Future.succeededFuture();
  private long backlog;

  /** @param drained runs on the event loop each time a chunk has been hashed */
  ChunkHasher(Vertx vertx, MessageDigest digest, Runnable drained) {
    this.vertx = vertx;
    this.digest = digest;
    this.drained = drained;
  }

  /**
   * Hashes {@code chunk} after every chunk handed before it; the chunk must not change afterwards. Completes once this
   * chunk is in the digest.
   */
  Future<Void> hash(Buffer chunk) {
    int length = chunk.length();
    backlog += length;
    last = last.compose(v -> vertx.executeBlocking(() -> {
      // nioBuffers() views the bytes without copying them.
      for (ByteBuffer part : ((BufferInternal) chunk).getByteBuf().nioBuffers()) {
        digest.update(part);
      }
      return null;
    }, false)).andThen(done -> {
      backlog -= length;
      drained.run();
    }).mapEmpty();
    return last;
  }

  /** True while the bytes waiting to be hashed reach the bound. */
  boolean full() {
    return backlog >= MAX_BACKLOG;
  }

  /** True once the backlog is down to half the bound: time to read again. */
  boolean drainedEnough() {
    return backlog <= MAX_BACKLOG / 2;
  }

  /** Completes once every chunk handed so far is in the digest. */
  Future<Void> done() {
    return last;
  }
}
