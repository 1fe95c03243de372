package dev.vigie.store;

import dev.vigie.bus.Failures;
import dev.vigie.bus.Refusal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * The monitors added through the API, in the {@code monitors} table: {@code {id, type, paused, updatedAt, revision,
 * definition}} on the bus, the definition stored as JSON text; every change raises the row's revision. The probe has validated every change before it comes
 * here; this decides only what the rows decide: an id taken (409) or unknown (404).
 */
final class MonitorRows {
  private static final String COLUMNS = "id, kind, definition, paused, updated_ms, revision";

  private final StoreDatabase db;

  MonitorRows(StoreDatabase db) {
    this.db = db;
  }

  Future<JsonObject> all() {
    return db.read("SELECT " + COLUMNS + " FROM monitors ORDER BY updated_ms, id", Tuple.tuple()).map(rows -> {
      JsonArray list = new JsonArray();
      rows.forEach(row -> list.add(json(row)));
      return new JsonObject().put("monitors", list);
    });
  }

  /** Applies {@code {op, id, type?, definition?, paused?}}; replies {@code {monitor}} (empty for a remove). */
  Future<JsonObject> save(JsonObject change, long now) {
    String id = change.getString("id");
    return switch (change.getString("op", "")) {
      case "add" -> db.update("INSERT INTO monitors (id, kind, origin, definition, paused, updated_ms, revision) VALUES (?, ?, 'api', ?, ?, ?, 1)",
              Tuple.of(id, change.getString("type"), change.getJsonObject("definition").encode(),
                  change.getBoolean("paused", false), now))
          .transform(ar -> ar.succeeded() ? one(id) : taken(id, ar.cause()));
      case "replace" -> change(id, change.getValue("paused") == null
          ? "UPDATE monitors SET kind = ?, definition = ?, updated_ms = ?, revision = revision + 1 WHERE id = ?"
          : "UPDATE monitors SET kind = ?, definition = ?, paused = ?, updated_ms = ?, revision = revision + 1 WHERE id = ?",
          change.getValue("paused") == null
              ? Tuple.of(change.getString("type"), change.getJsonObject("definition").encode(), now, id)
              : Tuple.of(change.getString("type"), change.getJsonObject("definition").encode(),
                  change.getBoolean("paused"), now, id));
      case "pause", "resume" -> change(id, "UPDATE monitors SET paused = ?, updated_ms = ?, revision = revision + 1 WHERE id = ?",
          Tuple.of("pause".equals(change.getString("op")), now, id));
      case "remove" -> db.update("DELETE FROM monitors WHERE id = ?", Tuple.of(id)).compose(rows -> rows.rowCount() == 0
          ? Future.failedFuture(unknown(id)) : Future.succeededFuture(new JsonObject()));
      default -> Future.failedFuture(Refusal.badField("op", "must be add, replace, pause, resume or remove"));
    };
  }

  /**
   * Makes this table's row for {@code row.id} exactly {@code row} (a cluster's copy, {@link MonitorVersions}): delete
   * and insert in one transaction, as {@link ChannelRows} does, the SQL staying portable.
   */
  Future<Void> put(JsonObject row) {
    String id = row.getString("id");
    return db.transaction(conn -> conn.preparedQuery(db.sql("DELETE FROM monitors WHERE id = ?"))
        .execute(Tuple.of(id))
        .compose(v -> conn.preparedQuery(db.sql("INSERT INTO monitors (id, kind, origin, definition, paused, updated_ms, revision) VALUES (?, ?, 'api', ?, ?, ?, ?)"))
            .execute(Tuple.of(id, row.getString("type"), row.getJsonObject("definition").encode(),
                row.getBoolean("paused", false), row.getLong("updatedAt", 0L), row.getLong("revision", 0L))))).mapEmpty();
  }

  Future<Void> delete(String id) {
    return db.update("DELETE FROM monitors WHERE id = ?", Tuple.of(id)).mapEmpty();
  }

  /** One update and the row it leaves, in one transaction; an id with no row is 404. */
  private Future<JsonObject> change(String id, String update, Tuple params) {
    return db.transaction(conn -> conn.preparedQuery(db.sql(update)).execute(params)
        .compose(updated -> updated.rowCount() == 0 ? Future.failedFuture(unknown(id)) : select(conn, id)));
  }

  private Future<JsonObject> select(SqlConnection conn, String id) {
    return conn.preparedQuery(db.sql("SELECT " + COLUMNS + " FROM monitors WHERE id = ?")).execute(Tuple.of(id))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(unknown(id))
            : Future.succeededFuture(new JsonObject().put("monitor", json(rows.iterator().next()))));
  }

  private Future<JsonObject> one(String id) {
    return db.read("SELECT " + COLUMNS + " FROM monitors WHERE id = ?", Tuple.of(id)).compose(rows -> rows.size() == 0
        ? Future.failedFuture(unknown(id)) : Future.succeededFuture(new JsonObject().put("monitor", json(rows.iterator().next()))));
  }

  /** An insert that failed: 409 when the id is there (the primary key held, whatever the dialect calls it). */
  private Future<JsonObject> taken(String id, Throwable cause) {
    return db.read("SELECT COUNT(*) FROM monitors WHERE id = ?", Tuple.of(id)).transform(ar -> {
      boolean exists = ar.succeeded() && count(ar.result()) > 0;
      return Future.failedFuture(exists ? new Refusal(Failures.CONFLICT, "DUPLICATE_NAME", "name",
          "name: a monitor named '" + id + "' already exists") : cause);
    });
  }

  private static long count(RowSet<Row> rows) {
    return ((Number) rows.iterator().next().getValue(0)).longValue();
  }

  private static Refusal unknown(String id) {
    return new Refusal(Failures.NOT_FOUND, "UNKNOWN_MONITOR", "no monitor '" + id + "'");
  }

  private static JsonObject json(Row row) {
    Object paused = row.getValue(3);
    return new JsonObject().put("id", row.getString(0)).put("type", row.getString(1))
        .put("definition", new JsonObject(row.getString(2)))
        .put("paused", paused instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(paused)))
        .put("updatedAt", ((Number) row.getValue(4)).longValue()).put("revision", ((Number) row.getValue(5)).longValue());
  }
}
