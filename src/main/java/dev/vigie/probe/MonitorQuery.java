package dev.vigie.probe;

import dev.vigie.bus.Refusal;
import dev.vigie.bus.RequestField;
import dev.vigie.bus.SecretRedactor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One page of the monitors ({@code vigie.monitors.list}, {@code GET /api/monitors}): filtered by type, source and a
 * text in the id or URL, in the catalogue's order (or those added through the API first), cut at an offset. With the
 * {@code version} of an earlier reply that is still the catalogue's, the reply says so and carries no monitors: a
 * page polling an unchanged list of ten thousand costs nothing.
 */
record MonitorQuery(int limit, int offset, Monitor.Type type, Monitor.Source source, String text, boolean storeFirst,
                    String since) {
  static final int MAX_LIMIT = 1000;
  static final int MAX_OFFSET = 1_000_000;
  static final int MAX_TEXT = 200;

  /** Reads {@code {limit?, offset?, type?, source?, q?, sort?, version?}}; refuses a bad one naming its field. */
  static MonitorQuery from(JsonObject body) {
    JsonObject b = body == null ? new JsonObject() : body;
    int limit = (int) RequestField.whole(b, "limit", Integer.MAX_VALUE, 1, MAX_LIMIT);
    int offset = (int) RequestField.whole(b, "offset", 0, 0, MAX_OFFSET);
    String typeText = RequestField.text(b, "type");
    Monitor.Type type = null;
    if (typeText != null) {
      type = switch (typeText) {
        case "endpoint" -> Monitor.Type.ENDPOINT;
        case "freshness" -> Monitor.Type.FRESHNESS;
        default -> throw Refusal.badField("type", "must be endpoint or freshness, not '" + typeText + "'");
      };
    }
    String sourceText = RequestField.text(b, "source");
    Monitor.Source source = null;
    if (sourceText != null) {
      source = switch (sourceText) {
        case "config" -> Monitor.Source.CONFIG;
        case "store" -> Monitor.Source.STORE;
        default -> throw Refusal.badField("source", "must be config or store, not '" + sourceText + "'");
      };
    }
    String q = RequestField.text(b, "q");
    if (q != null && q.length() > MAX_TEXT) {
      throw Refusal.badField("q", "must be at most " + MAX_TEXT + " characters");
    }
    String sort = RequestField.text(b, "sort");
    if (sort != null && !sort.equals("added") && !sort.equals("store-first")) {
      throw Refusal.badField("sort", "must be added (the configuration file's, then those added through the API) or"
          + " store-first (those added through the API first), not '" + sort + "'");
    }
    String since = RequestField.text(b, "version");
    if (since != null && since.length() > MAX_TEXT) {
      throw Refusal.badField("version", "must be a version this server gave");
    }
    return new MonitorQuery(limit, offset, type, source, q == null || q.isBlank() ? null : q.toLowerCase(Locale.ROOT),
        "store-first".equals(sort), since);
  }

  /**
   * The page: {@code {monitors: [monitor], offset, total, matched, counts: {config, store}, max, version}} where
   * {@code total} counts every monitor and {@code counts} those matching; or {@code {version, unchanged: true}} when
   * {@code version} was asked and is still {@code version}.
   */
  JsonObject page(List<Monitor> all, String version, int max, SecretRedactor redactor) {
    if (version.equals(since)) {
      return new JsonObject().put("version", version).put("unchanged", true);
    }
    List<Monitor> matched = new ArrayList<>();
    int config = 0;
    for (Monitor m : all) {
      if ((type == null || m.type() == type) && (source == null || m.source() == source) && matches(m)) {
        matched.add(m);
        config += m.source() == Monitor.Source.CONFIG ? 1 : 0;
      }
    }
    if (storeFirst) {
      matched.sort((a, b) -> Boolean.compare(a.source() == Monitor.Source.CONFIG, b.source() == Monitor.Source.CONFIG));
    }
    int from = Math.min(offset, matched.size());
    int to = (int) Math.min(matched.size(), (long) from + limit);
    JsonArray page = new JsonArray();
    for (Monitor m : matched.subList(from, to)) {
      page.add(m.toJson(redactor));
    }
    return new JsonObject().put("monitors", page).put("offset", from).put("total", all.size())
        .put("matched", matched.size())
        .put("counts", new JsonObject().put("config", config).put("store", matched.size() - config))
        .put("max", max).put("version", version);
  }

  private boolean matches(Monitor m) {
    if (text == null) {
      return true;
    }
    if (m.id().toLowerCase(Locale.ROOT).contains(text)) {
      return true;
    }
    String url = m.definition().getString("url");
    return url != null && SecretRedactor.redactUrl(url).toLowerCase(Locale.ROOT).contains(text);
  }
}
