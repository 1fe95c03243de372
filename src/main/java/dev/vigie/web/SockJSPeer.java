package dev.vigie.web;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;

/** A bridge client on one of SockJS's transports (a browser's SockJS client): no websocket ping to ask for. */
final class SockJSPeer implements BridgePeer {
  private final SockJSSocket socket;

  SockJSPeer(SockJSSocket socket) {
    this.socket = socket;
  }

  @Override
  public Future<Void> write(Buffer frame) {
    return socket.write(frame);
  }

  @Override
  public boolean ping() {
    return false;
  }

  @Override
  public void frameHandler(Handler<Buffer> handler) {
    socket.handler(handler);
  }

  @Override
  public void pongHandler(Runnable handler) {
    // No ping is ever sent on these transports.
  }

  @Override
  public void endHandler(Runnable handler) {
    // endHandler, not closeHandler: some transports keep the close handler for themselves.
    socket.endHandler(v -> handler.run());
  }

  @Override
  public void pause() {
    socket.pause();
  }

  @Override
  public void close(int code, String reason) {
    socket.close(code, reason);
  }

  @Override
  public SocketAddress remoteAddress() {
    return socket.remoteAddress();
  }
}
