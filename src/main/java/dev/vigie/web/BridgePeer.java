package dev.vigie.web;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;

/**
 * One {@code /eventbus} client's connection, whichever transport carries it: SockJS's ({@link SockJSPeer}) or the
 * raw websocket Vigie serves itself ({@link RawBridgePeer}). The bridge speaks to it through this alone.
 */
interface BridgePeer {
  /** Writes one bridge frame; may throw {@link IllegalStateException} when the peer has just gone. */
  Future<Void> write(Buffer frame);

  /**
   * Sends a websocket ping and answers true, or answers false when the transport has none to send (SockJS's
   * transports): then no pong comes either.
   */
  boolean ping();

  void frameHandler(Handler<Buffer> handler);

  void pongHandler(Runnable handler);

  /** Runs once, when the connection has ended. */
  void endHandler(Runnable handler);

  /** Reads no more of it. */
  void pause();

  void close(int code, String reason);

  SocketAddress remoteAddress();
}
