package dev.vigie.web;

import io.netty.channel.ChannelOption;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Bounds the kernel send buffer of a live connection ({@code /ws}, {@code /eventbus}), and of no other. Left to
 * autotuning, the kernel grows a connection's buffer up to tcp_wmem's maximum (4 MB), so a live client that stops
 * reading would absorb megabytes of frames there, out of sight of the write queue. An API connection keeps the
 * autotuning: bounded at 128 KB, a 1 MB {@code GET /api/snapshot} went out in eight turns of the web loop instead of
 * one, each waiting behind whatever else the loop had to do.
 *
 * <p>Vert.x sets the option only for every connection of a server; its connection type ({@link ConnectionBase},
 * internal) gives the channel. {@code SendBufferBoundTest} fails if that ever stops working.
 */
final class LiveSendBuffer {
  private LiveSendBuffer() {
  }

  /** Sets {@code connection}'s SO_SNDBUF to {@code bytes}; answers false when the connection gives no channel. */
  static boolean bound(HttpConnection connection, int bytes) {
    if (connection instanceof ConnectionBase base) {
      base.channel().config().setOption(ChannelOption.SO_SNDBUF, bytes);
      return true;
    }
    return false;
  }
}
