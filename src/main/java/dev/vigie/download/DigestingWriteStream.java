package dev.vigie.download;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.WriteStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.function.LongConsumer;

/**
 * The file a transfer streams into, which also feeds every buffer to the SHA-256 on its way to disk: the archive is
 * hashed in the same pass as it is written, never read back. Network buffers (tens of KB) are gathered into
 * {@link #CHUNK} writes, so the file's worker threads see a few large writes instead of thousands of small ones.
 */
final class DigestingWriteStream implements WriteStream<Buffer> {
  static final int CHUNK = 1 << 20;
  private static final int FILE_QUEUE = 8 << 20;

  private final AsyncFile file;
  private Buffer pending = Buffer.buffer(CHUNK);
  private final MessageDigest digest;
  private final LongConsumer onBytes;
  private Throwable writeFailure;
  private Future<Void> closed;

  DigestingWriteStream(AsyncFile file, MessageDigest digest, LongConsumer onBytes) {
    this.file = file;
    this.digest = digest;
    this.onBytes = onBytes;
    file.setWriteQueueMaxSize(FILE_QUEUE);
  }

  @Override
  public Future<Void> write(Buffer data) {
    ByteBuf buf = ((BufferInternal) data).getByteBuf();
    // nioBuffers() views the bytes without copying them.
    for (ByteBuffer part : buf.nioBuffers()) {
      digest.update(part);
    }
    onBytes.accept(data.length());
    pending.appendBuffer(data);
    return pending.length() >= CHUNK ? flush() : Future.succeededFuture();
  }

  private Future<Void> flush() {
    Buffer chunk = pending;
    pending = Buffer.buffer(CHUNK);
    return file.write(chunk).onFailure(this::writeFailed);
  }

  private void writeFailed(Throwable failure) {
    if (writeFailure == null) {
      writeFailure = failure;
    }
  }

  /** The first failure writing to disk, if any (a full disk, an I/O error): the transfer cannot go on. */
  Throwable writeFailure() {
    return writeFailure;
  }

  @Override
  public Future<Void> end() {
    if (closed == null) {
      Future<Void> last = pending.length() > 0 ? flush() : Future.succeededFuture();
      closed = last.transform(ignored -> file.end()).onFailure(this::writeFailed);
    }
    return closed;
  }

  /** Closes the file (flushing what is queued) if the pipe has not, and completes once it is closed. */
  Future<Void> close() {
    return end().recover(failure -> Future.succeededFuture());
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    file.exceptionHandler(failure -> {
      writeFailed(failure);
      if (handler != null) {
        handler.handle(failure);
      }
    });
    return this;
  }

  @Override
  public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    file.setWriteQueueMaxSize(maxSize);
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return file.writeQueueFull();
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    file.drainHandler(handler);
    return this;
  }
}
