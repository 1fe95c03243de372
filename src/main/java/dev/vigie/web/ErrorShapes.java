package dev.vigie.web;

import dev.vigie.bus.Failures;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Framework-level rejections in the API's one error shape {@code {"error", "message"}}: the router's own failures
 * (bad percent-encoding, unknown route, wrong method, body too large, a handler that threw) and requests so
 * malformed that they never reach the router (request line or headers over their limits, not HTTP at all).
 */
final class ErrorShapes {
  private ErrorShapes() {
  }

  /**
   * @param api the API router mounted at {@code apiPrefix}: an unmatched API request whose path one of its routes
   *     serves with another method is a 405, not a 404
   */
  static void install(Router router, Router api, String apiPrefix, long maxBodyBytes) {
    router.errorHandler(400, ctx -> ApiError.send(ctx, 400, "BAD_REQUEST", "the request cannot be read"
        + (ctx.failure() == null || ctx.failure().getMessage() == null ? "" : ": " + ctx.failure().getMessage())));
    router.errorHandler(404, ctx -> {
      Set<HttpMethod> allowed = allowedMethods(api, apiPrefix, ctx.request().path());
      if (allowed.isEmpty()) {
        ApiError.send(ctx, 404, "NOT_FOUND", "nothing at " + method(ctx) + " " + path(ctx));
      } else {
        ctx.response().putHeader("Allow", String.join(", ", allowed.stream().map(HttpMethod::name).sorted().toList()));
        ApiError.send(ctx, 405, "METHOD_NOT_ALLOWED", method(ctx) + " is not served at " + path(ctx)
            + "; " + ctx.response().headers().get("Allow") + " are");
      }
    });
    router.errorHandler(405, ctx -> ApiError.send(ctx, 405, "METHOD_NOT_ALLOWED", method(ctx) + " is not served at "
        + path(ctx)));
    router.errorHandler(413, ctx -> {
      // The rest of the oversized body is never read: close the connection rather than reuse it half-read.
      ctx.response().putHeader("Connection", "close");
      ApiError.send(ctx, 413, "TOO_LARGE", "the request body is over the " + maxBodyBytes + "-byte limit");
    });
    router.errorHandler(500, ctx -> ApiError.send(ctx, 500, "INTERNAL", "the request failed inside Vigie"));
  }

  /**
   * Answers 400 when the query string is not valid percent-encoding (reading a parameter would throw later, and be
   * a 500); otherwise passes on.
   */
  static void rejectUnreadableQuery(RoutingContext ctx) {
    try {
      ctx.request().params();
    } catch (IllegalArgumentException e) {
      ApiError.send(ctx, 400, "BAD_REQUEST", "the query string is not valid percent-encoding");
      return;
    }
    ctx.next();
  }

  /** The methods the API's routes serve at {@code path} (GET brings HEAD), or none when the path is not theirs. */
  private static Set<HttpMethod> allowedMethods(Router api, String prefix, String path) {
    Set<HttpMethod> methods = new TreeSet<>(Comparator.comparing(HttpMethod::name));
    if (path == null || !path.startsWith(prefix + "/")) {
      return methods;
    }
    String rest = path.substring(prefix.length());
    for (Route route : api.getRoutes()) {
      String pattern = route.getPath();
      if (pattern == null || route.methods() == null || route.methods().isEmpty()) {
        continue;
      }
      String regex = Pattern.quote(pattern).replaceAll(":[A-Za-z0-9_]+", "\\\\E[^/]+\\\\Q");
      regex = route.isExactPath() ? regex : regex + ".*";
      if (rest.matches(regex)) {
        methods.addAll(route.methods());
        if (route.methods().contains(HttpMethod.GET)) {
          methods.add(HttpMethod.HEAD);
        }
      }
    }
    return methods;
  }

  /** For {@code HttpServer.invalidRequestHandler}: answers in the error shape and closes the connection. */
  static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult() == null ? null : request.decoderResult().cause();
    int status;
    String code;
    String message;
    if (cause instanceof TooLongHttpLineException) {
      status = 414;
      code = "URI_TOO_LONG";
      message = "the request line is over http.maxRequestLineBytes";
    } else if (cause instanceof TooLongHttpHeaderException) {
      status = 431;
      code = "HEADERS_TOO_LARGE";
      message = "the request headers are over http.maxHeaderBytes";
    } else {
      status = Failures.BAD_REQUEST;
      code = "BAD_REQUEST";
      message = "the request is not valid HTTP";
    }
    request.response().setStatusCode(status).putHeader("content-type", "application/json")
        .putHeader("Connection", "close").end(Failures.body(code, message).encode())
        .onComplete(done -> request.connection().close());
  }

  private static String method(RoutingContext ctx) {
    return String.valueOf(ctx.request().method());
  }

  /** The path as sent, cut short: it is echoed back, and may be long or malformed. */
  private static String path(RoutingContext ctx) {
    String path = ctx.request().path();
    if (path == null) {
      return "(unreadable path)";
    }
    return path.length() > 200 ? path.substring(0, 200) + "…" : path;
  }
}
