package dev.vigie.download;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.internal.buffer.BufferInternal;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * An archive's body on its way to the .part and the SHA-256, as {@link BodyTap} takes it from the connection: the
 * network's buffers are gathered into {@link #CHUNK} chunks without a copy, and each chunk goes at once to the file
 * (written on a worker by {@link AsyncFile}) and to the {@link ChunkHasher} (hashed on another worker), so receiving,
 * writing and hashing overlap instead of taking turns on the event loop. The archive is hashed in the same pass as it
 * is written, never read back. Reading stops (the channel's autoRead) until the transfer has {@link #attach attached}
 * the file, and while the file's queue or the hasher's backlog is full; both are bounded. Once attached, each buffer
 * first asks the transfer's {@link Transfer.Gate}: once it says no, nothing more is taken. Used from the connection's
 * event loop, which is the transfer's.
 */
final class ArchiveBody implements BodyTap.Receiver {
  /**
   * Large enough that handing chunks to the workers costs little, small enough that what a killed process had
   * received but not yet written (at most one chunk) is little, and that a slow transfer reaches the disk, where a
   * resume finds it, every second or so rather than every megabyte.
   */
  static final int CHUNK = 256 << 10;
  private static final int FILE_QUEUE = 8 << 20;

  private final Vertx vertx;
  private final Transfer.Gate gate;
  private final Promise<Void> received = Promise.promise();
  private final List<ByteBuf> pending = new ArrayList<>();
  private LongConsumer onBytes;
  private int pendingBytes;
  private int uncounted;
  private Channel channel;
  private boolean ended;
  private AsyncFile file;
  private ChunkHasher hasher;
  private DownloadFailure refusal;
  private Throwable writeFailure;
  private boolean discarded;
  private Future<Void> closed;

  ArchiveBody(Vertx vertx, LongConsumer onBytes, Transfer.Gate gate) {
    this.vertx = vertx;
    this.onBytes = onBytes;
    this.gate = gate;
  }

  @Override
  public void began(Channel channel) {
    this.channel = channel;
    checkReading();
  }

  @Override
  public void take(ByteBuf content) {
    if (discarded || refusal != null || writeFailure != null || closed != null) {
      content.release();
      return;
    }
    pending.add(content);
    pendingBytes += content.readableBytes();
    uncounted += content.readableBytes();
    if (file != null) {
      accept();
    }
  }

  @Override
  public void ended() {
    ended = true;
    // The connection goes back to the pool with the response's end: it must read again for the next one.
    Channel done = channel;
    channel = null;
    if (done != null && !done.config().isAutoRead()) {
      done.config().setAutoRead(true);
    }
    if (file != null) {
      received.tryComplete();
    }
  }

  @Override
  public void failed(Throwable cause) {
    channel = null;
    received.tryFail(cause);
  }

  /**
   * Sends the body, from its first byte, to {@code file} (at its write position) and {@code digest}. Completes when
   * the body's last byte is taken, and fails when the connection closes first or the gate says no ({@link #refusal}).
   */
  Future<Void> attach(AsyncFile file, MessageDigest digest) {
    this.file = file;
    this.hasher = new ChunkHasher(vertx, digest, this::checkReading);
    file.setWriteQueueMaxSize(FILE_QUEUE);
    file.exceptionHandler(this::writeFailed);
    accept();
    if (ended) {
      received.tryComplete();
    }
    checkReading();
    return received.future();
  }

  /** Adds {@code more} to what is told of each byte count taken. */
  void onBytes(LongConsumer more) {
    onBytes = onBytes.andThen(more);
  }

  /** Drops the body (a response the transfer does not keep): what came is released, and what comes is read and dropped. */
  void discard() {
    discarded = true;
    releasePending();
    checkReading();
  }

  /** True while the file's queue or the hasher's backlog is full, so that Vigie itself holds the reading back. */
  boolean full() {
    return file != null && (file.writeQueueFull() || hasher.full());
  }

  /** The first failure writing to disk, if any (a full disk, an I/O error): the transfer cannot go on. */
  Throwable writeFailure() {
    return writeFailure;
  }

  /** The gate's refusal that stopped the body, if one did. */
  DownloadFailure refusal() {
    return refusal;
  }

  /**
   * Writes and hashes what was taken and not yet handed on, ends the file, and completes once every byte counted is
   * on disk and in the digest. Never fails: {@link #writeFailure} says what went wrong. Without a file attached,
   * releases what was taken.
   */
  Future<Void> close() {
    if (closed == null) {
      if (file == null) {
        releasePending();
        closed = Future.succeededFuture();
      } else {
        if (pendingBytes > 0 && writeFailure == null) {
          flush();
        }
        releasePending();
        Future<Void> fileEnded = file.end().onFailure(this::writeFailed);
        Future<Void> hashed = hasher.done().onFailure(this::writeFailed);
        closed = Future.join(fileEnded, hashed).<Void>mapEmpty().recover(failure -> Future.succeededFuture());
      }
      received.tryFail("closed before the body's end");
      // Whatever is left of the body is read and dropped, so the connection is not left stopped.
      checkReading();
    }
    return closed;
  }

  /** Attached: counts what came, asks the gate, and hands on every full chunk. */
  private void accept() {
    if (refusal == null) {
      refusal = gate.refusal();
    }
    if (refusal != null) {
      releasePending();
      received.tryFail(refusal);
      return;
    }
    if (uncounted > 0) {
      int count = uncounted;
      uncounted = 0;
      onBytes.accept(count);
    }
    if (pendingBytes >= CHUNK) {
      flush();
    }
    checkReading();
  }

  private void flush() {
    ByteBuf chunk = Unpooled.wrappedBuffer(pending.size(), pending.toArray(ByteBuf[]::new));
    pending.clear();
    pendingBytes = 0;
    Buffer view = BufferInternal.buffer(chunk);
    // Both read the chunk, neither changes it: the file and the hasher work on it at the same time; it goes back to
    // Netty's pool once both are done with it.
    Future<Void> hashed = hasher.hash(view);
    Future<Void> written = file.write(view).onFailure(this::writeFailed);
    Future.join(hashed, written).onComplete(done -> chunk.release());
  }

  private void writeFailed(Throwable failure) {
    if (writeFailure == null) {
      writeFailure = failure;
      received.tryFail(failure);
    }
  }

  private void releasePending() {
    pending.forEach(ByteBuf::release);
    pending.clear();
    pendingBytes = 0;
    uncounted = 0;
  }

  /** Reads while the body is wanted and both the file and the hasher have room; otherwise stops the connection's reads. */
  private void checkReading() {
    if (channel == null) {
      return;
    }
    boolean reading = channel.config().isAutoRead();
    // Stopped for a full backlog, reading starts again once it is down to half: not at every chunk hashed.
    boolean room = file != null && !file.writeQueueFull() && (reading ? !hasher.full() : hasher.drainedEnough());
    boolean read = discarded || closed != null || room;
    if (file != null && file.writeQueueFull()) {
      file.drainHandler(v -> checkReading());
    }
    if (reading != read) {
      channel.config().setAutoRead(read);
    }
  }
}
