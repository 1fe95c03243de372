package dev.vigie.notify;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The last {@code notify.deliveryLogSize} delivery events, newest first: {@code {seq, time, channel, type, kind,
 * alerts, event, attempt?, error?}} where event is delivered, retrying, failed, dropped, held (breaker open),
 * breaker-open or breaker-closed. Entries are redacted before they are added.
 */
final class DeliveryLog {
  private final int size;
  private final ArrayDeque<JsonObject> entries = new ArrayDeque<>();
  private long seq;

  DeliveryLog(int size) {
    this.size = size;
  }

  void add(JsonObject entry) {
    if (entries.size() == size) {
      entries.removeLast();
    }
    entries.addFirst(entry.put("seq", ++seq));
  }

  /** A page of the log, newest first, optionally of one channel. */
  JsonObject page(int limit, int offset, String channel) {
    JsonArray page = new JsonArray();
    int matched = 0;
    for (Iterator<JsonObject> it = entries.iterator(); it.hasNext(); ) {
      JsonObject e = it.next();
      if (channel != null && !channel.equals(e.getString("channel"))) {
        continue;
      }
      if (matched >= offset && page.size() < limit) {
        page.add(e.copy());
      }
      matched++;
    }
    return new JsonObject().put("deliveries", page).put("total", matched).put("limit", limit).put("offset", offset);
  }

  /** The newest {@code n} entries. */
  JsonArray newest(int n) {
    return page(n, 0, null).getJsonArray("deliveries");
  }
}
