package dev.vigie.web;

import dev.vigie.bus.Failures;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** What API routes share: the bus round trip, body parsing and the error shape. */
final class ApiContext {
  private final Vertx vertx;

  ApiContext(Vertx vertx) {
    this.vertx = vertx;
  }

  Vertx vertx() {
    return vertx;
  }

  /** Sends {@code body} to {@code address} and answers with the JSON reply, or the failure's status and body. */
  void ask(RoutingContext ctx, String address, Object body) {
    ask(ctx, address, body, 30_000);
  }

  void ask(RoutingContext ctx, String address, Object body, long timeoutMs) {
    vertx.eventBus().request(address, body, new DeliveryOptions().setSendTimeout(timeoutMs)).onComplete(reply -> {
      if (reply.succeeded()) {
        Object result = reply.result().body();
        String encoded;
        try {
          encoded = result instanceof JsonObject json ? json.encode() : String.valueOf(result);
        } catch (RuntimeException e) {
          // Outside the route's own call: thrown here, it would leave the request without an answer.
          ApiError.send(ctx, 500, "INTERNAL", "the answer could not be encoded: " + e.getMessage());
          return;
        }
        ctx.response().putHeader("content-type", "application/json").end(encoded);
      } else {
        ApiError.fromFailure(ctx, reply.cause());
      }
    });
  }

  /** The body as a JSON object (empty when there is none); answers 400 and returns null when it is not one. */
  JsonObject jsonBody(RoutingContext ctx) {
    // length() is -1, not 0, when a request came with no body at all (e.g. the page's bodiless POSTs).
    if (ctx.body() == null || ctx.body().length() <= 0) {
      return new JsonObject();
    }
    try {
      JsonObject json = ctx.body().asJsonObject();
      if (json != null) {
        return json;
      }
    } catch (DecodeException | ClassCastException ignored) {
      // answered below
    }
    fail(ctx, Failures.BAD_REQUEST, "BAD_JSON", "the body must be a JSON object");
    return null;
  }

  void fail(RoutingContext ctx, int status, String error, String message) {
    ApiError.send(ctx, status, error, message);
  }
}
