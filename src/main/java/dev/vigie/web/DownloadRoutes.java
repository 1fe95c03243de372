package dev.vigie.web;

import dev.vigie.bus.DownloadBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * {@code POST /api/downloads} asks for archives (429 {@code QUEUE_FULL} past {@code download.maxQueued});
 * {@code GET /api/downloads?limit=&cursor=} lists one page of jobs, newest first, as {@code {items, next, ...}};
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
    api.get("/downloads").handler(ctx -> {
      // Passed as given: the download area checks them and names the bad one.
      JsonObject page = new JsonObject();
      String limit = ctx.request().getParam("limit");
      String cursor = ctx.request().getParam("cursor");
      if (limit != null) {
        page.put("limit", limit);
      }
      if (cursor != null) {
        page.put("cursor", cursor);
      }
      context.ask(ctx, DownloadBus.LIST, page);
    });
    api.post("/downloads/revalidate").handler(ctx -> context.ask(ctx, DownloadBus.REVALIDATE, null, REVALIDATE_TIMEOUT_MS));
  }
}
