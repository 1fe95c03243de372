package dev.vigie.quality;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Reads a source on another thread into a fixed ring of chunks, so inflating and parsing overlap on two cores.
 * The chunks are the caller's (reused from scan to scan) and the thread is a pooled one: starting a thread and
 * zeroing half a megabyte per scan cost more than a small archive takes to inflate. The producer waits when the
 * parser falls behind.
 */
final class InflateAhead extends InputStream {
  /** The single-byte read's buffer, kept rather than made at every call. */
  private final byte[] one = new byte[1];
  /** Most scans at once is 64 ({@code quality.maxConcurrent}); past that a scan inflates on its own thread. */
  private static final int MAX_PRODUCERS = 64;
  private static final ThreadPoolExecutor PRODUCERS = new ThreadPoolExecutor(0, MAX_PRODUCERS, 30, TimeUnit.SECONDS,
      new SynchronousQueue<>(), task -> {
        Thread thread = new Thread(task, "vigie-quality-inflate");
        thread.setDaemon(true);
        return thread;
      });

  private static final class Chunk {
    final byte[] data;
    int length;

    Chunk(byte[] data) {
      this.data = data;
    }
  }

  private static final Chunk END = new Chunk(new byte[0]);

  private final BlockingQueue<Chunk> free;
  private final BlockingQueue<Chunk> filled;
  private final InputStream source;
  private final int fillBytes;
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile Throwable error;
  private boolean closed;
  private Thread producer;
  private Chunk current;
  private int position;

  /**
   * Starts inflating {@code source} into {@code chunks}, {@code fillBytes} (at most a chunk's length) at a time, or
   * returns null when every pooled thread is busy (the caller then reads the source itself).
   */
  static InflateAhead start(InputStream source, byte[][] chunks, int fillBytes) {
    InflateAhead ahead = new InflateAhead(source, chunks, fillBytes);
    try {
      PRODUCERS.execute(ahead::pump);
      return ahead;
    } catch (RejectedExecutionException e) {
      return null;
    }
  }

  private InflateAhead(InputStream source, byte[][] chunks, int fillBytes) {
    this.source = source;
    this.fillBytes = fillBytes;
    free = new ArrayBlockingQueue<>(chunks.length);
    filled = new ArrayBlockingQueue<>(chunks.length + 1);
    for (byte[] chunk : chunks) {
      free.add(new Chunk(chunk));
    }
  }

  private void pump() {
    synchronized (this) {
      if (closed) {
        done.countDown();
        return;
      }
      producer = Thread.currentThread();
    }
    try {
      while (true) {
        Chunk chunk = free.take();
        int n = 0;
        int r;
        while (n < fillBytes && (r = source.read(chunk.data, n, fillBytes - n)) >= 0) {
          n += r;
        }
        chunk.length = n;
        if (n > 0) {
          filled.put(chunk);
        }
        if (n < fillBytes) {
          filled.put(END);
          return;
        }
      }
    } catch (InterruptedException e) {
      // close() asked to stop.
    } catch (Throwable t) {
      error = t;
      // Room for END is reserved: at most `chunks` chunks are ever in `filled`.
      filled.offer(END);
    } finally {
      synchronized (this) {
        producer = null;
      }
      // A pooled thread must not carry close()'s interrupt into its next scan.
      Thread.interrupted();
      done.countDown();
    }
  }

  @Override
  public int read() throws IOException {
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (current == null || position == current.length) {
      if (current == END) {
        return endOrError();
      }
      if (current != null) {
        free.add(current);
      }
      try {
        current = filled.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for inflated data", e);
      }
      position = 0;
      if (current == END) {
        return endOrError();
      }
    }
    int n = Math.min(len, current.length - position);
    System.arraycopy(current.data, position, b, off, n);
    position += n;
    return n;
  }

  private int endOrError() throws IOException {
    Throwable t = error;
    if (t == null) {
      return -1;
    }
    if (t instanceof IOException io) {
      throw io;
    }
    throw new IOException(t.toString(), t);
  }

  /**
   * Stops the producer and waits for it; the source is closed by its owner. False when the producer did not stop
   * within five seconds: its chunks may still be written, so they must not be reused.
   */
  boolean stop() {
    synchronized (this) {
      closed = true;
      if (producer != null) {
        producer.interrupt();
      }
    }
    try {
      return done.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
