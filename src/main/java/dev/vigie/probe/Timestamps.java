package dev.vigie.probe;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads a timestamp as sources write them: epoch seconds, milliseconds or microseconds (told apart by size), as a
 * number or a numeric string, or ISO-8601 with or without an offset (no offset means UTC).
 */
final class Timestamps {
  private Timestamps() {
  }

  static Instant parse(Object value) {
    if (value instanceof Number n) {
      return fromEpoch(n.doubleValue());
    }
    if (value instanceof String s) {
      String text = s.trim();
      if (text.matches("-?\\d+(\\.\\d+)?")) {
        return fromEpoch(Double.parseDouble(text));
      }
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException ignored) {
        // no offset: try local date-time below
      }
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("'" + text + "' is neither epoch time nor ISO-8601");
      }
    }
    throw new IllegalArgumentException("expected a timestamp, found " + (value == null ? "nothing" : value.getClass().getSimpleName()));
  }

  private static Instant fromEpoch(double v) {
    if (v >= 1e14) {
      return Instant.ofEpochMilli((long) (v / 1000));
    }
    if (v >= 1e11) {
      return Instant.ofEpochMilli((long) v);
    }
    return Instant.ofEpochMilli((long) (v * 1000));
  }
}
