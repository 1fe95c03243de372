package dev.vigie.web;

import dev.vigie.bus.Failures;
import dev.vigie.bus.StressBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * {@code POST /api/stress} starts a run, {@code GET /api/stress} lists active and past runs, {@code GET
 * /api/stress/:id} answers one, {@code DELETE /api/stress/:id} stops it, {@code GET /api/stress/:id/hgrm} downloads
 * its percentile distribution ({@code ?kind=uncorrected} for the uncorrected one). A start is refused 409
 * {@code RUN_IN_PROGRESS} while a run holds the target machine, 429 {@code TOO_MANY_RUNS} (with Retry-After) past
 * {@code stress.maxConcurrentRuns}.
 */
final class StressRoutes implements ApiRoutes {
  /** Runs last seconds to minutes: retrying sooner than this cannot find a free slot often. */
  private static final String RETRY_AFTER_SECONDS = "10";

  @Override
  public void mount(Router api, ApiContext context) {
    api.post("/stress").handler(ctx -> {
      JsonObject body = context.jsonBody(ctx);
      if (body == null) {
        return;
      }
      context.vertx().eventBus().<JsonObject>request(StressBus.START, body).onComplete(reply -> {
        if (reply.succeeded()) {
          ctx.response().putHeader("content-type", "application/json").end(reply.result().body().encode());
          return;
        }
        if (Failures.statusOf(reply.cause()) == Failures.TOO_MANY) {
          ctx.response().putHeader("retry-after", RETRY_AFTER_SECONDS);
        }
        ApiError.fromFailure(ctx, reply.cause());
      });
    });
    api.get("/stress").handler(ctx -> context.ask(ctx, StressBus.LIST, null));
    api.get("/stress/:id").handler(ctx -> context.ask(ctx, StressBus.GET, id(ctx.pathParam("id"))));
    api.delete("/stress/:id").handler(ctx -> context.ask(ctx, StressBus.STOP, id(ctx.pathParam("id"))));
    api.get("/stress/:id/hgrm").handler(ctx -> {
      String id = ctx.pathParam("id");
      JsonObject body = id(id).put("kind", ctx.queryParams().get("kind") == null ? "corrected" : ctx.queryParams().get("kind"));
      context.vertx().eventBus().<JsonObject>request(StressBus.HGRM, body).onComplete(reply -> {
        if (reply.failed()) {
          ApiError.fromFailure(ctx, reply.cause());
          return;
        }
        JsonObject r = reply.result().body();
        ctx.response().putHeader("content-type", "text/plain; charset=utf-8")
            .putHeader("content-disposition", "attachment; filename=\"stress-" + r.getString("id") + "-"
                + r.getString("kind") + ".hgrm\"")
            .end(r.getString("hgrm"));
      });
    });
  }

  private static JsonObject id(String id) {
    return new JsonObject().put("id", id);
  }
}
