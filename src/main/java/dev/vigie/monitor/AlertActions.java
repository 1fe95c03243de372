package dev.vigie.monitor;

import dev.vigie.bus.Refusal;
import dev.vigie.bus.RequestField;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * What people do to alerts ({@code POST /api/alerts/{id}/ack} and {@code /silence}): reads and checks a request,
 * applies it to the {@link AlertBook}, and says it in words for the activity log.
 */
final class AlertActions {
  static final long MAX_SILENCE_MS = 30L * 24 * 3600 * 1000;
  private static final int MAX_TEXT = 200;

  private AlertActions() {
  }

  /** One action on the book: its answer and activity line, or a {@link Refusal}. */
  interface Action {
    Done apply(AlertBook book, JsonObject body, Instant now);
  }

  /**
   * The answer and the activity line of one action, and its history events: each open alert it touched as it now
   * stands, with {@code state} {@code acknowledged} or {@code silenced} and {@code time} now ({@code MonitorBus.ALERT_ACTION}).
   */
  record Done(JsonObject reply, String activity, List<JsonObject> events) {
  }

  /** {@code {id, note?}}. */
  static Done acknowledge(AlertBook book, JsonObject body, Instant now) {
    JsonObject alert = book.acknowledge(id(body), text(body, "note", false), now);
    return new Done(alert, "alert acknowledged: " + alert.getString("message"),
        List.of(alert.copy().put("state", "acknowledged").put("time", now.toString())));
  }

  /** {@code {id, durationMs (1 s to 30 days), reason}}. */
  static Done silence(AlertBook book, JsonObject body, Instant now) {
    if (body.getValue("durationMs") == null) {
      throw Refusal.badField("durationMs", "is required: how long the silence lasts, in milliseconds");
    }
    long duration = RequestField.whole(body, "durationMs", 0, 1000, MAX_SILENCE_MS);
    String reason = text(body, "reason", true);
    JsonObject silence = book.silence(id(body), duration, reason, now);
    List<JsonObject> events = book.openOf(silence.getString("id")).stream()
        .map(a -> a.put("state", "silenced").put("time", now.toString())).toList();
    return new Done(silence, "alert " + silence.getString("id") + " silenced until " + silence.getString("until")
        + ": " + reason, events);
  }

  private static String id(JsonObject body) {
    return body.getValue("id") instanceof String s ? s : null;
  }

  private static String text(JsonObject body, String field, boolean required) {
    Object value = body.getValue(field);
    if (value == null && !required) {
      return null;
    }
    if (!(value instanceof String s) || s.isBlank() || s.length() > MAX_TEXT) {
      throw Refusal.badField(field, "must be a non-empty string of at most " + MAX_TEXT + " characters");
    }
    return s;
  }
}
