package dev.vigie.cache;

import dev.vigie.bus.Refusal;
import dev.vigie.bus.RequestField;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One page of what the cache holds ({@code vigie.cache.held}): {@code {after?, limit?}} in, {@code {archives: [{key,
 * sha256, bytes}], next?}} out, in key order. Pages are bounded so a large cache never makes one huge message.
 */
record HeldPage(String after, int limit) {
  static final int DEFAULT_LIMIT = 500;
  static final int MAX_LIMIT = 1000;

  /** The page asked for; a {@link Refusal} naming the field when {@code after} or {@code limit} is not usable. */
  static HeldPage from(JsonObject body) {
    JsonObject ask = body == null ? new JsonObject() : body;
    Object after = ask.getValue("after");
    if (after != null && !(after instanceof String)) {
      throw Refusal.badField("after", "must be the key the previous page ended with (a string)");
    }
    return new HeldPage((String) after, (int) RequestField.whole(ask, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT));
  }

  JsonObject answer(ArchiveIndex index) {
    JsonArray archives = new JsonArray();
    String last = null;
    for (ArchiveEntry e : index.held(after, limit + 1)) {
      if (archives.size() == limit) {
        return new JsonObject().put("archives", archives).put("next", last);
      }
      archives.add(new JsonObject().put("key", e.key()).put("sha256", e.sha256()).put("bytes", e.bytes()));
      last = e.key();
    }
    return new JsonObject().put("archives", archives);
  }
}
