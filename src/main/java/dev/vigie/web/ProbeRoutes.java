package dev.vigie.web;

import dev.vigie.bus.ProbeBus;
import dev.vigie.bus.Refusal;
import dev.vigie.bus.RequestField;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * {@code GET /api/probes}: one page of the endpoint summaries ({@code limit} 1-1000, default 100; {@code cursor} from
 * the last page's {@code nextCursor}, or {@code offset} 0-1000000 to jump; {@code status}, {@code q}, {@code sort};
 * {@code history=true} for their last
 * results) and every freshness reading. A bad parameter is a 400 naming it (the probe area checks the values). And
 * {@code POST /api/probes/run} (Refresh All).
 */
final class ProbeRoutes implements ApiRoutes {
  private static final long RUN_TIMEOUT_MS = 120_000;
  static final long DEFAULT_LIMIT = 100;

  @Override
  public void mount(Router api, ApiContext context) {
    api.get("/probes").handler(ctx -> {
      MultiMap params = ctx.request().params();
      JsonObject query;
      try {
        query = new JsonObject()
            .put("history", RequestField.flagParam(params.get("history"), "history", false))
            .put("limit", RequestField.wholeParam(params.get("limit"), "limit", DEFAULT_LIMIT, 1, 1000));
        for (String field : new String[] {"offset", "cursor", "status", "q", "sort"}) {
          if (params.getAll(field).size() > 1) {
            throw Refusal.badField(field, "must be given once");
          }
          if (params.get(field) != null) {
            query.put(field, params.get(field));
          }
        }
        if (params.get("offset") != null) {
          query.put("offset", RequestField.wholeParam(params.get("offset"), "offset", 0, 0, 1_000_000));
        }
      } catch (Refusal e) {
        ApiError.refuse(ctx, e);
        return;
      }
      context.ask(ctx, ProbeBus.LIST, query);
    });
    api.post("/probes/run").handler(ctx -> context.ask(ctx, ProbeBus.RUN, null, RUN_TIMEOUT_MS));
  }
}
