package dev.vigie.web;

import dev.vigie.bus.Failures;
import dev.vigie.bus.Refusal;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * Who may talk to Vigie (docs/security.md, "Who may talk to Vigie"). Three checks, in this order:
 * <ol>
 *   <li><b>Host</b> (against DNS rebinding): bound to loopback, or with {@code http.allowedHosts} set, the
 *   {@code Host} header must name a loopback name or address, or an allowed host, on the bound port.</li>
 *   <li><b>Origin</b>: a browser's Origin must be one of the server's own origins (scheme {@code http}, an accepted
 *   host, the bound port) or one of {@code http.allowedOrigins}, compared by scheme, host and port; a client that
 *   sends no Origin is not a browser.</li>
 *   <li><b>Token</b>: when {@code http.token} is set, everything under {@code /api}, {@code /ws}, {@code /eventbus}
 *   and {@code /metrics} (unless {@code http.metricsPublic}) needs it. Changes present it only as
 *   {@code Authorization: Bearer}; reads and live connections may also use a {@code token} query parameter, for
 *   browser websockets and download links that cannot set headers.</li>
 * </ol>
 */
final class AccessPolicy {
  private final List<String> allowedOrigins;
  private final List<String> allowedHosts;
  private final boolean checkHost;
  private final byte[] token;
  private final boolean metricsPublic;
  private final IntSupplier port;

  /** @param port the bound port (known once listening: the configured port may be 0) */
  AccessPolicy(JsonObject http, IntSupplier port) {
    this.allowedOrigins = http.getJsonArray("allowedOrigins", new JsonArray()).stream()
        .map(o -> normalizeOrigin(String.valueOf(o))).toList();
    this.allowedHosts = http.getJsonArray("allowedHosts", new JsonArray()).stream()
        .map(h -> String.valueOf(h).toLowerCase(Locale.ROOT)).toList();
    this.checkHost = isLoopbackName(http.getString("host")) || !allowedHosts.isEmpty();
    String t = http.getString("token", "");
    this.token = t.isEmpty() ? null : t.getBytes(StandardCharsets.UTF_8);
    this.metricsPublic = http.getBoolean("metricsPublic", false);
    this.port = port;
  }

  /** True when {@code /metrics} needs the token (one is set and {@code http.metricsPublic} is false). */
  boolean metricsGuarded() {
    return token != null && !metricsPublic;
  }

  /** Why a request with this {@code Host} header is refused (403 {@code FORBIDDEN_HOST}), or null. */
  Refusal hostRefusal(String host) {
    if (!checkHost || hostAccepted(host)) {
      return null;
    }
    return new Refusal(Failures.FORBIDDEN, "FORBIDDEN_HOST", "Host " + (host == null ? "(none)" : "'" + host + "'")
        + " is not this server: use a loopback address or a name in http.allowedHosts, on port " + port.getAsInt());
  }

  /**
   * Why a request to a guarded place ({@code /api}, {@code /ws}, {@code /eventbus}, {@code /metrics}) is refused,
   * or null when it may go ahead.
   *
   * @param queryToken the {@code token} query parameter; accepted for reads and live connections only
   */
  Refusal refusal(HttpMethod method, MultiMap headers, String queryToken) {
    if (!originAllowed(headers)) {
      return new Refusal(Failures.FORBIDDEN, "FORBIDDEN_ORIGIN", "origin " + headers.get("Origin") + " may not talk to Vigie");
    }
    boolean changes = !(method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS);
    if (!tokenPresented(headers, changes ? null : queryToken)) {
      return new Refusal(401, "UNAUTHORIZED", changes
          ? "this call changes something: present the token as 'Authorization: Bearer'"
          : "present the token as 'Authorization: Bearer' or a 'token' parameter");
    }
    return null;
  }

  /** Why a live connection ({@code /ws}, {@code /eventbus}) is refused, or null: as a read. */
  Refusal liveRefusal(MultiMap headers, String queryToken) {
    return refusal(HttpMethod.GET, headers, queryToken);
  }

  /** True when the request carries no Origin, one of the server's own, or an allowed one. */
  private boolean originAllowed(MultiMap headers) {
    String origin = headers.get("Origin");
    if (origin == null) {
      return true;
    }
    String normalized = normalizeOrigin(origin);
    if (normalized == null) {
      return false;
    }
    if (allowedOrigins.contains(normalized)) {
      return true;
    }
    URI uri = URI.create(normalized);
    if (!"http".equals(uri.getScheme()) || uri.getPort() != port.getAsInt()) {
      return false;
    }
    if (checkHost) {
      return isLoopbackName(uri.getHost()) || allowedHosts.contains(uri.getHost());
    }
    // Bound beyond loopback without http.allowedHosts: the server does not know its public names, so the page's
    // own origin is the Host it was reached by (scheme and port still checked); the token guards the rest.
    String host = headers.get("Host");
    return host != null && (hostOf(host) + ":" + portOf(host)).equals(uri.getHost() + ":" + uri.getPort());
  }

  /** True when no token is configured, or when the bearer header or {@code token} parameter matches it. */
  private boolean tokenPresented(MultiMap headers, String queryToken) {
    if (token == null) {
      return true;
    }
    String header = headers.get("Authorization");
    String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : queryToken;
    return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
  }

  private boolean hostAccepted(String host) {
    if (host == null || host.isEmpty()) {
      return false;
    }
    String name = hostOf(host);
    int p = portOf(host);
    return p == port.getAsInt() && (isLoopbackName(name) || allowedHosts.contains(name));
  }

  /** {@code localhost} or a literal loopback address (127.0.0.0/8, ::1); names other than localhost never resolve here. */
  static boolean isLoopbackName(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost") || h.equals("localhost.") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    String[] parts = h.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals("127")) {
      return false;
    }
    for (String part : parts) {
      if (!part.matches("\\d{1,3}") || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  /** The host part of a Host header, lower case, IPv6 brackets kept. */
  private static String hostOf(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(0, end + 1);
    }
    int colon = h.lastIndexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }

  /** The port of a Host header: 80 when absent (the server speaks plain HTTP), -1 when unreadable. */
  private static int portOf(String host) {
    String h = host.trim();
    int end = h.startsWith("[") ? h.indexOf(']') + 1 : 0;
    int colon = h.indexOf(':', end);
    if (colon < 0) {
      return 80;
    }
    try {
      return Integer.parseInt(h.substring(colon + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** {@code scheme://host:port} in lower case with the default port made explicit, or null when it is not one. */
  private static String normalizeOrigin(String origin) {
    try {
      URI uri = URI.create(origin.trim().toLowerCase(Locale.ROOT));
      String scheme = uri.getScheme();
      if (scheme == null || uri.getHost() == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()
          && !uri.getRawPath().equals("/")) {
        return null;
      }
      int p = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") || scheme.equals("wss") ? 443 : 80;
      return scheme + "://" + uri.getHost() + ":" + p;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
