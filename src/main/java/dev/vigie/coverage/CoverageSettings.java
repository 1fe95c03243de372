package dev.vigie.coverage;

import dev.vigie.bus.Refusal;
import dev.vigie.bus.RequestField;
import io.vertx.core.json.JsonObject;

/**
 * The {@code coverage} configuration section, and {@code source.listingUrl}.
 *
 * @param listingUrl the S3 bucket listing of the source (Binance: the bucket behind data.binance.vision)
 * @param pageSize ledger entries in a page of {@code GET /api/coverage} when no limit is given
 * @param maxPageSize the largest limit a page may ask for
 * @param maxListingPages listing pages one expansion may read (1,000 keys each)
 * @param fetchChunk archives per download request when an expansion fetches (consecutive days or months)
 * @param listingTimeoutMs a listing page silent this long fails the expansion
 * @param maxCells ledger entries the heatmap's compact answer ({@code form=cells}) holds at most
 */
record CoverageSettings(String listingUrl, int pageSize, int maxPageSize, int maxListingPages, int fetchChunk,
    long listingTimeoutMs, int maxCells) {

  static CoverageSettings from(JsonObject config) {
    JsonObject c = config.getJsonObject("coverage", new JsonObject());
    String url = config.getJsonObject("source", new JsonObject()).getString("listingUrl", "");
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw new IllegalArgumentException("source.listingUrl must be an http(s) URL, not '" + url + "'");
    }
    int maxPage = (int) whole(c, "maxPageSize", 1, 100_000);
    return new CoverageSettings(url.endsWith("/") ? url.substring(0, url.length() - 1) : url,
        (int) whole(c, "pageSize", 1, maxPage), maxPage, (int) whole(c, "maxListingPages", 1, 1_000_000),
        (int) whole(c, "fetchChunk", 1, 366), whole(c, "listingTimeoutMs", 100, 600_000),
        (int) whole(c, "maxCells", 1, 10_000_000));
  }

  private static long whole(JsonObject c, String key, long min, long max) {
    try {
      return RequestField.whole(c.getValue(key), key, min, max);
    } catch (Refusal e) {
      throw new IllegalArgumentException("coverage." + e.getMessage());
    }
  }
}
