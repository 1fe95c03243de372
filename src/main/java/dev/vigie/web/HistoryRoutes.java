package dev.vigie.web;

import dev.vigie.bus.StoreBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The store's history: {@code GET /api/monitors/:id/history?from&to&step} (points over time), {@code GET
 * /api/history/uptime?monitor&limit&offset&q} (24 h, 7 d and 30 d windows per monitor, a page at a time), {@code GET
 * /api/history/alerts?from&to&limit} and {@code GET /api/history/downloads|quality|stress?limit} (the newest records).
 * The store validates and names the bad field.
 */
final class HistoryRoutes implements ApiRoutes {
  @Override
  public void mount(Router api, ApiContext context) {
    api.get("/monitors/:id/history").handler(ctx -> context.ask(ctx, StoreBus.HISTORY,
        params(ctx, "from", "to", "step").put("monitor", ctx.pathParam("id"))));
    api.get("/history/uptime").handler(ctx -> context.ask(ctx, StoreBus.UPTIME,
        params(ctx, "monitor", "limit", "offset", "q")));
    api.get("/history/alerts").handler(ctx -> context.ask(ctx, StoreBus.ALERTS, params(ctx, "from", "to", "limit")));
    api.get("/history/:category").handler(ctx -> context.ask(ctx, StoreBus.RECORDS,
        params(ctx, "limit").put("category", ctx.pathParam("category"))));
  }

  /** The named query parameters that are present, as strings. */
  private static JsonObject params(RoutingContext ctx, String... names) {
    JsonObject body = new JsonObject();
    for (String name : names) {
      String value = ctx.request().getParam(name);
      if (value != null) {
        body.put(name, value);
      }
    }
    return body;
  }
}
