package dev.vigie.notify;

import dev.vigie.bus.SecretRedactor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Redaction for the notify area: what {@link SecretRedactor} masks, plus the secrets of every channel it has seen,
 * above all the tokens in webhook URL paths ({@code https://hooks.slack.com/services/T0/B0/XXXX}), which a URL's
 * structure does not reveal. A channel URL is shown as its origin and first path segment, the rest masked.
 * Secrets of a removed channel stay known, so nothing said about it before can leak them later.
 */
final class ChannelRedactor {
  private static final int MIN_LITERAL = 6;

  private final SecretRedactor base;
  private final Set<String> known = new LinkedHashSet<>();
  private List<String> literals = List.of();

  ChannelRedactor(SecretRedactor base) {
    this.base = base;
  }

  /** Learns the secrets of {@code channel}. */
  void learn(Channel channel) {
    if (channel.url() != null) {
      urlSecrets(channel.url(), known);
    }
    channel.headers().forEach((name, value) -> {
      if (!SecretRedactor.SHOWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        known.add(value);
        int space = value.indexOf(' ');
        if (space > 0) {
          known.add(value.substring(space + 1).trim());
        }
      }
    });
    if (channel.smtp() != null && channel.smtp().password() != null) {
      known.add(channel.smtp().password());
    }
    List<String> list = new ArrayList<>(known.stream().filter(s -> s.length() >= MIN_LITERAL).toList());
    list.sort(Comparator.comparingInt(String::length).reversed());
    literals = List.copyOf(list);
  }

  private static void urlSecrets(String url, Set<String> found) {
    found.addAll(SecretRedactor.pathSecrets(url));
    URI uri = URI.create(url);
    if (uri.getRawUserInfo() != null) {
      found.add(uri.getRawUserInfo());
      found.addAll(List.of(uri.getRawUserInfo().split(":", 2)));
    }
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          found.add(pair.substring(eq + 1));
        }
      }
    }
  }

  /** {@code url} as shown: user information, query values and the path after its first segment masked. */
  static String shownUrl(String url) {
    URI uri = URI.create(url);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String hidden = SecretRedactor.hiddenPath(path);
    String shownPath = hidden.isEmpty() ? path : path.substring(0, path.length() - hidden.length()) + SecretRedactor.MASK;
    String origin = uri.getScheme() + "://" + (uri.getRawUserInfo() == null ? "" : SecretRedactor.MASK + "@")
        + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    return origin + shownPath + (uri.getRawQuery() == null ? "" : "?" + SecretRedactor.MASK);
  }

  /** The channel as the API, the section and the logs show it. */
  JsonObject shown(Channel channel) {
    JsonObject json = channel.toJson();
    if (channel.url() != null) {
      json.put("url", shownUrl(channel.url()));
    }
    if (json.getValue("headers") instanceof JsonObject headers) {
      JsonObject masked = new JsonObject();
      headers.forEach(e -> masked.put(e.getKey(),
          SecretRedactor.SHOWN_HEADERS.contains(e.getKey().toLowerCase(Locale.ROOT)) ? e.getValue() : SecretRedactor.MASK));
      json.put("headers", masked);
    }
    if (json.containsKey("password")) {
      json.put("password", SecretRedactor.MASK);
    }
    return json;
  }

  /** Free text with every known channel secret and every recognised one masked. */
  String text(String text) {
    if (text == null) {
      return null;
    }
    String s = text;
    for (String secret : literals) {
      s = s.replace(secret, SecretRedactor.MASK);
    }
    return base.text(s);
  }

  /** A redacted deep copy of {@code json}. */
  JsonObject json(JsonObject json) {
    JsonObject out = new JsonObject();
    for (Map.Entry<String, Object> e : base.json(json)) {
      out.put(e.getKey(), value(e.getValue()));
    }
    return out;
  }

  private Object value(Object v) {
    if (v instanceof JsonObject o) {
      return json(o);
    }
    if (v instanceof JsonArray a) {
      JsonArray out = new JsonArray();
      a.forEach(x -> out.add(value(x)));
      return out;
    }
    return v instanceof String s ? text(s) : v;
  }
}
