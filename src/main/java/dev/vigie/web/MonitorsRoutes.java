package dev.vigie.web;

import dev.vigie.bus.MonitorsBus;
import dev.vigie.bus.Refusal;
import dev.vigie.bus.RequestField;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Monitors as data: {@code GET /api/monitors} (one page: {@code limit} 1-1000, default 100; {@code offset}
 * 0-1000000; {@code type}, {@code source}, {@code q}, {@code sort}; {@code version} from an earlier reply for a reply
 * without monitors when nothing changed), {@code GET|PUT|DELETE /api/monitors/:id}, {@code POST /api/monitors} and
 * {@code POST /api/monitors/:id/pause|resume}. The probe validates (400 naming the field) and the store keeps them
 * (see docs/probe.md, "Monitors as data").
 */
final class MonitorsRoutes implements ApiRoutes {
  static final long DEFAULT_LIMIT = 100;

  @Override
  public void mount(Router api, ApiContext context) {
    api.get("/monitors").handler(ctx -> {
      MultiMap params = ctx.request().params();
      JsonObject query;
      try {
        query = new JsonObject()
            .put("limit", RequestField.wholeParam(one(params, "limit"), "limit", DEFAULT_LIMIT, 1, 1000))
            .put("offset", RequestField.wholeParam(one(params, "offset"), "offset", 0, 0, 1_000_000));
        for (String field : new String[] {"type", "source", "q", "sort", "version"}) {
          if (one(params, field) != null) {
            query.put(field, params.get(field));
          }
        }
      } catch (Refusal e) {
        ApiError.refuse(ctx, e);
        return;
      }
      context.ask(ctx, MonitorsBus.LIST, query);
    });
    api.get("/monitors/:id").handler(ctx -> context.ask(ctx, MonitorsBus.GET, new JsonObject().put("id", id(ctx))));
    api.post("/monitors").handler(ctx -> withBody(ctx, context, body -> change("add", null).put("monitor", body)));
    api.put("/monitors/:id").handler(ctx -> withBody(ctx, context, body -> change("replace", id(ctx)).put("monitor", body)));
    api.delete("/monitors/:id").handler(ctx -> context.ask(ctx, MonitorsBus.CHANGE, change("remove", id(ctx))));
    api.post("/monitors/:id/pause").handler(ctx -> context.ask(ctx, MonitorsBus.CHANGE, change("pause", id(ctx))));
    api.post("/monitors/:id/resume").handler(ctx -> context.ask(ctx, MonitorsBus.CHANGE, change("resume", id(ctx))));
  }

  private static String one(MultiMap params, String field) {
    if (params.getAll(field).size() > 1) {
      throw Refusal.badField(field, "must be given once");
    }
    return params.get(field);
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
