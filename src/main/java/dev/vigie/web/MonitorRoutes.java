package dev.vigie.web;

import dev.vigie.bus.MonitorBus;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/snapshot}, and {@code POST /api/sections} for integrators outside the JVM: the monitor checks the
 * section (shape, bounds, reserved names) and answers 400, 409 or 413 naming the field.
 *
 * <p>Each snapshot request is timed on Vigie's side, so that a client's figure can be split into Vigie's part and the
 * rest (docs/performance.md, "Snapshot requests timed by Vigie"): the wait for the monitor's answer, and the whole of
 * it from this handler to the last byte handed to the connection. The first also goes back to the client in a
 * {@code Server-Timing} header ({@code monitor;dur=MS, handler;dur=MS}: handler is the time until the response began).
 */
final class MonitorRoutes implements ApiRoutes {
  private final SnapshotSource snapshots;
  private final Timer monitorWait;
  private final Timer served;

  /**
   * @param monitorWait times the wait for the monitor's snapshot text
   * @param served times a request from this handler until its last byte is written to the connection
   */
  MonitorRoutes(SnapshotSource snapshots, Timer monitorWait, Timer served) {
    this.snapshots = snapshots;
    this.monitorWait = monitorWait;
    this.served = served;
  }

  @Override
  public void mount(Router api, ApiContext context) {
    api.get("/snapshot").handler(this::snapshot);
    api.post("/sections").handler(ctx -> {
      JsonObject body = context.jsonBody(ctx);
      if (body != null) {
        context.ask(ctx, MonitorBus.EXTERNAL, body);
      }
    });
  }

  /** The monitor's text of the snapshot, built once per change: served as is, never decoded and encoded again. */
  private void snapshot(RoutingContext ctx) {
    long start = System.nanoTime();
    snapshots.current().onComplete(text -> {
      long answered = System.nanoTime();
      monitorWait.record(answered - start, TimeUnit.NANOSECONDS);
      if (text.failed()) {
        ApiError.fromFailure(ctx, text.cause());
        return;
      }
      ctx.response().putHeader("content-type", "application/json")
          .putHeader("server-timing", String.format(Locale.ROOT, "monitor;dur=%.3f, handler;dur=%.3f",
              (answered - start) / 1e6, (System.nanoTime() - start) / 1e6))
          .end(text.result())
          .onComplete(written -> served.record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
    });
  }
}
