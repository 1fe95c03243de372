package dev.vigie.web;

import dev.vigie.bus.DownloadBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * {@code POST /api/downloads} asks for archives; {@code GET /api/downloads} lists queued, active and recent ones;
 * {@code POST /api/downloads/revalidate} checks the cached archives' checksums against the source.
 */
final class DownloadRoutes implements ApiRoutes {
  /** A revalidation fetches one {@code .CHECKSUM} per cached archive: give it time. */
  private static final long REVALIDATE_TIMEOUT_MS = 600_000;

  @Override
  public void mount(Router api, ApiContext context) {
    api.post("/downloads").handler(ctx -> {
      JsonObject body = context.jsonBody(ctx);
      if (body != null) {
        context.ask(ctx, DownloadBus.REQUEST, body);
      }
    });
    api.get("/downloads").handler(ctx -> context.ask(ctx, DownloadBus.LIST, null));
    api.post("/downloads/revalidate").handler(ctx -> context.ask(ctx, DownloadBus.REVALIDATE, null, REVALIDATE_TIMEOUT_MS));
  }
}
