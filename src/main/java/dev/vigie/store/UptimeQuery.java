package dev.vigie.store;

import dev.vigie.bus.Refusal;
import dev.vigie.bus.RequestField;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * Which uptime windows a question asks for ({@code vigie.store.uptime}, {@code GET /api/history/uptime}): the one
 * monitor named, or one page of the monitors with history in id order, those whose id holds {@code q} when given.
 * Paged because the answer for ten thousand monitors is megabytes of JSON, more than a page or a report should read
 * at once.
 */
record UptimeQuery(String monitor, int limit, int offset, String text) {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  static final int MAX_OFFSET = 1_000_000;
  static final int MAX_TEXT = 200;

  /**
   * Reads {@code {monitor?, limit?, offset?, q?}}, numbers as JSON numbers or as the text of a query parameter;
   * refuses a bad one naming its field.
   */
  static UptimeQuery from(JsonObject json) {
    JsonObject body = json == null ? new JsonObject() : json;
    String monitor = RequestField.text(body, "monitor");
    int limit = (int) number(body, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    int offset = (int) number(body, "offset", 0, 0, MAX_OFFSET);
    String q = RequestField.text(body, "q");
    if (q != null && q.length() > MAX_TEXT) {
      throw Refusal.badField("q", "must be at most " + MAX_TEXT + " characters");
    }
    return new UptimeQuery(monitor == null || monitor.isBlank() ? null : monitor, limit, offset,
        q == null || q.isBlank() ? null : q.toLowerCase(Locale.ROOT));
  }

  private static long number(JsonObject body, String field, long absent, long min, long max) {
    return body.getValue(field) instanceof String text
        ? RequestField.wholeParam(text.trim(), field, absent, min, max)
        : RequestField.whole(body, field, absent, min, max);
  }

  /** Whether a monitor with history is one this question is about (before the page is cut). */
  boolean matches(String id) {
    return (monitor == null || monitor.equals(id)) && (text == null || id.toLowerCase(Locale.ROOT).contains(text));
  }
}
