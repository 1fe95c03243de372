package dev.vigie.kit;

import static dev.vigie.kit.Wait.await;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.Function;

/**
 * An HTTP server of the test's own on a free loopback port (a target to probe or stress), on the Vert.x it is given
 * or on one of its own that {@link #close()} closes.
 */
public final class LoopbackServer implements AutoCloseable {
  private final Vertx vertx;
  private final boolean ownsVertx;
  private final HttpServer server;

  private LoopbackServer(Vertx vertx, boolean ownsVertx, Handler<HttpServerRequest> handler) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.server = await("a loopback server to listen",
        vertx.createHttpServer().requestHandler(handler).listen(0, "127.0.0.1"));
  }

  /** On a Vert.x of its own, so the server's work never shares an event loop with Vigie's. */
  public static LoopbackServer start(Handler<HttpServerRequest> handler) {
    return new LoopbackServer(Vertx.vertx(), true, handler);
  }

  /** As {@link #start(Handler)}, for a handler that needs the server's Vert.x (timers, to answer late). */
  public static LoopbackServer startWith(Function<Vertx, Handler<HttpServerRequest>> handlerOn) {
    Vertx vertx = Vertx.vertx();
    return new LoopbackServer(vertx, true, handlerOn.apply(vertx));
  }

  /** On {@code vertx} (Vigie's own, for instance); closed with it. */
  public static LoopbackServer start(Vertx vertx, Handler<HttpServerRequest> handler) {
    return new LoopbackServer(vertx, false, handler);
  }

  public Vertx vertx() {
    return vertx;
  }

  public int port() {
    return server.actualPort();
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  @Override
  public void close() {
    await("the loopback server to close", ownsVertx ? vertx.close() : server.close());
  }
}
