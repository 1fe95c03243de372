package dev.vigie.web;

import dev.vigie.bus.DownloadBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** {@code POST /api/downloads} asks for archives; {@code GET /api/downloads} lists queued, active and recent ones. */
final class DownloadRoutes implements ApiRoutes {
  @Override
  public void mount(Router api, ApiContext context) {
    api.post("/downloads").handler(ctx -> {
      JsonObject body = context.jsonBody(ctx);
      if (body != null) {
        context.ask(ctx, DownloadBus.REQUEST, body);
      }
    });
    api.get("/downloads").handler(ctx -> context.ask(ctx, DownloadBus.LIST, null));
  }
}
