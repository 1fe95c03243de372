package dev.vigie.download;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Feeds a transfer's chunks to its SHA-256 on a worker thread, in order, while the event loop keeps receiving: the
 * hand-off between them holds at most {@link #MAX_BACKLOG} bytes not yet hashed (the reader stops while it is full).
 * One worker task at a time drains the queue, so the digest sees the bytes in file order, one thread at a time, and
 * hashes chunk after chunk without waiting for the event loop between them (a task per chunk, each sent once the
 * previous one had reported back, left the worker idle while the loop was busy receiving). Handed chunks and
 * their results are the event loop's; the digest is the draining task's.
 */
final class ChunkHasher {
  static final long MAX_BACKLOG = 8L << 20;

  private record Pending(Buffer chunk, Promise<Void> hashed) {
  }

  private final Vertx vertx;
  private final ContextInternal context;
  private final MessageDigest digest;
  private final Runnable drained;
  private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private volatile Throwable failure;
  private Future<Void> last = Future.succeededFuture();
  private long backlog;

  /** @param drained runs on the event loop each time a chunk has been hashed */
  ChunkHasher(Vertx vertx, MessageDigest digest, Runnable drained) {
    this.vertx = vertx;
    this.context = (ContextInternal) vertx.getOrCreateContext();
    this.digest = digest;
    this.drained = drained;
  }

  /**
   * Hashes {@code chunk} after every chunk handed before it; the chunk must not change afterwards. Completes, on the
   * event loop, once this chunk is in the digest.
   */
  Future<Void> hash(Buffer chunk) {
    int length = chunk.length();
    backlog += length;
    Promise<Void> hashed = context.promise();
    queue.add(new Pending(chunk, hashed));
    if (draining.compareAndSet(false, true)) {
      vertx.executeBlocking(this::drain, false);
    }
    last = hashed.future().andThen(done -> {
      backlog -= length;
      drained.run();
    });
    return last;
  }

  /** On a worker: hashes what is queued, in order, until nothing is; then lets the next chunk start a new task. */
  private Void drain() {
    do {
      for (Pending next = queue.poll(); next != null; next = queue.poll()) {
        hashOne(next);
      }
      draining.set(false);
    } while (!queue.isEmpty() && draining.compareAndSet(false, true));
    return null;
  }

  private void hashOne(Pending next) {
    if (failure == null) {
      try {
        // nioBuffers() views the bytes without copying them.
        for (ByteBuffer part : ((BufferInternal) next.chunk()).getByteBuf().nioBuffers()) {
          digest.update(part);
        }
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    // After a failure the digest is of no use: every later chunk fails with it.
    if (failure == null) {
      next.hashed().complete();
    } else {
      next.hashed().fail(failure);
    }
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
