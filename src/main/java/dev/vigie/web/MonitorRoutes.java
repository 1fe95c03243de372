package dev.vigie.web;

import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.SectionUpdate;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** {@code GET /api/snapshot}, and {@code POST /api/sections} for integrators outside the JVM. */
final class MonitorRoutes implements ApiRoutes {
  @Override
  public void mount(Router api, ApiContext context) {
    api.get("/snapshot").handler(ctx -> context.ask(ctx, MonitorBus.SNAPSHOT, null));
    api.post("/sections").handler(ctx -> {
      JsonObject body = context.jsonBody(ctx);
      if (body == null) {
        return;
      }
      try {
        SectionUpdate.fromJson(body);
      } catch (IllegalArgumentException e) {
        context.fail(ctx, 400, "BAD_SECTION", e.getMessage());
        return;
      }
      context.ask(ctx, MonitorBus.SECTION, body);
    });
  }
}
