package dev.vigie.web;

import dev.vigie.bus.Failures;
import dev.vigie.bus.Refusal;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;

/**
 * Who may talk to Vigie. A browser's Origin must be the server's own (same host and port as the Host header) or
 * one of {@code http.allowedOrigins}; a client that sends no Origin is not a browser and is served. When a token
 * is configured, changes and live connections must present it. Answers which refusal, if any, a request meets.
 */
final class AccessPolicy {
  private final List<String> allowedOrigins;
  private final byte[] token;

  AccessPolicy(JsonObject http) {
    this.allowedOrigins = http.getJsonArray("allowedOrigins").stream()
        .map(o -> String.valueOf(o).toLowerCase(Locale.ROOT)).toList();
    String t = http.getString("token", "");
    this.token = t.isEmpty() ? null : t.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Why a live connection ({@code /ws}, {@code /eventbus}) is refused, or null when it may connect: the token may
   * come as a bearer header or, for browsers that cannot set headers on a websocket, a {@code token} parameter.
   */
  Refusal liveRefusal(MultiMap headers, String queryToken) {
    if (!originAllowed(headers)) {
      return new Refusal(Failures.FORBIDDEN, "FORBIDDEN_ORIGIN", "origin " + headers.get("Origin") + " may not connect");
    }
    if (!tokenPresented(headers, queryToken)) {
      return new Refusal(401, "UNAUTHORIZED", "present the token as 'Authorization: Bearer' or a 'token' parameter");
    }
    return null;
  }

  /** Why a change (POST, PUT, DELETE) is refused, or null when it may go ahead; the token only as a bearer header. */
  Refusal changeRefusal(MultiMap headers) {
    if (!tokenPresented(headers, null)) {
      return new Refusal(401, "UNAUTHORIZED", "this call changes something: present the token as 'Authorization: Bearer'");
    }
    if (!originAllowed(headers)) {
      return new Refusal(Failures.FORBIDDEN, "FORBIDDEN_ORIGIN", "origin " + headers.get("Origin") + " may not change anything");
    }
    return null;
  }

  /** True when the request carries no Origin, its own, or an allowed one. */
  boolean originAllowed(MultiMap headers) {
    String origin = headers.get("Origin");
    if (origin == null) {
      return true;
    }
    String normalized = origin.toLowerCase(Locale.ROOT);
    if (allowedOrigins.contains(normalized)) {
      return true;
    }
    String host = headers.get("Host");
    if (host == null) {
      return false;
    }
    try {
      URI uri = URI.create(normalized);
      String authority = uri.getPort() == -1 ? uri.getHost() + ":" + defaultPort(uri.getScheme()) : uri.getAuthority();
      String own = host.toLowerCase(Locale.ROOT);
      if (!own.contains(":")) {
        own = own + ":" + defaultPort(uri.getScheme());
      }
      return authority.equals(own);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** True when no token is configured, or when the bearer header or {@code token} parameter matches it. */
  boolean tokenPresented(MultiMap headers, String queryToken) {
    if (token == null) {
      return true;
    }
    String header = headers.get("Authorization");
    String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : queryToken;
    return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
  }

  private static int defaultPort(String scheme) {
    return "https".equals(scheme) || "wss".equals(scheme) ? 443 : 80;
  }
}
