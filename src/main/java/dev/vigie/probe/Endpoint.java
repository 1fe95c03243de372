package dev.vigie.probe;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.pointer.JsonPointer;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * One configured endpoint ({@code probe.endpoints[]}): what to call and what a healthy answer is. With a
 * {@code jsonPointer} the body must be JSON and hold a value there, equal to {@code expectValue} when given.
 */
record Endpoint(String name, URI url, HttpMethod method, int expectStatus, JsonPointer jsonPointer,
                Object expectValue, long intervalMs, long timeoutMs, Map<String, String> headers) {

  private static final Set<String> FIELDS = Set.of("name", "url", "method", "expectStatus", "jsonPointer",
      "expectValue", "intervalMs", "timeoutMs", "headers");

  static Endpoint fromJson(JsonObject json, String key) {
    ConfigReader r = new ConfigReader(json, key);
    r.onlyKnown(FIELDS);
    String method = json.getValue("method", "GET") instanceof String m ? m.toUpperCase(java.util.Locale.ROOT) : "";
    if (!Set.of("GET", "HEAD", "POST", "PUT", "OPTIONS").contains(method)) {
      throw BadEntry.of(key, "method", "must be GET, HEAD, POST, PUT or OPTIONS");
    }
    long status = r.positive("expectStatus", 200);
    if (status < 100 || status > 599) {
      throw BadEntry.of(key, "expectStatus", "must be an HTTP status (100-599)");
    }
    JsonPointer pointer = r.pointer("jsonPointer");
    Object expect = json.getValue("expectValue");
    if (expect != null && pointer == null) {
      throw BadEntry.of(key, "expectValue", "needs a jsonPointer");
    }
    return new Endpoint(r.string("name"), r.httpUrl("url"), HttpMethod.valueOf(method), (int) status, pointer, expect,
        r.positive("intervalMs", 10_000), r.positive("timeoutMs", 5_000), r.headers());
  }
}
