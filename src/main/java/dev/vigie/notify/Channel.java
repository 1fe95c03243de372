package dev.vigie.notify;

import dev.vigie.bus.Refusal;
import dev.vigie.bus.SecretRedactor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One notification channel as configured ({@code notify.channels[]} or the API): where alerts go and how. HTTP
 * channels ({@code webhook}, {@code slack}, {@code alertmanager}) take {@code url} and optional {@code headers};
 * {@code email} takes an SMTP server and the addresses. Every channel takes {@code enabled} and
 * {@code minSeverity} ({@code warning}: every alert; {@code critical}: critical ones only).
 */
record Channel(String id, Type type, boolean enabled, String minSeverity, String url, Map<String, String> headers,
               Smtp smtp) {

  enum Type {
    WEBHOOK, SLACK, ALERTMANAGER, EMAIL;

    String wire() {
      return name().toLowerCase();
    }

    boolean http() {
      return this != EMAIL;
    }
  }

  /** The SMTP side of an e-mail channel; {@code starttls} is disabled, optional or required. */
  record Smtp(String host, int port, String starttls, boolean ssl, String username, String password, String from,
              List<String> to) {
  }

  private static final Set<String> COMMON = Set.of("id", "type", "enabled", "minSeverity");
  private static final Set<String> HTTP = Set.of("url", "headers");
  private static final Set<String> EMAIL = Set.of("host", "port", "starttls", "ssl", "username", "password", "from",
      "to");
  private static final int MAX_RECIPIENTS = 20;

  /** Reads and validates a channel; throws a 400 {@link Refusal} naming the field. */
  static Channel fromJson(JsonObject json) {
    Object idValue = json.getValue("id");
    if (!(idValue instanceof String id) || !id.matches("[a-zA-Z0-9_.-]{1,64}")) {
      throw Refusal.badField("id", "must be 1-64 characters of [a-zA-Z0-9_.-]");
    }
    Type type;
    try {
      type = Type.valueOf(String.valueOf(json.getValue("type")).toUpperCase());
    } catch (IllegalArgumentException e) {
      throw Refusal.badField("type", "must be webhook, slack, alertmanager or email");
    }
    for (String key : json.fieldNames()) {
      if (!COMMON.contains(key) && !(type.http() ? HTTP : EMAIL).contains(key)) {
        throw Refusal.badField(key, "is not a setting of a " + type.wire() + " channel");
      }
    }
    if (!(json.getValue("enabled", true) instanceof Boolean enabled)) {
      throw Refusal.badField("enabled", "must be true or false");
    }
    Object severity = json.getValue("minSeverity", "warning");
    if (!"warning".equals(severity) && !"critical".equals(severity)) {
      throw Refusal.badField("minSeverity", "must be warning or critical");
    }
    if (type.http()) {
      return new Channel(id, type, enabled, (String) severity, url(json), headers(json), null);
    }
    return new Channel(id, type, enabled, (String) severity, null, Map.of(), smtp(json));
  }

  private static String url(JsonObject json) {
    if (!(json.getValue("url") instanceof String text) || text.isBlank()) {
      throw Refusal.badField("url", "is required: the http(s) URL to post to");
    }
    try {
      URI uri = URI.create(text.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        throw Refusal.badField("url", "must be an absolute http(s) URL with a host");
      }
      return text.trim();
    } catch (IllegalArgumentException e) {
      throw Refusal.badField("url", "is not a URL");
    }
  }

  private static Map<String, String> headers(JsonObject json) {
    Object value = json.getValue("headers", new JsonObject());
    if (!(value instanceof JsonObject object)) {
      throw Refusal.badField("headers", "must be an object of header names to string values");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : object) {
      if (!(e.getValue() instanceof String s) || !e.getKey().matches("[A-Za-z0-9-]{1,64}")) {
        throw Refusal.badField("headers." + e.getKey(), "must be a header name with a string value");
      }
      headers.put(e.getKey(), s);
    }
    return Map.copyOf(headers);
  }

  private static Smtp smtp(JsonObject json) {
    String host = text(json, "host", true);
    Object port = json.getValue("port", 25);
    if (!(port instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() < 1
        || n.intValue() > 65535) {
      throw Refusal.badField("port", "must be a port number from 1 to 65535");
    }
    Object starttls = json.getValue("starttls", "optional");
    if (!List.of("disabled", "optional", "required").contains(starttls)) {
      throw Refusal.badField("starttls", "must be disabled, optional or required");
    }
    if (!(json.getValue("ssl", false) instanceof Boolean ssl)) {
      throw Refusal.badField("ssl", "must be true or false");
    }
    String username = text(json, "username", false);
    String password = text(json, "password", false);
    String from = address(json.getValue("from"), "from");
    if (!(json.getValue("to") instanceof JsonArray list) || list.isEmpty() || list.size() > MAX_RECIPIENTS) {
      throw Refusal.badField("to", "must be a list of 1 to " + MAX_RECIPIENTS + " e-mail addresses");
    }
    List<String> to = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      to.add(address(list.getValue(i), "to[" + i + "]"));
    }
    return new Smtp(host, n.intValue(), (String) starttls, ssl, username, password, from, List.copyOf(to));
  }

  private static String text(JsonObject json, String field, boolean required) {
    Object value = json.getValue(field);
    if (value == null && !required) {
      return null;
    }
    if (!(value instanceof String s) || s.isBlank()) {
      throw Refusal.badField(field, "must be a non-empty string");
    }
    return s;
  }

  private static String address(Object value, String field) {
    if (!(value instanceof String s) || !s.matches("[^@\\s<>]+@[^@\\s<>]+")) {
      throw Refusal.badField(field, "must be an e-mail address (name@host)");
    }
    return s;
  }

  /**
   * {@code changed} read as a replacement of this channel: a secret sent back masked (as {@code GET} showed it)
   * keeps its current value, so a client can edit a channel it may not read in full.
   */
  JsonObject keepingSecrets(JsonObject changed) {
    JsonObject json = changed.copy();
    if (json.getValue("url") instanceof String u && u.contains(SecretRedactor.MASK) && url != null) {
      json.put("url", url);
    }
    if (json.getValue("password") instanceof String p && p.equals(SecretRedactor.MASK) && smtp != null) {
      json.put("password", smtp.password());
    }
    if (json.getValue("headers") instanceof JsonObject h) {
      JsonObject kept = h.copy();
      h.forEach(e -> {
        if (SecretRedactor.MASK.equals(e.getValue()) && headers.containsKey(e.getKey())) {
          kept.put(e.getKey(), headers.get(e.getKey()));
        }
      });
      json.put("headers", kept);
    }
    return json;
  }

  /** The channel as configured, secrets included: only for this area's own use. */
  JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id).put("type", type.wire()).put("enabled", enabled)
        .put("minSeverity", minSeverity);
    if (type.http()) {
      JsonObject h = new JsonObject();
      headers.forEach(h::put);
      return json.put("url", url).put("headers", h);
    }
    json.put("host", smtp.host()).put("port", smtp.port()).put("starttls", smtp.starttls()).put("ssl", smtp.ssl())
        .put("from", smtp.from()).put("to", new JsonArray(smtp.to()));
    if (smtp.username() != null) {
      json.put("username", smtp.username());
    }
    if (smtp.password() != null) {
      json.put("password", smtp.password());
    }
    return json;
  }

  /** Whether an alert of {@code severity} goes to this channel. */
  boolean wants(String severity) {
    return enabled && (minSeverity.equals("warning") || "critical".equals(severity));
  }
}
