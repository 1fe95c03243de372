package dev.vigie.stress;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;

/**
 * A closed-model lane's plain-HTTP connection, spoken by Vigie itself: the run's request goes out as the same
 * pre-encoded bytes each time, and {@link ResponseFraming} reads back where each response ends. Vert.x's HTTP
 * client builds a request object and decodes every header of every response into a map; for a load generator that
 * was most of the loop's time (BENCHMARKS.md, issue 13). HTTPS lanes keep Vert.x's client. Reads and writes are
 * Netty's buffers as they are ({@link NetSocketInternal}): no copy into a Vert.x buffer, no read queue.
 */
final class PlainHttpConnection implements LaneConnection, ResponseFraming.Listener {
  private final NetSocketInternal socket;
  private final ByteBuf request;
  private final long timeoutNanos;
  private final ResponseFraming framing = new ResponseFraming(this);
  private RequestSender.Exchange exchange;
  private long sentNanos;
  private Runnable whenClosed;

  private PlainHttpConnection(NetSocketInternal socket, ByteBuf request, long timeoutNanos) {
    this.socket = socket;
    this.request = request;
    this.timeoutNanos = timeoutNanos;
    socket.messageHandler(this::read);
    socket.exceptionHandler(e -> socket.close()); // the close that follows fails the exchange in flight
    socket.closeHandler(v -> closed());
  }

  /** The request a GET of {@code pathAndQuery} on {@code hostHeader} is sent as, every time (a duplicate each). */
  static ByteBuf request(String pathAndQuery, String hostHeader) {
    return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + hostHeader
        + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)));
  }

  static Future<LaneConnection> connect(NetClient client, int port, String host, ByteBuf request, long timeoutNanos) {
    return client.connect(port, host)
        .map(socket -> new PlainHttpConnection((NetSocketInternal) socket, request, timeoutNanos));
  }

  @Override
  public void carry(RequestSender.Exchange sent) {
    exchange = sent;
    sentNanos = System.nanoTime();
    sent.sending(sentNanos);
    socket.writeMessage(request.duplicate());
  }

  @Override
  public void closeHandler(Runnable closed) {
    whenClosed = closed;
  }

  @Override
  public void expireIfLate(long nowNanos) {
    if (exchange != null && nowNanos - sentNanos >= timeoutNanos) {
      fail(new TimeoutException("no answer in " + timeoutNanos / 1_000_000 + " ms"));
      socket.close();
    }
  }

  @Override
  public void close() {
    socket.close();
  }

  @Override
  public void response(int status, boolean keepAlive) {
    RequestSender.Exchange answered = exchange;
    exchange = null;
    if (answered == null) {
      socket.close(); // a response to no request: nothing after it can be trusted
    } else {
      answered.answered(status, keepAlive);
    }
  }

  private void read(Object message) {
    if (!(message instanceof ByteBuf data)) {
      ReferenceCountUtil.release(message);
      return;
    }
    try {
      framing.feed(data);
    } catch (ResponseFraming.BadResponse e) {
      fail(e);
      socket.close();
    } finally {
      data.release();
    }
  }

  private void closed() {
    framing.closed(); // ends a response read until the close, if that is what was under way
    fail(new HttpClosedException("connection closed before the response ended"));
    if (whenClosed != null) {
      whenClosed.run();
    }
  }

  private void fail(Throwable cause) {
    RequestSender.Exchange failed = exchange;
    exchange = null;
    if (failed != null) {
      failed.failed(cause);
    }
  }
}
