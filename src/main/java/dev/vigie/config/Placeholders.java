package dev.vigie.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Addresses known only once a server has bound (the demo's mirror and sample backend listen on free ports), named
 * in configuration strings as {@code {demo.mirror}} or {@code {demo.backend}} and filled in by the launcher.
 */
public final class Placeholders {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{demo\\.[A-Za-z]+}");

  private Placeholders() {
  }

  /**
   * A copy of {@code config} with every placeholder in {@code values} replaced in every string; a placeholder that
   * nothing provides is a {@link ConfigException} naming the key that holds it.
   */
  public static JsonObject resolve(JsonObject config, Map<String, String> values) {
    return (JsonObject) resolve(config.copy(), values, "");
  }

  private static Object resolve(Object value, Map<String, String> values, String key) {
    if (value instanceof JsonObject object) {
      for (String name : object.fieldNames()) {
        object.put(name, resolve(object.getValue(name), values, key.isEmpty() ? name : key + "." + name));
      }
      return object;
    }
    if (value instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, resolve(array.getValue(i), values, key + "[" + i + "]"));
      }
      return array;
    }
    if (value instanceof String text && text.indexOf('{') >= 0) {
      Matcher m = PLACEHOLDER.matcher(text);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String known = values.get(m.group());
        if (known == null) {
          throw new ConfigException("'" + key + "' names " + m.group() + ", which only the demo provides: set "
              + m.group().substring(1, m.group().length() - 1) + ".enabled and demo.enabled to true");
        }
        m.appendReplacement(out, Matcher.quoteReplacement(known));
      }
      m.appendTail(out);
      return out.toString();
    }
    return value;
  }
}
