package dev.vigie.web;

import dev.vigie.bus.NotifyBus;
import dev.vigie.bus.Refusal;
import dev.vigie.bus.RequestField;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * Notification channels: {@code GET/POST /api/notify/channels}, {@code GET/PUT/DELETE /api/notify/channels/{id}},
 * {@code POST /api/notify/channels/{id}/test}, and the delivery log {@code GET /api/notify/deliveries?limit=&offset=
 * &channel=}. Channels come back with every secret redacted.
 */
final class NotifyRoutes implements ApiRoutes {
  private static final long TEST_TIMEOUT_MS = 60_000;

  @Override
  public void mount(Router api, ApiContext context) {
    api.get("/notify/channels").handler(ctx -> context.ask(ctx, NotifyBus.CHANNELS, new JsonObject()));
    api.post("/notify/channels").handler(ctx -> {
      JsonObject body = context.jsonBody(ctx);
      if (body != null) {
        context.ask(ctx, NotifyBus.SAVE, new JsonObject().put("channel", body));
      }
    });
    api.get("/notify/channels/:id").handler(ctx -> context.ask(ctx, NotifyBus.CHANNEL, id(ctx.pathParam("id"))));
    api.put("/notify/channels/:id").handler(ctx -> {
      JsonObject body = context.jsonBody(ctx);
      if (body != null) {
        context.ask(ctx, NotifyBus.SAVE, id(ctx.pathParam("id")).put("channel", body));
      }
    });
    api.delete("/notify/channels/:id").handler(ctx -> context.ask(ctx, NotifyBus.DELETE, id(ctx.pathParam("id"))));
    api.post("/notify/channels/:id/test").handler(ctx ->
        context.ask(ctx, NotifyBus.TEST, id(ctx.pathParam("id")), TEST_TIMEOUT_MS));
    api.get("/notify/deliveries").handler(ctx -> {
      JsonObject ask = new JsonObject();
      try {
        ask.put("limit", RequestField.wholeParam(ctx.request().getParam("limit"), "limit", 50, 1, 500));
        ask.put("offset", RequestField.wholeParam(ctx.request().getParam("offset"), "offset", 0, 0, Integer.MAX_VALUE));
      } catch (Refusal e) {
        ApiError.refuse(ctx, e);
        return;
      }
      String channel = ctx.request().getParam("channel");
      if (channel != null) {
        ask.put("channel", channel);
      }
      context.ask(ctx, NotifyBus.DELIVERIES, ask);
    });
  }

  private static JsonObject id(String id) {
    return new JsonObject().put("id", id);
  }
}
