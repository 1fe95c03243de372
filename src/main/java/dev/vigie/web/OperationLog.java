package dev.vigie.web;

import dev.vigie.bus.MonitorBus;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes every manual operation (an API call that changes something: POST, PUT, DELETE) to the activity log with
 * its answer's status, so the log shows who refreshed, cleared or started what. Sections pushed by integrators
 * are data, not operations, and are left out.
 */
final class OperationLog implements Handler<RoutingContext> {
  private final Vertx vertx;

  OperationLog(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    boolean changes = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.DELETE;
    if (changes && !ctx.request().path().endsWith("/api/sections")) {
      String what = method + " " + ctx.request().path();
      String who = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
      ctx.addBodyEndHandler(v -> {
        int status = ctx.response().getStatusCode();
        vertx.eventBus().publish(MonitorBus.ACTIVITY, new JsonObject()
            .put("level", status >= 500 ? "error" : status >= 400 ? "warning" : "info").put("component", "web")
            .put("message", "operation " + what + " from " + who + " answered " + status));
      });
    }
    ctx.next();
  }
}
