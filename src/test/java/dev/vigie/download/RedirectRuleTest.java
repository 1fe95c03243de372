package dev.vigie.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedirectRuleTest {
  private final URI source = URI.create("https://data.example:443/data/a.zip");
  private final RedirectRule rule = new RedirectRule(URI.create("https://data.example"), List.of("cdn.example",
      "mirror.example:8443"), 3);

  @Test
  void sameHostAndListedHostsAreFollowedRelativeLocationsIncluded() {
    assertEquals(URI.create("https://data.example:443/data/b.zip"), rule.follow(source, "/data/b.zip", 1));
    assertEquals(URI.create("https://data.example:443/x"), rule.follow(source, "https://data.example:443/x", 1));
    assertEquals(URI.create("https://cdn.example:9000/x"), rule.follow(source, "https://cdn.example:9000/x", 2));
    assertEquals(URI.create("https://mirror.example:8443/x"), rule.follow(source, "https://mirror.example:8443/x", 3));
  }

  @Test
  void otherHostsOtherPortsDowngradesAndTooManyHopsAreRefusedByName() {
    for (String location : new String[] {"https://evil.example/x", "https://data.example:8443/x",
        "https://mirror.example/x", "http://data.example/x", "ftp://data.example/x", ""}) {
      DownloadFailure refused = assertThrows(DownloadFailure.class, () -> rule.follow(source, location, 1), location);
      assertEquals(DownloadFailure.REDIRECT_REFUSED, refused.code(), location);
      assertTrue(!refused.retryable() && !refused.hostFault(), "retrying cannot help, and the host is not unwell");
    }
    DownloadFailure hops = assertThrows(DownloadFailure.class, () -> rule.follow(source, "/data/b.zip", 4));
    assertTrue(hops.getMessage().contains("download.maxRedirects"), hops.getMessage());
  }
}
