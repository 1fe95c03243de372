package dev.vigie.web;

import dev.vigie.bus.MonitorsBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Monitors as data: {@code GET /api/monitors}, {@code GET|PUT|DELETE /api/monitors/:id}, {@code POST /api/monitors}
 * and {@code POST /api/monitors/:id/pause|resume}. The probe validates (400 naming the field) and the store keeps
 * them (see docs/probe.md, "Monitors as data").
 */
final class MonitorsRoutes implements ApiRoutes {
  @Override
  public void mount(Router api, ApiContext context) {
    api.get("/monitors").handler(ctx -> context.ask(ctx, MonitorsBus.LIST, new JsonObject()));
    api.get("/monitors/:id").handler(ctx -> context.ask(ctx, MonitorsBus.GET, new JsonObject().put("id", id(ctx))));
    api.post("/monitors").handler(ctx -> withBody(ctx, context, body -> change("add", null).put("monitor", body)));
    api.put("/monitors/:id").handler(ctx -> withBody(ctx, context, body -> change("replace", id(ctx)).put("monitor", body)));
    api.delete("/monitors/:id").handler(ctx -> context.ask(ctx, MonitorsBus.CHANGE, change("remove", id(ctx))));
    api.post("/monitors/:id/pause").handler(ctx -> context.ask(ctx, MonitorsBus.CHANGE, change("pause", id(ctx))));
    api.post("/monitors/:id/resume").handler(ctx -> context.ask(ctx, MonitorsBus.CHANGE, change("resume", id(ctx))));
  }

  private static String id(RoutingContext ctx) {
    return ctx.pathParam("id");
  }

  private static JsonObject change(String op, String id) {
    JsonObject change = new JsonObject().put("op", op);
    return id == null ? change : change.put("id", id);
  }

  private static void withBody(RoutingContext ctx, ApiContext context, java.util.function.UnaryOperator<JsonObject> request) {
    JsonObject body = context.jsonBody(ctx);
    if (body != null) {
      context.ask(ctx, MonitorsBus.CHANGE, request.apply(body));
    }
  }
}
