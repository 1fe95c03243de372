package dev.vigie.coverage;

import dev.vigie.bus.Failures;
import dev.vigie.bus.Refusal;
import dev.vigie.vision.BucketListing;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The source's S3 listing, as the Binance Vision site reads it: {@code GET <listingUrl>?prefix=&delimiter=/&marker=},
 * a page of at most 1,000 keys and prefixes at a time, following {@code NextMarker} (or the last key) while
 * {@code IsTruncated}, up to {@code coverage.maxListingPages} pages.
 */
final class UpstreamListing {
  /** Everything under a prefix: the keys (with size and date) and the common prefixes, across all pages. */
  record Listed(List<BucketListing.Entry> keys, List<String> prefixes, int pages) {
  }

  private final HttpClient client;
  private final CoverageSettings settings;

  /** @param client kept by the caller in a field (an unreferenced client is closed mid-request) */
  UpstreamListing(HttpClient client, CoverageSettings settings) {
    this.client = client;
    this.settings = settings;
  }

  /** Every key and common prefix under {@code prefix}; {@code delimiter} null lists the keys below it too. */
  Future<Listed> list(String prefix, String delimiter) {
    return page(prefix, delimiter, null, new Listed(new ArrayList<>(), new ArrayList<>(), 0));
  }

  private Future<Listed> page(String prefix, String delimiter, String marker, Listed sofar) {
    if (sofar.pages() == settings.maxListingPages()) {
      return Future.failedFuture(new Refusal(Failures.UNAVAILABLE, "LISTING_FAILED", "the listing of " + prefix
          + " goes past " + settings.maxListingPages() + " pages (coverage.maxListingPages)"));
    }
    StringBuilder url = new StringBuilder(settings.listingUrl()).append("/?prefix=").append(encode(prefix));
    if (delimiter != null) {
      url.append("&delimiter=").append(encode(delimiter));
    }
    if (marker != null) {
      url.append("&marker=").append(encode(marker));
    }
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url.toString())
        .setIdleTimeout(settings.listingTimeoutMs());
    return client.request(options)
        .compose(req -> req.send().compose((HttpClientResponse resp) -> resp.body().map(body -> {
          if (resp.statusCode() != 200) {
            throw new Refusal(Failures.UNAVAILABLE, "LISTING_FAILED", "the listing of " + prefix + " answered "
                + resp.statusCode());
          }
          return BucketListing.parse(body.toString(StandardCharsets.UTF_8));
        })))
        .recover(e -> Future.failedFuture(e instanceof Refusal ? e : new Refusal(Failures.UNAVAILABLE,
            "LISTING_FAILED", "the listing of " + prefix + " failed: " + e.getMessage())))
        .compose(page -> {
          sofar.keys().addAll(page.contents());
          sofar.prefixes().addAll(page.commonPrefixes());
          Listed next = new Listed(sofar.keys(), sofar.prefixes(), sofar.pages() + 1);
          String after = page.continueAfter();
          return after == null ? Future.succeededFuture(next) : page(prefix, delimiter, after, next);
        });
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
