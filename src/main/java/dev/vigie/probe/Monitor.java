package dev.vigie.probe;

import dev.vigie.bus.Refusal;
import dev.vigie.bus.RequestField;
import dev.vigie.bus.SecretRedactor;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One monitor: an endpoint or a freshness source, from the configuration file ({@code source} config, read-only) or
 * added through the API ({@code source} store). {@code definition} holds exactly the fields of its configuration entry;
 * the id is the name.
 */
record Monitor(String id, Type type, Source source, boolean paused, long updatedMs, long revision,
               JsonObject definition, Endpoint endpoint, FreshnessSource freshness) {

  enum Type { ENDPOINT, FRESHNESS }

  enum Source { CONFIG, STORE }

  /** The fields of the API's body that are not part of the configuration entry. */
  private static final java.util.Set<String> ENVELOPE = java.util.Set.of("id", "type", "source", "paused", "updatedAt",
      "revision");
  /** Names travel in URLs ({@code /api/monitors/{id}}): no slash, no URL syntax, no control characters. */
  private static final Pattern NAME = Pattern.compile("[^/?#%\\\\\\p{Cntrl}]{1,200}");

  static Monitor configured(Endpoint e, JsonObject entry) {
    return new Monitor(e.name(), Type.ENDPOINT, Source.CONFIG, false, 0, 0, entry, e, null);
  }

  static Monitor configured(FreshnessSource s, JsonObject entry) {
    return new Monitor(s.name(), Type.FRESHNESS, Source.CONFIG, false, 0, 0, entry, null, s);
  }

  /**
   * A monitor from the API's body ({@code {type, paused?, ...the configuration entry's fields}}), validated: a bad
   * field is a 400 naming it. {@code type} falls back to {@code currentType} (a replace that leaves it out).
   */
  static Monitor fromRequest(JsonObject body, Type currentType) {
    Type type = body.getValue("type") == null && currentType != null ? currentType : type(body.getValue("type"));
    boolean paused = RequestField.flag(body, "paused", false);
    JsonObject entry = new JsonObject();
    body.forEach(e -> {
      if (!ENVELOPE.contains(e.getKey())) {
        entry.put(e.getKey(), e.getValue());
      }
    });
    Monitor m;
    try {
      m = build(entry, type, Source.STORE, paused, 0, 0, "monitor");
    } catch (BadEntry bad) {
      throw bad.refusal();
    }
    if (!NAME.matcher(m.id).matches()) {
      throw Refusal.badField("name", "must be 1 to 200 characters, without /, ?, #, %, \\ or control characters");
    }
    return m;
  }

  /** A monitor as the store keeps it ({@code {id, type, paused, updatedAt, revision, definition}}). */
  static Monitor fromStored(JsonObject row) {
    return build(row.getJsonObject("definition"), type(row.getValue("type")), Source.STORE,
        row.getBoolean("paused", false), row.getLong("updatedAt", 0L), row.getLong("revision", 0L),
        "monitors[" + row.getString("id") + "]");
  }

  private static Monitor build(JsonObject entry, Type type, Source source, boolean paused, long updatedMs,
                               long revision, String key) {
    if (type == Type.ENDPOINT) {
      Endpoint e = Endpoint.fromJson(entry, key);
      return new Monitor(e.name(), type, source, paused, updatedMs, revision, entry, e, null);
    }
    FreshnessSource s = FreshnessSource.fromJson(entry, key);
    return new Monitor(s.name(), type, source, paused, updatedMs, revision, entry, null, s);
  }

  private static Type type(Object value) {
    if ("endpoint".equals(value)) {
      return Type.ENDPOINT;
    }
    if ("freshness".equals(value)) {
      return Type.FRESHNESS;
    }
    throw Refusal.badField("type", "must be endpoint or freshness");
  }

  String typeName() {
    return type.name().toLowerCase(Locale.ROOT);
  }

  /** Whether this stored monitor is a later revision than {@code other}: applying an older or equal one changes nothing. */
  boolean newerThan(Monitor other) {
    return other.source != Source.STORE || revision > other.revision;
  }

  /** What the store keeps: {@code {id, type, paused, definition}}. */
  JsonObject toStored() {
    return new JsonObject().put("id", id).put("type", typeName()).put("paused", paused).put("definition", definition.copy());
  }

  /** What the API shows: the envelope and the entry's fields, secrets masked (headers, URL credentials). */
  JsonObject toJson(SecretRedactor redactor) {
    JsonObject json = new JsonObject().put("id", id).put("type", typeName())
        .put("source", source.name().toLowerCase(Locale.ROOT)).put("paused", paused);
    if (source == Source.STORE) {
      json.put("updatedAt", java.time.Instant.ofEpochMilli(updatedMs).toString()).put("revision", revision);
    }
    return json.mergeIn(redactor.json(definition));
  }

  /**
   * A replace's body with every value the API showed masked ({@link #toJson}) put back to what it stands for, so a
   * monitor read, edited and sent back keeps its secrets.
   */
  JsonObject unmask(JsonObject body, SecretRedactor redactor) {
    JsonObject shown = redactor.json(definition);
    JsonObject out = body.copy();
    for (String field : definition.fieldNames()) {
      Object sent = out.getValue(field);
      Object was = shown.getValue(field);
      if (sent instanceof JsonObject sentMap && was instanceof JsonObject wasMap
          && definition.getValue(field) instanceof JsonObject raw) {
        JsonObject merged = sentMap.copy();
        sentMap.forEach(e -> {
          if (e.getValue() != null && e.getValue().equals(wasMap.getValue(e.getKey())) && raw.containsKey(e.getKey())) {
            merged.put(e.getKey(), raw.getValue(e.getKey()));
          }
        });
        out.put(field, merged);
      } else if (sent != null && sent.equals(was)) {
        out.put(field, definition.getValue(field));
      }
    }
    return out;
  }
}
