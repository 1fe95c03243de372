package dev.vigie.bus;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads one field of a request — a JSON body value or a query parameter's text — as the number or flag it is meant
 * to be, checked against its real range; anything else is a {@link Refusal#badField} (400 {@code BAD_PARAMETER}) naming
 * the field. It looks at the raw value: {@code JsonObject.getLong} truncates 1.5 to 1 and Jackson hands 2^64 over as
 * a {@link BigInteger} whose {@code longValue()} is 0, so neither may decide alone.
 */
public final class RequestField {
  /** From 2^53 on a double no longer tells neighbouring whole numbers apart: such a value may not be what was written. */
  private static final double EXACT_DOUBLE = 0x1p53;
  /** Digits only (a sign at most): no blanks, exponents, fractions or hex; the length bounds the parse. */
  private static final Pattern WHOLE_TEXT = Pattern.compile("[-+]?\\d{1,40}");

  private RequestField() {
  }

  /** {@code json[field]} as a whole number in {@code [min, max]}, or {@code absent} when the field is missing or null. */
  public static long whole(JsonObject json, String field, long absent, long min, long max) {
    Object value = json == null ? null : json.getValue(field);
    return value == null ? absent : whole(value, field, min, max);
  }

  /** {@code value} as a whole number in {@code [min, max]}: integers of any size, or a double with no fraction. */
  public static long whole(Object value, String field, long min, long max) {
    BigDecimal exact = exact(value, field);
    if (exact.signum() != 0 && exact.stripTrailingZeros().scale() > 0) {
      throw Refusal.badField(field, "must be a whole number, not " + value);
    }
    if ((value instanceof Double || value instanceof Float) && Math.abs(((Number) value).doubleValue()) >= EXACT_DOUBLE) {
      throw Refusal.badField(field, "must be written as an integer, not " + value + " (a decimal this large is not exact)");
    }
    if (exact.compareTo(BigDecimal.valueOf(min)) < 0 || exact.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw Refusal.badField(field, "must be between " + min + " and " + max + ", not " + plain(exact));
    }
    return exact.longValueExact();
  }

  /** {@code json[field]} as a finite number in {@code [min, max]}, or {@code absent} when missing or null. */
  public static double decimal(JsonObject json, String field, double absent, double min, double max) {
    Object value = json == null ? null : json.getValue(field);
    if (value == null) {
      return absent;
    }
    BigDecimal exact = exact(value, field);
    if (exact.compareTo(BigDecimal.valueOf(min)) < 0 || exact.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw Refusal.badField(field, "must be between " + plain(min) + " and " + plain(max) + ", not " + plain(exact));
    }
    return exact.doubleValue();
  }

  /** {@code json[field]} as a string, or null when missing or null. */
  public static String text(JsonObject json, String field) {
    Object value = json == null ? null : json.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw Refusal.badField(field, "must be a string");
    }
    return (String) value;
  }

  /** {@code json[field]} as a boolean (JSON true or false, not "true" or 1), or {@code absent} when missing or null. */
  public static boolean flag(JsonObject json, String field, boolean absent) {
    Object value = json == null ? null : json.getValue(field);
    if (value == null) {
      return absent;
    }
    if (!(value instanceof Boolean b)) {
      throw Refusal.badField(field, "must be true or false, not " + describe(value));
    }
    return b;
  }

  /** A query parameter's text as a whole number in {@code [min, max]}; {@code absent} when not given. */
  public static long wholeParam(String text, String field, long absent, long min, long max) {
    if (text == null) {
      return absent;
    }
    if (!WHOLE_TEXT.matcher(text).matches()) {
      throw Refusal.badField(field, "must be a whole number, not '" + text + "'");
    }
    return whole(new BigInteger(text), field, min, max);
  }

  /** A query parameter's text as a flag: {@code true} or {@code false}; {@code absent} when not given. */
  public static boolean flagParam(String text, String field, boolean absent) {
    if (text == null) {
      return absent;
    }
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default -> throw Refusal.badField(field, "must be true or false, not '" + text + "'");
    };
  }

  /** The number exactly as the client wrote it (within what the JSON decoder kept); refuses non-numbers and NaN/Infinity. */
  private static BigDecimal exact(Object value, String field) {
    if (value instanceof BigDecimal d) {
      return d;
    }
    if (value instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw Refusal.badField(field, "must be a finite number, not " + value);
      }
      return BigDecimal.valueOf(d);
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    throw Refusal.badField(field, "must be a number, not " + describe(value));
  }

  private static String describe(Object value) {
    return value instanceof String s ? "the string '" + s + "'" : String.valueOf(value);
  }

  private static String plain(BigDecimal d) {
    String text = d.stripTrailingZeros().toPlainString();
    return text.length() > 40 ? d.round(new MathContext(6)).toString() : text;
  }

  private static String plain(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%d", (long) d) : Double.toString(d);
  }
}
