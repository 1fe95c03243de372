package dev.vigie.web;

import dev.vigie.Vigie;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.ProbeBus;
import dev.vigie.monitor.PerformanceReport;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/** {@code GET /api/report}: the performance report as a JSON attachment, secrets redacted. */
final class ReportRoutes implements ApiRoutes {
  private static final DeliveryOptions ASK = new DeliveryOptions().setSendTimeout(10_000);

  @Override
  public void mount(Router api, ApiContext context) {
    api.get("/report").handler(ctx -> report(ctx, context));
  }

  private void report(RoutingContext ctx, ApiContext context) {
    var bus = context.vertx().eventBus();
    Future<JsonObject> snapshot = bus.<JsonObject>request(MonitorBus.SNAPSHOT, null, ASK).map(Message::body);
    Future<JsonObject> probes = bus.<JsonObject>request(ProbeBus.LIST, new JsonObject(), ASK).map(Message::body)
        .otherwise((JsonObject) null);
    Future.join(snapshot, probes).onComplete(done -> {
      if (snapshot.failed()) {
        ApiError.fromFailure(ctx, snapshot.cause());
        return;
      }
      Instant now = Instant.now();
      JsonObject report = PerformanceReport.build(snapshot.result(), probes.result(), context.config(), version(), now);
      String name = PerformanceReport.fileName(now);
      ctx.response().putHeader("content-type", "application/json")
          .putHeader("content-disposition", "attachment; filename=\"" + name + "\"")
          .end(report.encodePrettily());
      bus.publish(MonitorBus.ACTIVITY, new JsonObject().put("level", "info").put("component", "web")
          .put("message", "report exported: " + name));
    });
  }

  private static String version() {
    String v = Vigie.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }
}
