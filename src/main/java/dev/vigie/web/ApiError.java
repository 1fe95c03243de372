package dev.vigie.web;

import dev.vigie.bus.Failures;
import dev.vigie.bus.Refusal;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes the one error shape every API answers with: {@code {"error": CODE, "message": text}}. */
final class ApiError {
  private static final String DEFAULT_RETRY_AFTER_SECONDS = "5";

  private ApiError() {
  }

  static void send(RoutingContext ctx, int status, String error, String message) {
    write(ctx.response(), status, Failures.body(error, message));
  }

  static void refuse(RoutingContext ctx, Refusal refusal) {
    write(ctx.response(), refusal.status(), refusal.body());
  }

  /** Answers a failed event-bus request with its status and body (see {@link Failures}). */
  static void fromFailure(RoutingContext ctx, Throwable failure) {
    write(ctx.response(), Failures.statusOf(failure), Failures.bodyOf(failure));
  }

  static void write(HttpServerResponse response, int status, JsonObject body) {
    if (response.ended() || response.closed()) {
      return;
    }
    if (status == Failures.TOO_MANY && !response.headers().contains("retry-after")) {
      // Every 429 tells the client when to come back; a full queue drains at the pace of its work.
      response.putHeader("retry-after", DEFAULT_RETRY_AFTER_SECONDS);
    }
    response.setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
  }
}
