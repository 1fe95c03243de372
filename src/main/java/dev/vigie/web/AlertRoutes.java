package dev.vigie.web;

import dev.vigie.bus.MonitorBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/alerts/{id}/ack} ({@code {note?}}) and {@code POST /api/alerts/{id}/silence}
 * ({@code {durationMs, reason}}). Alert ids may hold a slash ({@code endpoint-latency/api}): the id is everything
 * between {@code /alerts/} and the action.
 */
final class AlertRoutes implements ApiRoutes {
  @Override
  public void mount(Router api, ApiContext context) {
    api.postWithRegex("/alerts/(?<id>.+)/ack").handler(ctx -> ask(ctx, context, MonitorBus.ACK));
    api.postWithRegex("/alerts/(?<id>.+)/silence").handler(ctx -> ask(ctx, context, MonitorBus.SILENCE));
  }

  private static void ask(RoutingContext ctx, ApiContext context, String address) {
    JsonObject body = context.jsonBody(ctx);
    if (body != null) {
      context.ask(ctx, address, body.copy().put("id", ctx.pathParam("id")));
    }
  }
}
