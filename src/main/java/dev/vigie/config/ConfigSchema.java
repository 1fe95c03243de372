package dev.vigie.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The built-in defaults double as the schema: a key the defaults do not have is unknown, and a value must have
 * the JSON type of its default. Arrays are checked as arrays; their entries are checked by the area that reads
 * them, when it starts.
 */
final class ConfigSchema {
  private ConfigSchema() {
  }

  static void validate(JsonObject defaults, JsonObject given, String origin) {
    validate(defaults, given, origin, "");
  }

  private static void validate(JsonObject defaults, JsonObject given, String origin, String path) {
    for (Map.Entry<String, Object> e : given) {
      String key = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      if (!defaults.containsKey(e.getKey())) {
        throw new ConfigException(origin + ": unknown key '" + key + "'");
      }
      Object expected = defaults.getValue(e.getKey());
      Object actual = e.getValue();
      if (!sameType(expected, actual)) {
        throw new ConfigException(origin + ": '" + key + "' must be " + typeName(expected) + ", not " + typeName(actual));
      }
      if (expected instanceof JsonObject d) {
        validate(d, (JsonObject) actual, origin, key);
      }
    }
  }

  private static boolean sameType(Object expected, Object actual) {
    if (expected instanceof Number && actual instanceof Number) {
      boolean wantsInteger = !(expected instanceof Double || expected instanceof Float);
      return !wantsInteger || isWhole((Number) actual);
    }
    return expected != null && actual != null && jsonKind(expected).equals(jsonKind(actual));
  }

  private static boolean isWhole(Number n) {
    return !(n instanceof Double || n instanceof Float) || n.doubleValue() == Math.rint(n.doubleValue());
  }

  private static String jsonKind(Object o) {
    if (o instanceof JsonObject) {
      return "object";
    }
    if (o instanceof JsonArray) {
      return "array";
    }
    if (o instanceof Boolean) {
      return "boolean";
    }
    if (o instanceof Number) {
      return "number";
    }
    if (o instanceof String) {
      return "string";
    }
    return "null";
  }

  private static String typeName(Object o) {
    if (o instanceof Number n) {
      return isWhole(n) && !(n instanceof Double || n instanceof Float) ? "a whole number" : "a number";
    }
    String kind = jsonKind(o);
    return kind.equals("null") ? "null" : (kind.startsWith("a") || kind.startsWith("o") ? "an " : "a ") + kind;
  }
}
