package dev.vigie.bus;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * How a request-reply fails: {@code message.fail(status, {"error": CODE, "message": text})}. The failure code is
 * the HTTP status the web verticle answers with; {@code error} is a stable code per cause (e.g.
 * {@code CHECKSUM_MISMATCH}, {@code BREAKER_OPEN}) that callers can switch on.
 */
public final class Failures {
  private Failures() {
  }

  public static final int BAD_REQUEST = 400;
  public static final int FORBIDDEN = 403;
  public static final int NOT_FOUND = 404;
  public static final int CONFLICT = 409;
  public static final int TOO_LARGE = 413;
  public static final int TOO_MANY = 429;
  public static final int INTERNAL = 500;
  public static final int UNAVAILABLE = 503;

  /** Fails {@code message} with a status, a stable error code and a human sentence. */
  public static void fail(Message<?> message, int status, String error, String text) {
    message.fail(status, body(error, text).encode());
  }

  /** Replies {@code result} once done, or fails with its {@link Refusal}; any other failure is 500 {@code INTERNAL}. */
  public static void replyWhenDone(Message<?> message, Future<?> result) {
    result.onComplete(ar -> {
      if (ar.succeeded()) {
        message.reply(ar.result());
      } else if (ar.cause() instanceof Refusal refusal) {
        refusal.failReply(message);
      } else {
        fail(message, INTERNAL, "INTERNAL", String.valueOf(ar.cause().getMessage()));
      }
    });
  }

  public static JsonObject body(String error, String text) {
    return new JsonObject().put("error", error).put("message", text);
  }

  /** The {@code {error, message}} body carried by a failed reply; any other failure becomes INTERNAL. */
  public static JsonObject bodyOf(Throwable failure) {
    if (failure instanceof ReplyException re && re.getMessage() != null && re.getMessage().startsWith("{")) {
      try {
        return new JsonObject(re.getMessage());
      } catch (DecodeException ignored) {
        // falls through to the generic body
      }
    }
    if (failure instanceof ReplyException re && re.failureType() != null) {
      return switch (re.failureType()) {
        case TIMEOUT -> body("TIMEOUT", "no answer in time from " + re.getMessage());
        case NO_HANDLERS -> body("UNAVAILABLE", "that feature is not running");
        default -> body("INTERNAL", String.valueOf(re.getMessage()));
      };
    }
    return body("INTERNAL", String.valueOf(failure.getMessage()));
  }

  /** The HTTP status for a failed reply: its failure code when it is one, else 503 for no handler, else 500. */
  public static int statusOf(Throwable failure) {
    if (failure instanceof ReplyException re) {
      switch (re.failureType()) {
        case RECIPIENT_FAILURE:
          int code = re.failureCode();
          return code >= 400 && code < 600 ? code : INTERNAL;
        case NO_HANDLERS:
          return UNAVAILABLE;
        case TIMEOUT:
          return 504;
        default:
          return INTERNAL;
      }
    }
    return INTERNAL;
  }
}
