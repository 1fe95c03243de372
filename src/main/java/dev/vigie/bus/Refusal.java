package dev.vigie.bus;

import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/**
 * Why a request is refused, in every area: the HTTP status the web verticle answers with, a stable code callers can
 * switch on, a sentence, and the field at fault when one is. It travels as {@link Failures}'s
 * {@code {error, message, field?}} body, so the API shows exactly what the area said.
 */
public class Refusal extends RuntimeException {
  private final int status;
  private final String code;
  private final String field;

  public Refusal(int status, String code, String message) {
    this(status, code, null, message);
  }

  /** A refusal about one field under an area's own code (e.g. download's {@code BAD_REQUEST}); message as given. */
  public Refusal(int status, String code, String field, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  /** 400 for one field; the message starts with the field's name so it reads on its own. */
  public static Refusal badField(String field, String problem) {
    return new Refusal(Failures.BAD_REQUEST, "BAD_PARAMETER", field, field + ": " + problem);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** The field at fault, or null when the refusal is not about one field. */
  public String field() {
    return field;
  }

  /** The API's error body: {@code {error, message}}, plus {@code field} when one is at fault. */
  public JsonObject body() {
    JsonObject body = Failures.body(code, getMessage());
    return field == null ? body : body.put("field", field);
  }

  /** Fails a request-reply message with this refusal. */
  public void failReply(Message<?> message) {
    message.fail(status, body().encode());
  }
}
