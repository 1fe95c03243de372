package dev.vigie.web;

import dev.vigie.bus.Failures;
import dev.vigie.bus.QualityBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * {@code POST /api/quality/scan}, {@code GET /api/quality}, {@code GET /api/quality/{id or key}},
 * {@code DELETE /api/quality/scan/{id}}: the quality area over HTTP. A scan request answers 202 with the scan, a new
 * one or the one already waiting or running for that archive ({@code joined: true}); 429 {@code QUEUE_FULL} with
 * Retry-After past {@code quality.maxQueued}.
 */
final class QualityRoutes implements ApiRoutes {
  /** A full scan queue drains at the speed of scans: a few seconds is the soonest a retry can help. */
  private static final String RETRY_AFTER_SECONDS = "5";

  @Override
  public void mount(Router api, ApiContext context) {
    api.post("/quality/scan").handler(ctx -> {
      JsonObject body = context.jsonBody(ctx);
      if (body == null) {
        return;
      }
      context.vertx().eventBus().<JsonObject>request(QualityBus.SCAN, body).onComplete(reply -> {
        if (reply.succeeded()) {
          ctx.response().setStatusCode(202).putHeader("content-type", "application/json")
              .end(reply.result().body().encode());
        } else {
          if (Failures.statusOf(reply.cause()) == Failures.TOO_MANY) {
            ctx.response().putHeader("retry-after", RETRY_AFTER_SECONDS);
          }
          ApiError.fromFailure(ctx, reply.cause());
        }
      });
    });
    api.delete("/quality/scan/:id").handler(ctx ->
        context.ask(ctx, QualityBus.CANCEL, new JsonObject().put("id", ctx.pathParam("id"))));
    api.get("/quality").handler(ctx -> context.ask(ctx, QualityBus.LIST, new JsonObject()));
    // Ids never hold a slash; cache keys always do (data/spot/...).
    api.get("/quality/*").handler(ctx -> {
      String ref = ctx.pathParam("*");
      if (ref == null || ref.isEmpty()) {
        context.ask(ctx, QualityBus.LIST, new JsonObject());
        return;
      }
      context.ask(ctx, QualityBus.REPORT, new JsonObject().put(ref.contains("/") ? "key" : "id", ref));
    });
  }
}
