package dev.vigie.download;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.impl.HttpClientConnectionInternal;

/**
 * Takes an archive's body off an HTTP client connection as Netty decoded it, ahead of Vert.x: Vert.x copies every
 * buffer of a response body into a fresh heap buffer, which with the copy into chunks and the copy the file write
 * makes of a heap buffer was most of a verified download's CPU (BENCHMARKS.md, issue 13, point 6). The tap sits
 * in front of Vert.x's own handler on each connection that carried an archive request. Armed for the next response
 * on its connection, it hands the body of a 200 or a 206 to a {@link Receiver} and lets Vert.x see the response's
 * head and an empty end, so the request, its pool, redirects and TLS stay Vert.x's. Any other response (a redirect, an
 * error's body) passes through untouched. Runs on the connection's event loop.
 */
final class BodyTap extends ChannelInboundHandlerAdapter {
  private static final String NAME = "vigie-body-tap";

  /** Where a tapped body goes; each method runs on the connection's event loop. */
  interface Receiver {
    /** A 200 or 206 began on {@code channel}: the receiver may stop the reading (autoRead) until it is ready. */
    void began(Channel channel);

    /** Bytes of the body, in order; the receiver owns the buffer and releases it. */
    void take(ByteBuf content);

    /** The body's last byte was taken. */
    void ended();

    /** The connection closed before the body's end. */
    void failed(Throwable cause);
  }

  private Receiver armed;
  private Receiver taking;

  /** The tap of the connection {@code request} goes out on, put in place the first time. */
  static BodyTap on(HttpClientRequest request) {
    ChannelPipeline pipeline = ((HttpClientConnectionInternal) request.connection()).channelHandlerContext().pipeline();
    BodyTap tap = pipeline.get(BodyTap.class);
    if (tap == null) {
      tap = new BodyTap();
      pipeline.addBefore("handler", NAME, tap);
    }
    return tap;
  }

  /** The next response on this connection, if a 200 or a 206, gives its body to {@code receiver}. */
  void arm(Receiver receiver) {
    armed = receiver;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpResponse head) {
      int status = head.status().code();
      if (status < 200) {
        // An interim answer (100 Continue, 103 Early Hints): the final one is still to come.
        ctx.fireChannelRead(msg);
        return;
      }
      Receiver receiver = armed;
      armed = null;
      if (receiver != null && (status == 200 || status == 206)) {
        taking = receiver;
        receiver.began(ctx.channel());
      }
      ctx.fireChannelRead(msg);
      return;
    }
    if (taking != null && msg instanceof HttpContent content) {
      Receiver receiver = taking;
      ByteBuf bytes = content.content();
      if (bytes.isReadable()) {
        receiver.take(bytes);
      } else {
        bytes.release();
      }
      if (msg instanceof LastHttpContent) {
        taking = null;
        receiver.ended();
        ctx.fireChannelRead(LastHttpContent.EMPTY_LAST_CONTENT);
      }
      return;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    armed = null;
    Receiver receiver = taking;
    taking = null;
    if (receiver != null) {
      receiver.failed(new HttpClosedException("connection closed before the body's end"));
    }
    super.channelInactive(ctx);
  }
}
