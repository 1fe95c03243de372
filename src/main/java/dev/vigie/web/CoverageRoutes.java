package dev.vigie.web;

import dev.vigie.bus.CoverageBus;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The coverage ledger: {@code GET /api/coverage?market&dataType&symbol&interval&period&state&from&to&limit&cursor}
 * (one page, key order; {@code form=cells}: the heatmap's compact answer), {@code GET /api/coverage.csv} with the same filters (every page, as CSV), and
 * {@code POST /api/coverage/expand} (list what the source publishes for a series or every symbol, record it, and
 * fetch it with {@code fetch: true}). The coverage area validates and names the bad field.
 */
final class CoverageRoutes implements ApiRoutes {
  private static final List<String> FILTERS = List.of("market", "dataType", "symbol", "interval", "period", "state",
      "from", "to");
  private static final List<String> CSV_COLUMNS = List.of("key", "market", "dataType", "symbol", "interval", "period",
      "date", "state", "reason", "scorePercent", "gaps", "missing", "coveragePercent", "sha256", "republishedAt",
      "updatedAt");
  /** Rows the CSV export asks for at a time. */
  private static final int CSV_PAGE = 1000;
  /** An expansion lists every page of the source and may queue many downloads: give it time. */
  private static final long EXPAND_TIMEOUT_MS = 600_000;

  @Override
  public void mount(Router api, ApiContext context) {
    api.get("/coverage").handler(ctx -> {
      JsonObject query = filters(ctx);
      for (String name : List.of("limit", "cursor", "form")) {
        String value = ctx.request().getParam(name);
        if (value != null) {
          query.put(name, value);
        }
      }
      context.ask(ctx, CoverageBus.QUERY, query);
    });
    api.get("/coverage.csv").handler(ctx -> csv(ctx, context));
    api.post("/coverage/expand").handler(ctx -> {
      JsonObject body = context.jsonBody(ctx);
      if (body != null) {
        context.ask(ctx, CoverageBus.EXPAND, body, EXPAND_TIMEOUT_MS);
      }
    });
  }

  private static JsonObject filters(RoutingContext ctx) {
    JsonObject query = new JsonObject();
    for (String name : FILTERS) {
      String value = ctx.request().getParam(name);
      if (value != null) {
        query.put(name, value);
      }
    }
    return query;
  }

  /** The first page decides the status (a bad filter is a JSON 400); then every page is written as it comes. */
  private static void csv(RoutingContext ctx, ApiContext context) {
    JsonObject query = filters(ctx).put("limit", CSV_PAGE);
    page(context, query).onFailure(e -> ApiError.fromFailure(ctx, e)).onSuccess(first -> {
      HttpServerResponse resp = ctx.response().setChunked(true).putHeader("content-type", "text/csv; charset=utf-8")
          .putHeader("content-disposition", "attachment; filename=\"coverage.csv\"");
      resp.write(String.join(",", CSV_COLUMNS) + "\n");
      writePages(ctx, context, query, first);
    });
  }

  private static void writePages(RoutingContext ctx, ApiContext context, JsonObject query, JsonObject page) {
    HttpServerResponse resp = ctx.response();
    StringBuilder rows = new StringBuilder();
    for (Object item : page.getJsonArray("items", new JsonArray())) {
      JsonObject entry = (JsonObject) item;
      for (int i = 0; i < CSV_COLUMNS.size(); i++) {
        Object value = entry.getValue(CSV_COLUMNS.get(i));
        rows.append(i == 0 ? "" : ",").append(value == null ? "" : cell(String.valueOf(value)));
      }
      rows.append('\n');
    }
    resp.write(rows.toString());
    String next = page.getString("next");
    if (next == null || resp.closed()) {
      resp.end();
      return;
    }
    page(context, query.copy().put("cursor", next)).onComplete(ar -> {
      if (ar.failed()) {
        // The status is sent: the truncated file says so in its last line.
        resp.end("# truncated: " + ar.cause().getMessage() + "\n");
      } else {
        writePages(ctx, context, query, ar.result());
      }
    });
  }

  private static Future<JsonObject> page(ApiContext context, JsonObject query) {
    return context.vertx().eventBus().<JsonObject>request(CoverageBus.QUERY, query, new DeliveryOptions()
        .setSendTimeout(30_000)).map(Message::body);
  }

  /** A reason may hold commas or quotes: quoted as CSV wants. */
  private static String cell(String text) {
    return text.contains(",") || text.contains("\"") || text.contains("\n")
        ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }
}
