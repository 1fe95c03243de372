package dev.vigie.web;

import dev.vigie.bus.Activity;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes every manual operation (an API call that changes something: POST, PUT, DELETE) to the activity log with
 * its answer's status, so the log shows who refreshed, cleared or started what. Sections pushed by integrators
 * are data, not operations, and are left out.
 */
final class OperationLog implements Handler<RoutingContext> {
  private final Activity activity;

  OperationLog(Activity activity) {
    this.activity = activity;
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
        String text = "operation " + what + " from " + who + " answered " + status;
        if (status >= 500) {
          activity.error(text);
        } else if (status >= 400) {
          activity.warning(text);
        } else {
          activity.info(text);
        }
      });
    }
    ctx.next();
  }
}
