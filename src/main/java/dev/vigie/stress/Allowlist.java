package dev.vigie.stress;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which targets a stress run may hit, all of them configured: the probe endpoints (exactly those URLs) and the
 * {@code host:port} pairs of {@code stress.allowedTargets} (any path; {@code host:*} for
 * every port of that host). A loopback target is allowed on the port of any configured loopback target, whichever
 * loopback name or address it is written with (127.0.0.0/8, ::1 and {@code localhost} are one machine); any other
 * local port stays closed, so a run cannot probe the services of the machine Vigie runs on. Names other than
 * {@code localhost} are never resolved to decide: a DNS answer could point anywhere.
 */
public final class Allowlist {
  private static final int ANY_PORT = -1;

  private final List<String> endpoints;
  private final List<HostPort> pairs;
  /** Ports open on loopback, from every configured loopback target; ANY_PORT when a pair says {@code loopback:*}. */
  private final Set<Integer> loopbackPorts = new TreeSet<>();

  /**
   * @param urls exact target URLs (the probe endpoints)
   * @param hostPorts {@code host:port} or {@code host:*} entries; throws IllegalArgumentException naming a bad one
   */
  public Allowlist(List<String> urls, List<String> hostPorts) {
    this.endpoints = urls.stream().map(Allowlist::normalize).toList();
    List<HostPort> parsed = new ArrayList<>();
    for (String entry : hostPorts) {
      parsed.add(HostPort.parse(entry));
    }
    this.pairs = List.copyOf(parsed);
    for (String url : urls) {
      try {
        URI u = URI.create(url.trim());
        if (isLoopback(u.getHost())) {
          loopbackPorts.add(portOf(u));
        }
      } catch (IllegalArgumentException ignored) {
        // not a URL: it matches nothing, and its area reports it
      }
    }
    pairs.stream().filter(p -> isLoopback(p.host)).forEach(p -> loopbackPorts.add(p.port));
  }

  /** The probe endpoints and {@code stress.allowedTargets}; {@code stress.defaultTarget} must be one of them. */
  public static Allowlist of(StressSettings settings) {
    return new Allowlist(settings.probeEndpoints(), settings.allowedTargets());
  }

  /** Empty when {@code target} may be stressed, else the reason it may not, naming the target. */
  public Optional<String> refusal(URI target) {
    String host = bare(target.getHost());
    int port = portOf(target);
    if (endpoints.contains(normalize(target.toString()))
        || pairs.stream().anyMatch(p -> p.host.equals(host) && (p.port == ANY_PORT || p.port == port))) {
      return Optional.empty();
    }
    if (isLoopback(host)) {
      if (loopbackPorts.contains(ANY_PORT) || loopbackPorts.contains(port)) {
        return Optional.empty();
      }
      return Optional.of(target + ": port " + port + " of this machine is not a configured target (loopback ports "
          + "allowed: " + (loopbackPorts.isEmpty() ? "none" : loopbackPorts) + "; add \"" + host + ":" + port
          + "\" to stress.allowedTargets)");
    }
    return Optional.of(target + " is not a configured target (a probe.endpoints[].url, or a host:port of "
        + "stress.allowedTargets)");
  }

  /** True for {@code localhost}, 127.0.0.0/8 and ::1 written as literals. */
  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = bare(host);
    return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
        || h.matches("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
  }

  /** Scheme and host in lower case, the default port spelled out, an empty path as "/". */
  static String normalize(String url) {
    try {
      URI u = URI.create(url.trim());
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
      String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
      return scheme + "://" + String.valueOf(u.getHost()).toLowerCase(Locale.ROOT) + ":" + portOf(u) + path + query;
    } catch (IllegalArgumentException e) {
      return url;
    }
  }

  private static int portOf(URI u) {
    return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  /** Lower case, without the brackets of an IPv6 literal. */
  private static String bare(String host) {
    String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }

  /** One {@code stress.allowedTargets} entry. */
  private record HostPort(String host, int port) {
    static HostPort parse(String entry) {
      int colon = entry == null ? -1 : entry.lastIndexOf(':');
      String host = colon <= 0 ? "" : bare(entry.substring(0, colon).trim());
      String port = colon < 0 ? "" : entry.substring(colon + 1).trim();
      if (host.isEmpty() || !(port.equals("*") || port.matches("\\d{1,5}") && Integer.parseInt(port) >= 1
          && Integer.parseInt(port) <= 65_535)) {
        throw new IllegalArgumentException("stress.allowedTargets: '" + entry + "' must be host:port (port 1-65535)"
            + " or host:* ([::1]:port for IPv6)");
      }
      return new HostPort(host, port.equals("*") ? ANY_PORT : Integer.parseInt(port));
    }
  }
}
