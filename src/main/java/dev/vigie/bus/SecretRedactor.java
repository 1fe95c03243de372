package dev.vigie.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Removes secrets from anything that leaves Vigie (the exported report, probe URLs on the page): values of
 * sensitive keys and headers, credentials in URLs ({@code user:pass@}), sensitive query parameters, bearer/basic
 * credentials and {@code password=...}-style pairs in free text. Redacted values read {@value #MASK}.
 */
public final class SecretRedactor {
  public static final String MASK = "[redacted]";

  private static final Pattern SENSITIVE_KEY = Pattern.compile(
      "(?i).*(token|passw|pwd|secret|api[_-]?key|apikey|authorization|cookie|credential|private[_-]?key|session|signature).*");
  private static final Pattern URL_USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s\"']+@");
  private static final Pattern QUERY_SECRET = Pattern.compile(
      "(?i)([?&;][^=&#\\s\"']*(?:token|key|secret|passw|pwd|signature|sig|auth|credential|session)[^=&#\\s\"']*=)[^&#\\s\"']*");
  private static final Pattern SCHEME_CREDENTIAL = Pattern.compile("(?i)\\b(bearer|basic|token)\\s+[A-Za-z0-9._~+/=-]{6,}");
  private static final Pattern PAIR_SECRET = Pattern.compile(
      "(?i)\\b((?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key)\\s*[=:]\\s*)(?!\\[redacted])[^\\s,;&\"'}]+");

  private SecretRedactor() {
  }

  /** A redacted deep copy of {@code json}. */
  public static JsonObject redact(JsonObject json) {
    JsonObject out = new JsonObject();
    for (Map.Entry<String, Object> e : json) {
      Object v = e.getValue();
      if (SENSITIVE_KEY.matcher(e.getKey()).matches() && (v instanceof String || v instanceof Number)) {
        out.put(e.getKey(), MASK);
      } else {
        out.put(e.getKey(), redactValue(v));
      }
    }
    return out;
  }

  public static JsonArray redact(JsonArray array) {
    JsonArray out = new JsonArray();
    array.forEach(v -> out.add(redactValue(v)));
    return out;
  }

  /** Free text with every recognised secret masked. */
  public static String redactText(String text) {
    if (text == null) {
      return null;
    }
    String s = URL_USERINFO.matcher(text).replaceAll("$1" + escaped() + "@");
    s = QUERY_SECRET.matcher(s).replaceAll("$1" + escaped());
    s = SCHEME_CREDENTIAL.matcher(s).replaceAll("$1 " + escaped());
    return PAIR_SECRET.matcher(s).replaceAll("$1" + escaped());
  }

  /** A URL without its user information or sensitive query parameters. */
  public static String redactUrl(String url) {
    return redactText(url);
  }

  private static Object redactValue(Object v) {
    if (v instanceof JsonObject o) {
      return redact(o);
    }
    if (v instanceof JsonArray a) {
      return redact(a);
    }
    if (v instanceof String s) {
      return redactText(s);
    }
    return v;
  }

  private static String escaped() {
    return java.util.regex.Matcher.quoteReplacement(MASK);
  }
}
