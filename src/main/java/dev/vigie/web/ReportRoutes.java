package dev.vigie.web;

import dev.vigie.bus.MonitorBus;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/report}: the monitor's performance report ({@link MonitorBus#REPORT}) as a JSON attachment. A read
 * like any other: it leaves no trace in the activity log, so anonymous readers cannot push the log's entries out.
 */
final class ReportRoutes implements ApiRoutes {
  /** The monitor waits up to 10 s for the probe area; leave it that long and a little more. */
  private static final DeliveryOptions ASK = new DeliveryOptions().setSendTimeout(15_000);

  @Override
  public void mount(Router api, ApiContext context) {
    api.get("/report").handler(ctx -> report(ctx, context));
  }

  private void report(RoutingContext ctx, ApiContext context) {
    context.vertx().eventBus().<JsonObject>request(MonitorBus.REPORT, null, ASK).onComplete(reply -> {
      if (reply.failed()) {
        ApiError.fromFailure(ctx, reply.cause());
        return;
      }
      String name = reply.result().body().getString("fileName");
      ctx.response().putHeader("content-type", "application/json")
          .putHeader("content-disposition", "attachment; filename=\"" + name + "\"")
          .end(reply.result().body().getJsonObject("report").encodePrettily());
    });
  }
}
