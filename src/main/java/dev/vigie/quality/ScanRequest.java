package dev.vigie.quality;

import dev.vigie.bus.Failures;
import dev.vigie.bus.Refusal;
import dev.vigie.vision.ArchiveName;
import io.vertx.core.json.JsonObject;

/**
 * A {@link dev.vigie.bus.QualityBus#SCAN} request: exactly one of a cache key or a path in the data directory, whose
 * file name follows the Binance Vision layout (it tells the data type, market and period).
 */
record ScanRequest(String key, String path) {

  /** Throws a Refusal (400) when the body names no file, both kinds, or a name outside the layout. */
  static ScanRequest from(JsonObject body) {
    JsonObject b = body == null ? new JsonObject() : body;
    Object key = b.getValue("key");
    Object path = b.getValue("path");
    if ((key == null) == (path == null) || key != null && !(key instanceof String) || path != null && !(path instanceof String)) {
      throw new Refusal(Failures.BAD_REQUEST, "BAD_REQUEST",
          "give exactly one of 'key' (a cache key) or 'path' (a file in the data directory), as a string");
    }
    ScanRequest request = new ScanRequest((String) key, (String) path);
    try {
      ArchiveName.parse(request.key != null ? request.key : request.path);
    } catch (IllegalArgumentException e) {
      String field = request.key != null ? "key" : "path";
      throw new Refusal(Failures.BAD_REQUEST, "UNSUPPORTED_NAME", field, field + ": " + e.getMessage());
    }
    return request;
  }
}
