package dev.vigie.stress;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which targets a stress run may hit: the configured probe endpoints (exactly those URLs) and loopback addresses.
 * Names other than {@code localhost} are never resolved to decide: a DNS answer could point anywhere.
 */
public final class Allowlist {
  private final List<String> endpoints;

  public Allowlist(List<String> probeEndpoints) {
    this.endpoints = probeEndpoints.stream().map(Allowlist::normalize).toList();
  }

  /** Empty when {@code target} may be stressed, else the reason it may not. */
  public Optional<String> refusal(URI target) {
    if (isLoopback(target.getHost())) {
      return Optional.empty();
    }
    if (endpoints.contains(normalize(target.toString()))) {
      return Optional.empty();
    }
    return Optional.of(target.getHost() + " is not a loopback address and " + target
        + " is not a configured probe endpoint (probe.endpoints[].url)");
  }

  /** True for {@code localhost}, 127.0.0.0/8 and ::1 written as literals. */
  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
        || h.matches("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
  }

  /** Scheme and host in lower case, the default port spelled out, an empty path as "/". */
  static String normalize(String url) {
    try {
      URI u = URI.create(url.trim());
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      int port = u.getPort() != -1 ? u.getPort() : "https".equals(scheme) ? 443 : 80;
      String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
      String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
      return scheme + "://" + String.valueOf(u.getHost()).toLowerCase(Locale.ROOT) + ":" + port + path + query;
    } catch (IllegalArgumentException e) {
      return url;
    }
  }
}
