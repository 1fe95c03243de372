package dev.vigie.quality;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a source on its own thread into a fixed ring of chunks, so inflating and parsing overlap on two cores.
 * Memory is {@code chunks × chunkBytes}, allocated once; the producer waits when the parser falls behind.
 */
final class InflateAhead extends InputStream {
  private static final class Chunk {
    final byte[] data;
    int length;

    Chunk(int size) {
      data = new byte[size];
    }
  }

  private static final Chunk END = new Chunk(0);

  private final BlockingQueue<Chunk> free;
  private final BlockingQueue<Chunk> filled;
  private final Thread producer;
  private volatile Throwable error;
  private volatile boolean closed;
  private Chunk current;
  private int position;

  InflateAhead(InputStream source, int chunkBytes, int chunks) {
    free = new ArrayBlockingQueue<>(chunks);
    filled = new ArrayBlockingQueue<>(chunks + 1);
    for (int i = 0; i < chunks; i++) {
      free.add(new Chunk(chunkBytes));
    }
    producer = new Thread(() -> pump(source), "vigie-quality-inflate");
    producer.setDaemon(true);
    producer.start();
  }

  private void pump(InputStream source) {
    try {
      while (!closed) {
        Chunk chunk = free.take();
        int n = 0;
        int r;
        while (n < chunk.data.length && (r = source.read(chunk.data, n, chunk.data.length - n)) >= 0) {
          n += r;
        }
        chunk.length = n;
        if (n > 0) {
          filled.put(chunk);
        }
        if (n < chunk.data.length) {
          filled.put(END);
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable t) {
      error = t;
      // Room for END is reserved: at most `chunks` chunks are ever in `filled`.
      filled.offer(END);
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
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

  /** Stops the producer; the source is closed by its owner. */
  @Override
  public void close() throws IOException {
    closed = true;
    producer.interrupt();
    try {
      producer.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
