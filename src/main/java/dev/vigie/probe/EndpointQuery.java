package dev.vigie.probe;

import dev.vigie.bus.Refusal;
import dev.vigie.bus.RequestField;
import dev.vigie.bus.SecretRedactor;
import dev.vigie.bus.Status;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One page of the endpoint list ({@code vigie.probe.list}, {@code GET /api/probes}): filtered by status and by a
 * text in the name or URL, sorted, and cut after a cursor. The cursor is the sort key of the last endpoint sent
 * (keyset paging), so a walk over the pages returns every endpoint once, in order, however the list changes
 * meanwhile: endpoints added behind the cursor are not seen, and with a sort on a changing figure (latency, p95,
 * uptime, status) an endpoint whose figure moves across the cursor during the walk is seen twice or not at all.
 * Or cut at an offset instead (the page's list reads only the rows in view, wherever it is scrolled): a place in the
 * order now, not a walk.
 */
record EndpointQuery(int limit, int offset, Set<Status> statuses, String text, Sort sort, boolean descending, Key after) {
  static final int MAX_LIMIT = 1000;
  /** As many as probe.maxMonitors may be: an offset past the end is an empty page, not a refusal. */
  static final int MAX_OFFSET = 1_000_000;
  static final int MAX_TEXT = 200;
  /** A page with each endpoint's history holds up to historySize results per endpoint: it is kept short. */
  static final int MAX_HISTORY_PAGE = 100;

  enum Sort { ADDED, NAME, LATENCY, P95, UPTIME, STATUS }

  /** An endpoint's place in the order: a figure (absent ones last, either way), or a name; then the order added. */
  record Key(boolean absent, double number, String text, long seq) {
  }

  /** Reads {@code {limit?, offset?, cursor?, status?, q?, sort?}}; refuses a bad one naming its field. */
  static EndpointQuery from(JsonObject body) {
    JsonObject b = body == null ? new JsonObject() : body;
    int limit = (int) RequestField.whole(b, "limit", Integer.MAX_VALUE, 1, MAX_LIMIT);
    int offset = (int) RequestField.whole(b, "offset", 0, 0, MAX_OFFSET);
    Set<Status> statuses = EnumSet.noneOf(Status.class);
    String status = RequestField.text(b, "status");
    if (status != null) {
      for (String s : status.split(",")) {
        try {
          statuses.add(Status.fromWire("pending".equals(s.trim()) ? "neutral" : s.trim()));
        } catch (IllegalArgumentException e) {
          throw Refusal.badField("status", "must be good, warning, critical or neutral (pending), comma-separated, not '" + s + "'");
        }
      }
    }
    String q = RequestField.text(b, "q");
    if (q != null && q.length() > MAX_TEXT) {
      throw Refusal.badField("q", "must be at most " + MAX_TEXT + " characters");
    }
    String sortText = RequestField.text(b, "sort");
    boolean descending = sortText != null && sortText.startsWith("-");
    Sort sort;
    try {
      sort = sortText == null ? Sort.ADDED : Sort.valueOf((descending ? sortText.substring(1) : sortText).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Refusal.badField("sort", "must be added, name, latency, p95, uptime or status, with '-' before it for the"
          + " other way, not '" + sortText + "'");
    }
    String cursor = RequestField.text(b, "cursor");
    if (cursor != null && b.getValue("offset") != null) {
      throw Refusal.badField("offset", "cannot be given with cursor: walk with nextCursor, or jump with offset");
    }
    Key after = cursor == null ? null : decode(cursor, sort, descending);
    return new EndpointQuery(limit, offset, statuses, q == null || q.isBlank() ? null : q.toLowerCase(Locale.ROOT), sort,
        descending, after);
  }

  /**
   * The page: {@code {endpoints: [summary], offset, total, matched, counts: {good, warning, critical, neutral},
   * nextCursor?}} ({@code offset}: the place in the order of its first endpoint)
   * where {@code counts} are over the endpoints matching the text (whatever the status filter).
   */
  JsonObject page(Collection<EndpointState> all, long nowMs, long windowMs, boolean history) {
    List<EndpointState> matched = new ArrayList<>();
    JsonObject counts = new JsonObject().put("good", 0).put("warning", 0).put("critical", 0).put("neutral", 0);
    for (EndpointState s : all) {
      if (text != null && !s.endpoint().name().toLowerCase(Locale.ROOT).contains(text)
          && !SecretRedactor.redactUrl(s.endpoint().url().toString()).toLowerCase(Locale.ROOT).contains(text)) {
        continue;
      }
      counts.put(s.status().wire(), counts.getInteger(s.status().wire()) + 1);
      if (statuses.isEmpty() || statuses.contains(s.status())) {
        matched.add(s);
      }
    }
    Comparator<Key> order = order();
    List<Key> keys = new ArrayList<>(matched.size());
    List<Integer> index = new ArrayList<>(matched.size());
    for (int i = 0; i < matched.size(); i++) {
      keys.add(key(matched.get(i), nowMs, windowMs));
      index.add(i);
    }
    index.sort((a, b) -> order.compare(keys.get(a), keys.get(b)));
    int from = Math.min(offset, index.size());
    if (after != null) {
      int lo = 0;
      int hi = index.size();
      while (lo < hi) { // first key strictly after the cursor
        int mid = (lo + hi) >>> 1;
        if (order.compare(keys.get(index.get(mid)), after) <= 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      from = lo;
    }
    int to = (int) Math.min(index.size(), (long) from + limit);
    JsonArray page = new JsonArray();
    for (int i = from; i < to; i++) {
      EndpointState s = matched.get(index.get(i));
      JsonObject summary = EndpointsSection.summary(s, s.window(nowMs, windowMs));
      if (history) {
        JsonArray h = s.history();
        h.forEach(o -> ((JsonObject) o).put("endpoint", summary.getString("name")).put("url", summary.getString("url"))
            .put("method", summary.getString("method")));
        summary.put("history", h);
      }
      page.add(summary);
    }
    JsonObject json = new JsonObject().put("endpoints", page).put("offset", from).put("total", all.size()).put("matched", matched.size())
        .put("counts", counts);
    if (to < index.size()) {
      json.put("nextCursor", encode(keys.get(index.get(to - 1))));
    }
    return json;
  }

  Key key(EndpointState s, long nowMs, long windowMs) {
    return switch (sort) {
      case ADDED -> new Key(false, 0, null, s.seq());
      case NAME -> new Key(false, 0, s.endpoint().name(), s.seq());
      case LATENCY -> s.last() == null ? absent(s) : new Key(false, s.last().latencyMs(), null, s.seq());
      case P95 -> figure(s, s.window(nowMs, windowMs).p95());
      case UPTIME -> figure(s, s.window(nowMs, windowMs).successRatio());
      case STATUS -> new Key(false, EndpointsSection.rank(s.status()), null, s.seq());
    };
  }

  private static Key figure(EndpointState s, double value) {
    return Double.isNaN(value) ? absent(s) : new Key(false, value, null, s.seq());
  }

  private static Key absent(EndpointState s) {
    return new Key(true, 0, null, s.seq());
  }

  private Comparator<Key> order() {
    Comparator<Key> value = sort == Sort.NAME ? Comparator.comparing(Key::text) : Comparator.comparingDouble(Key::number);
    if (descending) {
      value = value.reversed();
    }
    return Comparator.comparing(Key::absent).thenComparing(value).thenComparingLong(Key::seq);
  }

  private String encode(Key k) {
    JsonArray a = new JsonArray().add((descending ? "-" : "") + sort.name().toLowerCase(Locale.ROOT)).add(k.absent())
        .add(k.number()).add(k.text()).add(k.seq());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(a.encode().getBytes(StandardCharsets.UTF_8));
  }

  private static Key decode(String cursor, Sort sort, boolean descending) {
    JsonArray a;
    try {
      a = new JsonArray(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
      String issued = (descending ? "-" : "") + sort.name().toLowerCase(Locale.ROOT);
      if (!issued.equals(a.getString(0))) {
        throw Refusal.badField("cursor", "was given for sort=" + a.getString(0) + ", not sort=" + issued
            + ": keep the sort of the walk, or start again without a cursor");
      }
      Key key = new Key(a.getBoolean(1), a.getDouble(2), a.getString(3), a.getLong(4));
      if (sort == Sort.NAME && key.text() == null) {
        throw new IllegalArgumentException("no name");
      }
      return key;
    } catch (Refusal r) {
      throw r;
    } catch (RuntimeException e) {
      throw Refusal.badField("cursor", "is not a cursor this server gave (use nextCursor as it came)");
    }
  }
}
