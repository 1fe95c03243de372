package dev.vigie.web;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.SocketAddress;

/**
 * A bridge client of {@code /eventbus/websocket}, served by Vigie rather than by SockJS's raw websocket transport, so
 * that it can be pinged: a client that stops reading would otherwise take megabytes of frames into the kernel's
 * buffers before its queue looked full. Each frame is one websocket message, binary as SockJS's raw transport sends
 * them; text and binary messages are read alike.
 */
final class RawBridgePeer implements BridgePeer {
  private static final Buffer PING = Buffer.buffer("vigie");
  private final ServerWebSocket socket;

  RawBridgePeer(ServerWebSocket socket) {
    this.socket = socket;
  }

  @Override
  public Future<Void> write(Buffer frame) {
    return socket.writeBinaryMessage(frame);
  }

  @Override
  public boolean ping() {
    socket.writePing(PING);
    return true;
  }

  @Override
  public void frameHandler(Handler<Buffer> handler) {
    socket.binaryMessageHandler(handler);
    socket.textMessageHandler(text -> handler.handle(Buffer.buffer(text)));
  }

  @Override
  public void pongHandler(Runnable handler) {
    socket.pongHandler(data -> handler.run());
  }

  @Override
  public void endHandler(Runnable handler) {
    socket.closeHandler(v -> handler.run());
  }

  @Override
  public void pause() {
    socket.pause();
  }

  @Override
  public void close(int code, String reason) {
    socket.close((short) code, reason);
  }

  @Override
  public SocketAddress remoteAddress() {
    return socket.remoteAddress();
  }
}
