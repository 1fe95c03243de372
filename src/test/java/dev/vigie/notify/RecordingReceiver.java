package dev.vigie.notify;

import dev.vigie.kit.LoopbackServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

/**
 * A webhook receiver on a loopback port: records every request it gets (path, Authorization header, JSON body)
 * and answers the status {@code status} gives for it (200 unless the test says otherwise).
 */
final class RecordingReceiver implements AutoCloseable {
  record Received(String path, String authorization, JsonObject body) {
  }

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final LoopbackServer server;
  private volatile IntSupplier status = () -> 200;

  RecordingReceiver() {
    server = LoopbackServer.start(req -> req.body().onSuccess(buffer -> {
      received.add(new Received(req.path(), req.getHeader("authorization"),
          buffer.length() == 0 ? new JsonObject() : buffer.toJsonObject()));
      req.response().setStatusCode(status.getAsInt()).end();
    }));
  }

  /** How the receiver answers from now on. */
  RecordingReceiver answering(IntSupplier status) {
    this.status = status;
    return this;
  }

  String url(String path) {
    return server.url(path);
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.close();
  }
}
