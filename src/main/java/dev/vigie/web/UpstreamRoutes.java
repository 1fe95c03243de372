package dev.vigie.web;

import dev.vigie.bus.UpstreamBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * The upstream SWR cache's REST face: statistics, sources, and clear — still at {@code /api/cache/clear}, where the
 * page's "Clear Caches" and existing clients find it.
 */
final class UpstreamRoutes implements ApiRoutes {
  @Override
  public void mount(Router api, ApiContext context) {
    api.get("/upstream").handler(ctx -> context.ask(ctx, UpstreamBus.STATS, null));
    api.get("/upstream/:name").handler(ctx -> context.ask(ctx, UpstreamBus.GET,
        new JsonObject().put("name", ctx.pathParam("name"))));
    api.post("/cache/clear").handler(ctx -> context.ask(ctx, UpstreamBus.CLEAR, null));
  }
}
