package dev.vigie.store;

import dev.vigie.bus.Refusal;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A validated history question: one monitor, {@code [from, to)} in epoch milliseconds, cut into {@code step}-long
 * points. Times are epoch milliseconds or ISO-8601 instants; a step is milliseconds or a number with {@code s},
 * {@code m}, {@code h} or {@code d}. Defaults: the last 24 hours, in steps that make at most 288 points (at least a
 * minute). {@code from} moves back to a whole hour (minute) when the step is whole hours (minutes). A bad value is
 * a 400 naming its field.
 */
record HistoryRequest(String monitor, long from, long to, long step) {
  static final long DEFAULT_RANGE_MS = 24 * Rollups.HOUR;
  private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)?");

  static HistoryRequest from(JsonObject body, long now, int maxPoints) {
    Object id = body.getValue("monitor");
    if (!(id instanceof String monitor) || monitor.isBlank() || monitor.length() > 200) {
      throw Refusal.badField("monitor", "must name a monitor (1 to 200 characters)");
    }
    long to = time(body.getValue("to"), "to", now);
    long from = time(body.getValue("from"), "from", to - DEFAULT_RANGE_MS);
    if (from >= to) {
      throw Refusal.badField("from", "must be before to");
    }
    long step = body.getValue("step") == null ? defaultStep(to - from) : duration(body.getValue("step"), "step");
    if (step < 1000) {
      throw Refusal.badField("step", "must be at least 1 s");
    }
    // Buckets start on whole hours or minutes when the step is made of them, so rollups fall inside one bucket.
    from = step % Rollups.HOUR == 0 ? Rollups.floor(from, Rollups.HOUR)
        : step % Rollups.MINUTE == 0 ? Rollups.floor(from, Rollups.MINUTE) : from;
    long points = (to - from + step - 1) / step;
    if (points > maxPoints) {
      throw Refusal.badField("step", "makes " + points + " points; at most " + maxPoints + " (store.maxPoints)");
    }
    return new HistoryRequest(monitor, from, to, step);
  }

  int points() {
    return (int) ((to - from + step - 1) / step);
  }

  private static long defaultStep(long range) {
    long perPoint = (range + 287) / 288;
    return Math.max(Rollups.MINUTE, (perPoint + Rollups.MINUTE - 1) / Rollups.MINUTE * Rollups.MINUTE);
  }

  static long time(Object value, String field, long otherwise) {
    if (value == null || value instanceof String s && s.isBlank()) {
      return otherwise;
    }
    if (value instanceof Number n) {
      return n.longValue();
    }
    String text = value.toString().trim();
    if (text.matches("-?\\d{1,15}")) {
      return Long.parseLong(text);
    }
    try {
      return Instant.parse(text).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw Refusal.badField(field, "must be epoch milliseconds or an ISO-8601 instant such as 2026-12-01T10:00:00Z");
    }
  }

  static long duration(Object value, String field) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    Matcher m = DURATION.matcher(value.toString().trim());
    if (!m.matches()) {
      throw Refusal.badField(field, "must be milliseconds or a number with s, m, h or d (e.g. 5m)");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2);
    return switch (unit) {
      case "s" -> n * 1000;
      case "m" -> n * Rollups.MINUTE;
      case "h" -> n * Rollups.HOUR;
      case "d" -> n * StoreSettings.DAY_MS;
      default -> n;
    };
  }
}
