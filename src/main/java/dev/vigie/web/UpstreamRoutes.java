package dev.vigie.web;

import dev.vigie.bus.Refusal;
import dev.vigie.bus.UpstreamBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * The upstream SWR cache's REST face: statistics, sources, and clear — still at {@code /api/cache/clear}, where the
 * page's "Clear Caches" and existing clients find it. Clear takes no body fields (any is 400) and answers the count of
 * entries it dropped.
 */
final class UpstreamRoutes implements ApiRoutes {
  @Override
  public void mount(Router api, ApiContext context) {
    api.get("/upstream").handler(ctx -> context.ask(ctx, UpstreamBus.STATS, null));
    api.get("/upstream/:name").handler(ctx -> context.ask(ctx, UpstreamBus.GET,
        new JsonObject().put("name", ctx.pathParam("name"))));
    api.post("/cache/clear").handler(ctx -> {
      JsonObject body = context.jsonBody(ctx);
      if (body == null) {
        return;
      }
      // Clear has no options: a field it would ignore (say "dryRun") must not empty the cache anyway.
      if (!body.isEmpty()) {
        ApiError.refuse(ctx, Refusal.badField(body.fieldNames().iterator().next(), "clear takes no fields: it empties the "
            + "upstream cache and answers {cleared}, the number of entries dropped"));
        return;
      }
      context.ask(ctx, UpstreamBus.CLEAR, null);
    });
  }
}
