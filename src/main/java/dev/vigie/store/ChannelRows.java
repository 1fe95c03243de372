package dev.vigie.store;

import dev.vigie.bus.Refusal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;

/**
 * The notification channels added or changed through the API, in the {@code notify_channels} table: {@code {id,
 * definition, updatedAt}} on the bus, the definition (secrets included) stored as JSON text. The notify area has
 * validated every channel before it comes here; a put replaces the row (delete and insert in one transaction: the SQL
 * stays portable, with no upsert).
 */
final class ChannelRows {
  private static final int MAX_DEFINITION = 100_000;

  private final StoreDatabase db;

  ChannelRows(StoreDatabase db) {
    this.db = db;
  }

  Future<JsonObject> all() {
    return db.read("SELECT id, definition, updated_ms FROM notify_channels ORDER BY updated_ms, id", Tuple.tuple())
        .map(rows -> {
          JsonArray list = new JsonArray();
          rows.forEach(row -> list.add(new JsonObject().put("id", row.getString(0))
              .put("definition", new JsonObject(row.getString(1)))
              .put("updatedAt", ((Number) row.getValue(2)).longValue())));
          return new JsonObject().put("channels", list);
        });
  }

  /** Applies {@code {op: put|remove, id, definition?}}; replies {@code {op, id}}. */
  Future<JsonObject> save(JsonObject change, long now) {
    String id = change.getValue("id") instanceof String s && !s.isEmpty() && s.length() <= 64 ? s : null;
    if (id == null) {
      return Future.failedFuture(Refusal.badField("id", "must be a channel id of 1 to 64 characters"));
    }
    String op = change.getString("op", "");
    JsonObject reply = new JsonObject().put("op", op).put("id", id);
    switch (op) {
      case "put" -> {
        if (!(change.getValue("definition") instanceof JsonObject definition)
            || definition.encode().length() > MAX_DEFINITION) {
          return Future.failedFuture(Refusal.badField("definition", "must be a channel of at most "
              + MAX_DEFINITION + " characters as JSON"));
        }
        return db.transaction(conn -> conn.preparedQuery(db.sql("DELETE FROM notify_channels WHERE id = ?"))
            .execute(Tuple.of(id))
            .compose(v -> conn.preparedQuery(db.sql("INSERT INTO notify_channels (id, definition, updated_ms) VALUES (?, ?, ?)"))
                .execute(Tuple.of(id, definition.encode(), now)))).map(reply);
      }
      case "remove" -> {
        return db.update("DELETE FROM notify_channels WHERE id = ?", Tuple.of(id)).map(reply);
      }
      default -> {
        return Future.failedFuture(Refusal.badField("op", "must be put or remove"));
      }
    }
  }
}
