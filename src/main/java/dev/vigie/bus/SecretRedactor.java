package dev.vigie.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from anything that leaves Vigie (report, snapshot, API, live frames, logs). Redaction is by
 * allowlist (docs/security.md, "Secrets"): every header value and every query value is {@value #MASK} unless its
 * name is in {@link #SHOWN_HEADERS} or {@link #SHOWN_QUERY}; user information in URLs always is. Free text also loses
 * bearer/basic credentials and {@code password=...}-style pairs.
 *
 * <p>An instance made {@link #of} the configuration also knows the secrets the configuration holds (the token, the
 * hidden header and query values and user information of every probe, freshness and upstream source, values under
 * secret-looking keys, the path tokens of notification channel URLs) and masks them wherever they turn up, however they got there (an error message quoting a URL,
 * a body echoing a header). Values shorter than {@value #MIN_LITERAL} characters are masked where their structure
 * shows them (a header, a query) but not searched for in free text, where they would mask ordinary words.
 */
public final class SecretRedactor {
  public static final String MASK = "[redacted]";
  /** Header names (lower case) whose values are shown: they describe the exchange, never who makes it. */
  public static final Set<String> SHOWN_HEADERS = Set.of("accept", "accept-charset", "accept-encoding",
      "accept-language", "cache-control", "content-type", "pragma", "user-agent");
  /** Query parameter names (lower case) whose values are shown: what is asked for, never who asks. */
  public static final Set<String> SHOWN_QUERY = Set.of("symbol", "symbols", "interval", "limit", "offset", "page",
      "size", "from", "to", "start", "end", "starttime", "endtime", "since", "until", "sort", "order", "format",
      "fields", "lang", "type", "market", "period", "date");
  static final int MIN_LITERAL = 6;

  /** A key holding one of these (any ASCII case) holds a secret: its value is masked whole. */
  private static final AsciiWords SENSITIVE_KEY = new AsciiWords("token", "passw", "pwd", "secret", "api_key", "api-key",
      "apikey", "authorization", "cookie", "credential", "private_key", "private-key", "privatekey", "session",
      "signature");
  /**
   * Every text the four patterns below can change holds one of these (any ASCII case): a URL's "://" or a word each
   * pattern needs. Text without any is left as it is after one scan: the patterns cost ~4 passes with backtracking,
   * on every string of every section posted from outside. SecretRedactorPrefilterTest holds the list to the patterns.
   */
  private static final AsciiWords PATTERN_WORDS = new AsciiWords("://", "token", "key", "secret", "passw", "pwd", "sig",
      "auth", "credential", "session", "code", "bearer", "basic");
  private static final Pattern URL = Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://[^\\s\"'<>\\\\]+");
  private static final Pattern QUERY_SECRET = Pattern.compile(
      "(?i)([?&;][^=&#\\s\"']*(?:token|key|secret|passw|pwd|signature|sig|auth|credential|session|code)[^=&#\\s\"']*=)[^&#\\s\"']*");
  /** {@code Bearer xyz}, {@code Basic xyz}; {@code token xyz} only when xyz holds a digit ("token bucket" is prose). */
  private static final Pattern SCHEME_CREDENTIAL = Pattern.compile(
      "(?i)\\b(bearer|basic|token(?=\\s+[A-Za-z._~+/=-]*[0-9]))\\s+[A-Za-z0-9._~+/=-]{6,}");
  private static final Pattern PAIR_SECRET = Pattern.compile(
      "(?i)\\b((?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key)\\s*[=:]\\s*)(?!\\[redacted])[^\\s,;&\"'}]+");

  private static final SecretRedactor NONE = new SecretRedactor(List.of());

  /** Known secret values, longest first (so a secret containing another is masked whole). */
  private final List<String> literals;

  private SecretRedactor(List<String> literals) {
    this.literals = literals;
  }

  /** A redactor that also masks every secret {@code config} holds (see the class comment for which). */
  public static SecretRedactor of(JsonObject config) {
    Set<String> found = new LinkedHashSet<>();
    collect(config, found, false);
    // A notification channel's URL carries its token in the path (Slack: /services/T0/B0/XXXX): see docs/notify.md.
    if (config.getValue("notify") instanceof JsonObject notify && notify.getValue("channels") instanceof JsonArray channels) {
      channels.forEach(c -> {
        if (c instanceof JsonObject channel && channel.getValue("url") instanceof String url) {
          found.addAll(pathSecrets(url));
        }
      });
    }
    List<String> list = new ArrayList<>();
    for (String s : found) {
      if (s.length() >= MIN_LITERAL) {
        list.add(s);
      }
    }
    list.sort(Comparator.comparingInt(String::length).reversed());
    return new SecretRedactor(List.copyOf(list));
  }

  /** {@code text} with every known secret and every recognised one masked. */
  public String text(String text) {
    if (text == null) {
      return null;
    }
    String s = text;
    for (String secret : literals) {
      if (s.contains(secret)) {
        s = s.replace(secret, MASK);
      }
    }
    return redactText(s);
  }

  /** A redacted deep copy of {@code json}: structure (headers, URLs, secret keys), then every string as {@link #text}. */
  public JsonObject json(JsonObject json) {
    JsonObject out = new JsonObject();
    for (Map.Entry<String, Object> e : json) {
      out.put(e.getKey(), value(e.getKey(), e.getValue()));
    }
    return out;
  }

  public JsonArray json(JsonArray array) {
    JsonArray out = new JsonArray();
    array.forEach(v -> out.add(value(null, v)));
    return out;
  }

  private Object value(String key, Object v) {
    if (key != null && SENSITIVE_KEY.foundIn(key) && (v instanceof String || v instanceof Number)) {
      return MASK;
    }
    if (key != null && key.equalsIgnoreCase("headers") && v instanceof JsonObject headers) {
      JsonObject out = new JsonObject();
      headers.forEach(h -> out.put(h.getKey(), h.getValue() instanceof String s
          ? (SHOWN_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT)) ? text(s) : MASK) : value(h.getKey(), h.getValue())));
      return out;
    }
    if (v instanceof JsonObject o) {
      return json(o);
    }
    if (v instanceof JsonArray a) {
      return json(a);
    }
    if (v instanceof String s) {
      return text(s);
    }
    return v;
  }

  /** A redacted deep copy of {@code json}, by structure and patterns only (no configured secrets known). */
  public static JsonObject redact(JsonObject json) {
    return NONE.json(json);
  }

  /** Free text with every URL {@linkplain #redactUrl redacted} and every recognised credential masked. */
  public static String redactText(String text) {
    if (text == null || !PATTERN_WORDS.foundIn(text)) {
      return text;
    }
    return byPatterns(text);
  }

  /** {@link #redactText} without the scan that spares ordinary text the patterns. */
  static String byPatterns(String text) {
    Matcher urls = URL.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (urls.find()) {
      urls.appendReplacement(sb, Matcher.quoteReplacement(redactUrl(urls.group())));
    }
    urls.appendTail(sb);
    String s = QUERY_SECRET.matcher(sb.toString()).replaceAll("$1" + escaped());
    s = SCHEME_CREDENTIAL.matcher(s).replaceAll("$1 " + escaped());
    return PAIR_SECRET.matcher(s).replaceAll("$1" + escaped());
  }

  /**
   * A URL without its user information, with the value of every query parameter not in {@link #SHOWN_QUERY} masked,
   * and without its fragment. Text that is not a URL comes back unchanged.
   */
  public static String redactUrl(String url) {
    if (url == null) {
      return null;
    }
    int schemeEnd = url.indexOf("://");
    if (schemeEnd < 0) {
      return url;
    }
    int authorityStart = schemeEnd + 3;
    int authorityEnd = indexOfAny(url, "/?#", authorityStart);
    String authority = url.substring(authorityStart, authorityEnd);
    int at = authority.lastIndexOf('@');
    StringBuilder out = new StringBuilder(url.substring(0, authorityStart));
    out.append(at < 0 ? authority : MASK + authority.substring(at));
    int queryStart = url.indexOf('?', authorityEnd);
    int fragment = url.indexOf('#', authorityEnd);
    int pathEnd = queryStart >= 0 ? queryStart : fragment >= 0 ? fragment : url.length();
    out.append(url, authorityEnd, pathEnd);
    if (queryStart >= 0) {
      String query = url.substring(queryStart + 1, fragment > queryStart ? fragment : url.length());
      out.append('?');
      String[] pairs = query.split("&", -1);
      for (int i = 0; i < pairs.length; i++) {
        if (i > 0) {
          out.append('&');
        }
        int eq = pairs[i].indexOf('=');
        if (eq < 0) {
          out.append(pairs[i]);
        } else {
          String name = pairs[i].substring(0, eq);
          out.append(name).append('=').append(SHOWN_QUERY.contains(decode(name).toLowerCase(Locale.ROOT))
              ? pairs[i].substring(eq + 1) : MASK);
        }
      }
    }
    if (fragment >= 0) {
      out.append('#').append(MASK);
    }
    return out.toString();
  }

  /**
   * The hidden part of a webhook URL's path: what follows its first segment ({@code /services/T0/B0/X} hides
   * {@code T0/B0/X}), or a lone segment that looks like a token (8 characters or more, a digit among them), not
   * one that reads as a word ({@code /alerts}). Empty when nothing is hidden.
   */
  public static String hiddenPath(String path) {
    int start = path.startsWith("/") ? 1 : 0;
    int slash = path.indexOf('/', start);
    if (slash >= 0) {
      return path.substring(slash + 1);
    }
    String only = path.substring(start);
    return only.length() >= 8 && only.chars().anyMatch(Character::isDigit) ? only : "";
  }

  /** The secrets in a webhook URL's path ({@link #hiddenPath}): the hidden part and each of its segments. */
  public static Set<String> pathSecrets(String url) {
    Set<String> found = new LinkedHashSet<>();
    try {
      String path = URI.create(url.trim()).getRawPath();
      String hidden = hiddenPath(path == null ? "" : path);
      if (!hidden.isEmpty()) {
        found.add(hidden);
        found.addAll(List.of(hidden.split("/")));
        found.remove("");
      }
    } catch (IllegalArgumentException e) {
      // Not a URL: the channel's own validation refuses it.
    }
    return found;
  }

  /** Collects the secret values of {@code json}: see the class comment. */
  private static void collect(Object node, Set<String> found, boolean underHeaders) {
    if (node instanceof JsonObject json) {
      for (Map.Entry<String, Object> e : json) {
        Object v = e.getValue();
        boolean sensitive = SENSITIVE_KEY.foundIn(e.getKey());
        if (v instanceof String s && (sensitive || underHeaders && !SHOWN_HEADERS.contains(e.getKey().toLowerCase(Locale.ROOT)))) {
          addValue(s, found);
        } else {
          collect(v, found, e.getKey().equalsIgnoreCase("headers"));
        }
      }
    } else if (node instanceof JsonArray array) {
      array.forEach(v -> collect(v, found, false));
    } else if (node instanceof String s && s.contains("://")) {
      collectUrl(s, found);
    }
  }

  /** A secret value, and the credential alone when it comes after a scheme ({@code Bearer xyz}). */
  private static void addValue(String value, Set<String> found) {
    found.add(value);
    int space = value.indexOf(' ');
    if (space > 0) {
      found.add(value.substring(space + 1).trim());
    }
  }

  private static void collectUrl(String url, Set<String> found) {
    try {
      URI uri = URI.create(url.trim());
      if (uri.getRawUserInfo() != null) {
        String info = uri.getRawUserInfo();
        found.add(info);
        found.add(decode(info));
        for (String part : info.split(":", 2)) {
          found.add(part);
          found.add(decode(part));
        }
      }
      if (uri.getRawQuery() != null) {
        for (String pair : uri.getRawQuery().split("&")) {
          int eq = pair.indexOf('=');
          if (eq > 0 && !SHOWN_QUERY.contains(decode(pair.substring(0, eq)).toLowerCase(Locale.ROOT))) {
            String value = pair.substring(eq + 1);
            found.add(value);
            found.add(decode(value));
          }
        }
      }
    } catch (IllegalArgumentException e) {
      // Not a URL after all (the configuration's own validation says so where it matters): nothing to collect.
    }
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private static int indexOfAny(String s, String chars, int from) {
    for (int i = from; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return s.length();
  }

  private static String escaped() {
    return Matcher.quoteReplacement(MASK);
  }
}
