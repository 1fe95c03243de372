package dev.vigie.probe;

import dev.vigie.bus.Refusal;
import dev.vigie.bus.RequestField;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.pointer.JsonPointer;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads typed fields of one configuration entry, naming the full key (e.g. {@code probe.endpoints[2].url}) on error. */
final class ConfigReader {
  private final JsonObject json;
  private final String key;

  ConfigReader(JsonObject json, String key) {
    this.json = json;
    this.key = key;
  }

  String key() {
    return key;
  }

  String string(String field) {
    Object v = json.getValue(field);
    if (!(v instanceof String s) || s.isBlank()) {
      throw BadEntry.of(key, field, "must be a non-empty string");
    }
    return s;
  }

  String optionalString(String field) {
    Object v = json.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s) || s.isBlank()) {
      throw BadEntry.of(key, field, "must be a non-empty string when given");
    }
    return s;
  }

  long positive(String field, long fallback) {
    try {
      return RequestField.whole(json, field, fallback, 1, Long.MAX_VALUE);
    } catch (Refusal e) {
      throw new BadEntry(key + "." + e.getMessage(), field, e.getMessage().substring(field.length() + 2));
    }
  }

  URI httpUrl(String field) {
    String text = string(field);
    try {
      URI uri = URI.create(text);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new IllegalArgumentException("not http(s)");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw BadEntry.of(key, field, "must be an absolute http or https URL");
    }
  }

  JsonPointer pointer(String field) {
    String text = optionalString(field);
    if (text == null) {
      return null;
    }
    try {
      return JsonPointer.from(text);
    } catch (IllegalArgumentException e) {
      throw BadEntry.of(key, field, "must be a JSON pointer such as /data/updated_at");
    }
  }

  Map<String, String> headers() {
    Object v = json.getValue("headers");
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof JsonObject h)) {
      throw BadEntry.of(key, "headers", "must be an object of strings");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : h) {
      if (!(e.getValue() instanceof String s)) {
        throw new BadEntry(key + ".headers." + e.getKey() + " must be a string", "headers",
            "." + e.getKey() + " must be a string");
      }
      map.put(e.getKey(), s);
    }
    return Map.copyOf(map);
  }

  void onlyKnown(java.util.Set<String> fields) {
    for (String name : json.fieldNames()) {
      if (!fields.contains(name)) {
        String known = String.join(", ", new java.util.TreeSet<>(fields));
        throw new BadEntry(key + ": unknown key '" + name + "' (known: " + known + ")", name,
            "is not a field of this kind of monitor (known: " + known + ")");
      }
    }
  }
}
