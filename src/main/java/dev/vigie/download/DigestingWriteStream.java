package dev.vigie.download;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.streams.WriteStream;
import java.security.MessageDigest;
import java.util.function.LongConsumer;

/**
 * The file a transfer streams into, which also feeds every byte to the SHA-256 on its way to disk: the archive is
 * hashed in the same pass as it is written, never read back. Network buffers (tens of KB) are gathered into
 * {@link #CHUNK} chunks; each chunk goes at once to the file (written on a worker by {@link AsyncFile}) and to the
 * {@link ChunkHasher} (hashed on another worker), so receiving, writing and hashing overlap instead of taking turns
 * on the event loop. The stream is full, and the pipe stops reading the response, while either the file's queue or
 * the hasher's backlog is full; both are bounded. Each write first asks the transfer's {@link Transfer.Gate}: once it
 * says no, nothing more is taken, and the pipe fails with its refusal.
 */
final class DigestingWriteStream implements WriteStream<Buffer> {
  /**
   * Large enough that handing chunks to the workers costs little, small enough that what a killed process had
   * received but not yet written (at most one chunk) is little, and that a slow transfer reaches the disk, where a
   * resume finds it, every second or so rather than every megabyte.
   */
  static final int CHUNK = 256 << 10;
  private static final int FILE_QUEUE = 8 << 20;

  private final AsyncFile file;
  private final ChunkHasher hasher;
  private LongConsumer onBytes;
  private final Transfer.Gate gate;
  private DownloadFailure refusal;
  private Buffer pending = Buffer.buffer(CHUNK);
  private Handler<Void> drainHandler;
  private Throwable writeFailure;
  private Future<Void> closed;

  DigestingWriteStream(Vertx vertx, AsyncFile file, MessageDigest digest, LongConsumer onBytes, Transfer.Gate gate) {
    this.file = file;
    this.gate = gate;
    this.hasher = new ChunkHasher(vertx, digest, this::checkDrained);
    this.onBytes = onBytes;
    file.setWriteQueueMaxSize(FILE_QUEUE);
  }

  @Override
  public Future<Void> write(Buffer data) {
    if (refusal == null) {
      refusal = gate.refusal();
    }
    if (refusal != null) {
      return Future.failedFuture(refusal);
    }
    onBytes.accept(data.length());
    pending.appendBuffer(data);
    return pending.length() >= CHUNK ? flush() : Future.succeededFuture();
  }

  private Future<Void> flush() {
    Buffer chunk = pending;
    pending = Buffer.buffer(CHUNK);
    // Both read the chunk, neither changes it: the file and the hasher work on it at the same time.
    hasher.hash(chunk);
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

  /** The gate's refusal that stopped the writes, if one did. */
  DownloadFailure refusal() {
    return refusal;
  }

  /** Ends the file and completes once every byte written is on disk and in the digest. */
  @Override
  public Future<Void> end() {
    if (closed == null) {
      Future<Void> last = pending.length() > 0 ? flush() : Future.succeededFuture();
      Future<Void> fileEnded = last.transform(ignored -> file.end()).onFailure(this::writeFailed);
      Future<Void> hashed = hasher.done().onFailure(this::writeFailed);
      closed = Future.join(fileEnded, hashed).mapEmpty();
    }
    return closed;
  }

  /** Closes the file (flushing what is queued) if the pipe has not, and completes once it is closed and hashed. */
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
    if (file.writeQueueFull()) {
      file.drainHandler(v -> checkDrained());
      return true;
    }
    return hasher.full();
  }

  /** Adds {@code more} to what is told of each write's byte count. */
  void onBytes(LongConsumer more) {
    onBytes = onBytes.andThen(more);
  }

  /** True while the file's queue or the hasher's backlog is full: the pipe has stopped reading. */
  boolean full() {
    return file.writeQueueFull() || hasher.full();
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    drainHandler = handler;
    return this;
  }

  /** Resumes the reader once both the file's queue and the hasher's backlog have room again. */
  private void checkDrained() {
    if (drainHandler != null && !file.writeQueueFull() && hasher.drainedEnough()) {
      Handler<Void> handler = drainHandler;
      drainHandler = null;
      handler.handle(null);
    }
  }
}
