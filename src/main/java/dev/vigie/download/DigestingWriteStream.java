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
 * hashed in the same pass as it is written, never read back.
 */
final class DigestingWriteStream implements WriteStream<Buffer> {
  private final AsyncFile file;
  private final MessageDigest digest;
  private final LongConsumer onBytes;
  private Throwable writeFailure;
  private Future<Void> closed;

  DigestingWriteStream(AsyncFile file, MessageDigest digest, LongConsumer onBytes) {
    this.file = file;
    this.digest = digest;
    this.onBytes = onBytes;
  }

  @Override
  public Future<Void> write(Buffer data) {
    ByteBuf buf = ((BufferInternal) data).getByteBuf();
    // nioBuffers() views the bytes without copying them.
    for (ByteBuffer part : buf.nioBuffers()) {
      digest.update(part);
    }
    onBytes.accept(data.length());
    return file.write(data).onFailure(this::writeFailed);
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
      closed = file.end().onFailure(this::writeFailed);
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
