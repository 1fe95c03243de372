package dev.vigie.probe;

import io.vertx.core.json.JsonObject;
import io.vertx.core.json.pointer.JsonPointer;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * One configured freshness source ({@code probe.freshness[]}): where the newest data's time is read, and how old
 * it may be. Kinds: {@code http} (a timestamp at {@code jsonPointer} in the JSON of {@code url}), {@code file}
 * (the modification time of {@code path}), {@code cache} (the newest archive the cache holds).
 */
record FreshnessSource(String name, Kind kind, URI url, JsonPointer jsonPointer, String path, long goodAgeMs,
                       long warningAgeMs, long intervalMs, long timeoutMs, Map<String, String> headers) {

  enum Kind { HTTP, FILE, CACHE }

  private static final Set<String> FIELDS = Set.of("name", "kind", "url", "jsonPointer", "path", "goodAgeMinutes",
      "warningAgeMinutes", "intervalMs", "timeoutMs", "headers");

  static FreshnessSource fromJson(JsonObject json, String key) {
    ConfigReader r = new ConfigReader(json, key);
    r.onlyKnown(FIELDS);
    String kindText = r.string("kind");
    Kind kind = switch (kindText) {
      case "http" -> Kind.HTTP;
      case "file" -> Kind.FILE;
      case "cache" -> Kind.CACHE;
      default -> throw BadEntry.of(key, "kind", "must be http, file or cache");
    };
    long good = r.positive("goodAgeMinutes", 30) * 60_000;
    long warning = r.positive("warningAgeMinutes", 120) * 60_000;
    if (warning < good) {
      throw BadEntry.of(key, "warningAgeMinutes", "must be at least goodAgeMinutes");
    }
    URI url = null;
    JsonPointer pointer = null;
    String path = null;
    if (kind == Kind.HTTP) {
      url = r.httpUrl("url");
      pointer = r.pointer("jsonPointer");
      if (pointer == null) {
        throw BadEntry.of(key, "jsonPointer", "is needed for an http source");
      }
    } else if (kind == Kind.FILE) {
      path = r.string("path");
    }
    return new FreshnessSource(r.string("name"), kind, url, pointer, path, good, warning,
        r.positive("intervalMs", 60_000), r.positive("timeoutMs", 5_000), r.headers());
  }

  String kindName() {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
