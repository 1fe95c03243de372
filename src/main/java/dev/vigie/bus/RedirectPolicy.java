package dev.vigie.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which redirects an outgoing fetch (probe, freshness, upstream) follows: to the same origin (scheme, host, port) as
 * the page that redirected, or to a host named in the area's {@code redirectHosts} ({@code "host"} for any port,
 * {@code "host:port"} for one), at most {@code maxRedirects} hops. Anything else ends the attempt with a reason.
 * Decides only; the area does the I/O. Configured credentials go only to the configured origin (see
 * {@link #sameOrigin}).
 */
public final class RedirectPolicy {
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final int maxRedirects;
  private final List<String> hosts;

  /** The next step after a redirect: follow to {@code uri} (as a GET when {@code asGet}), or stop for {@code reason}. */
  public record Step(URI uri, boolean asGet, String reason) {
    public boolean follow() {
      return reason == null;
    }
  }

  public RedirectPolicy(int maxRedirects, List<String> hosts) {
    this.maxRedirects = maxRedirects;
    this.hosts = hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
  }

  /**
   * Reads {@code maxRedirects} and {@code redirectHosts} of one configuration section; throws
   * IllegalArgumentException naming the key ({@code key} is the section's, e.g. {@code probe}).
   */
  public static RedirectPolicy from(JsonObject section, String key) {
    Object max = section.getValue("maxRedirects", 3);
    if (!(max instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() < 0 || n.intValue() > 20) {
      throw new IllegalArgumentException(key + ".maxRedirects must be a whole number from 0 to 20");
    }
    Object list = section.getValue("redirectHosts", new JsonArray());
    if (!(list instanceof JsonArray array) || array.stream().anyMatch(h -> !(h instanceof String s) || s.isBlank() || s.contains("/"))) {
      throw new IllegalArgumentException(key + ".redirectHosts must be a list of host or host:port names");
    }
    return new RedirectPolicy(n.intValue(), array.stream().map(String::valueOf).toList());
  }

  public static boolean isRedirect(int status) {
    return REDIRECTS.contains(status);
  }

  /**
   * @param from the URL that answered {@code status}
   * @param location its Location header (null when absent)
   * @param hops redirects followed so far in this attempt
   */
  public Step next(URI from, int status, String location, int hops) {
    if (location == null || location.isBlank()) {
      return stop("HTTP " + status + " without a Location");
    }
    URI to;
    try {
      to = from.resolve(location.trim());
    } catch (IllegalArgumentException e) {
      return stop("HTTP " + status + " to an unreadable Location");
    }
    String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || to.getHost() == null) {
      return stop("HTTP " + status + " to a " + (scheme.isEmpty() ? "relative" : scheme) + " URL, not http(s)");
    }
    if (hops >= maxRedirects) {
      return stop("more than " + maxRedirects + " redirect" + (maxRedirects == 1 ? "" : "s") + " (maxRedirects)");
    }
    if (!sameOrigin(from, to) && !listed(to)) {
      return stop("HTTP " + status + " to another host, " + origin(to) + ", not in redirectHosts");
    }
    boolean asGet = status == 303;
    return new Step(to, asGet, null);
  }

  /** Same scheme, host (any case) and port (the scheme's default when absent). */
  public static boolean sameOrigin(URI a, URI b) {
    return origin(a).equals(origin(b));
  }

  private boolean listed(URI to) {
    String host = to.getHost().toLowerCase(Locale.ROOT);
    return hosts.contains(host) || hosts.contains(host + ":" + port(to));
  }

  /** {@code scheme://host:port}: what a refusal may name (never the path or query, which may hold secrets). */
  private static String origin(URI uri) {
    return String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT) + "://"
        + String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT) + ":" + port(uri);
  }

  private static int port(URI uri) {
    return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static Step stop(String reason) {
    return new Step(null, false, reason);
  }
}
