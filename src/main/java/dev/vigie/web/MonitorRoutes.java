package dev.vigie.web;

import dev.vigie.bus.MonitorBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * {@code GET /api/snapshot}, and {@code POST /api/sections} for integrators outside the JVM: the monitor checks the
 * section (shape, bounds, reserved names) and answers 400, 409 or 413 naming the field.
 */
final class MonitorRoutes implements ApiRoutes {
  @Override
  public void mount(Router api, ApiContext context) {
    // The monitor's text of the snapshot, built once per change: served as is, never decoded and encoded again.
    api.get("/snapshot").handler(ctx -> context.ask(ctx, MonitorBus.SNAPSHOT_TEXT, null));
    api.post("/sections").handler(ctx -> {
      JsonObject body = context.jsonBody(ctx);
      if (body != null) {
        context.ask(ctx, MonitorBus.EXTERNAL, body);
      }
    });
  }
}
