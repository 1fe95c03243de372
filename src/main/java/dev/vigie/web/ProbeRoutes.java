package dev.vigie.web;

import dev.vigie.bus.ProbeBus;
import dev.vigie.bus.Refusal;
import dev.vigie.bus.RequestField;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** {@code GET /api/probes} (summaries, {@code ?history=true} for the last results; any other value than true or false is 400) and {@code POST /api/probes/run} (Refresh All). */
final class ProbeRoutes implements ApiRoutes {
  private static final long RUN_TIMEOUT_MS = 120_000;

  @Override
  public void mount(Router api, ApiContext context) {
    api.get("/probes").handler(ctx -> {
      boolean history;
      try {
        history = RequestField.flagParam(ctx.request().getParam("history"), "history", false);
      } catch (Refusal e) {
        ApiError.refuse(ctx, e);
        return;
      }
      context.ask(ctx, ProbeBus.LIST, new JsonObject().put("history", history));
    });
    api.post("/probes/run").handler(ctx -> context.ask(ctx, ProbeBus.RUN, null, RUN_TIMEOUT_MS));
  }
}
