package dev.vigie.download;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which redirects a call to the source follows: to the source's own host and port, or to a host named in
 * {@code download.redirectHosts} ({@code host} for any port, or {@code host:port}), never from https down to http,
 * and at most {@code download.maxRedirects} hops. Anything else ends the attempt with
 * {@link DownloadFailure#REDIRECT_REFUSED}: a download must not be steered to a machine nobody configured.
 */
final class RedirectRule {
  private final URI source;
  private final List<String> allowed;
  private final int maxHops;

  RedirectRule(URI source, List<String> allowed, int maxHops) {
    this.source = source;
    this.allowed = allowed.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    this.maxHops = maxHops;
  }

  static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /**
   * Where hop number {@code hop} (1 for the first) goes when {@code from} answered a redirect to {@code location};
   * throws {@link DownloadFailure} ({@code REDIRECT_REFUSED}) when it may not be followed.
   */
  URI follow(URI from, String location, int hop) {
    if (location == null || location.isBlank()) {
      throw refused("a redirect from " + from + " had no Location");
    }
    URI next;
    try {
      next = from.resolve(location.trim());
    } catch (IllegalArgumentException e) {
      throw refused("a redirect from " + from + " pointed at an unreadable Location " + location);
    }
    if (hop > maxHops) {
      throw refused("more than " + maxHops + " redirects (download.maxRedirects), the last to " + next);
    }
    String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || next.getHost() == null) {
      throw refused("a redirect to " + next + " is not an http or https URL");
    }
    if (scheme.equals("http") && "https".equalsIgnoreCase(from.getScheme())) {
      throw refused("a redirect from https down to http (" + next + ")");
    }
    if (!allowed(next)) {
      throw refused("a redirect to " + authority(next) + ", which is neither the source (" + authority(source)
          + ") nor in download.redirectHosts");
    }
    return next;
  }

  private boolean allowed(URI next) {
    String host = next.getHost().toLowerCase(Locale.ROOT);
    return authority(next).equals(authority(source)) || allowed.contains(host) || allowed.contains(authority(next));
  }

  /** {@code host:port}, with the scheme's default port when none is given. */
  private static String authority(URI uri) {
    int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    return uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
  }

  private static DownloadFailure refused(String why) {
    return DownloadFailure.permanent(DownloadFailure.REDIRECT_REFUSED, "redirect refused: " + why);
  }
}
