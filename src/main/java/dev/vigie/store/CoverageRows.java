package dev.vigie.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The coverage ledger's rows (table {@code coverage}), for the coverage area, which has decided every change and
 * validated every question before it comes here (see bus/StoreBus's COVERAGE_SAVE and COVERAGE_QUERY). A change
 * sets only the fields it carries; it can be limited to a new row ({@code onlyIfNew}) or leave rows in some states
 * alone ({@code keep}). Portable SQL: a read, then an insert or an update, in one transaction per batch.
 */
final class CoverageRows {
  /** Fields a change may set, and their columns. */
  private static final Map<String, String> FIELDS = new LinkedHashMap<>();
  private static final String COLUMNS = "archive_key, market, data_type, symbol, interval_name, period, archive_date, "
      + "state, reason, score_percent, gaps, missing, coverage_percent, sha256, republished_at, updated_ms";

  static {
    FIELDS.put("state", "state");
    FIELDS.put("reason", "reason");
    FIELDS.put("scorePercent", "score_percent");
    FIELDS.put("gaps", "gaps");
    FIELDS.put("missing", "missing");
    FIELDS.put("coveragePercent", "coverage_percent");
    FIELDS.put("sha256", "sha256");
    FIELDS.put("republishedAt", "republished_at");
  }

  private final StoreDatabase db;

  CoverageRows(StoreDatabase db) {
    this.db = db;
  }

  /** Applies {@code {rows: [change]}}; replies {@code {written}} (rows inserted or updated). */
  Future<JsonObject> save(JsonArray rows, long now) {
    return db.transaction(conn -> {
      Future<Integer> chain = Future.succeededFuture(0);
      for (int i = 0; i < rows.size(); i++) {
        JsonObject change = rows.getJsonObject(i);
        chain = chain.compose(written -> apply(conn, change, now).map(n -> written + n));
      }
      return chain;
    }).map(written -> new JsonObject().put("written", written));
  }

  private Future<Integer> apply(SqlConnection conn, JsonObject change, long now) {
    String key = change.getString("key");
    return conn.preparedQuery(db.sql("SELECT state FROM coverage WHERE archive_key = ?")).execute(Tuple.of(key))
        .compose(found -> {
          if (found.size() == 0) {
            return insert(conn, change, now);
          }
          String state = found.iterator().next().getString(0);
          JsonArray keep = change.getJsonArray("keep", new JsonArray());
          if (change.getBoolean("onlyIfNew", false) || keep.contains(state)) {
            return Future.succeededFuture(0);
          }
          return update(conn, change, now);
        });
  }

  private Future<Integer> insert(SqlConnection conn, JsonObject change, long now) {
    Tuple params = Tuple.of(change.getString("key"), change.getString("market"), change.getString("dataType"),
        change.getString("symbol"), change.getString("interval", ""), change.getString("period"),
        change.getString("date"), change.getString("state"));
    params.addValue(change.getString("reason")).addValue(change.getDouble("scorePercent"))
        .addValue(change.getLong("gaps")).addValue(change.getLong("missing"))
        .addValue(change.getDouble("coveragePercent")).addValue(change.getString("sha256"))
        .addValue(change.getLong("republishedAt")).addValue(now);
    return conn.preparedQuery(db.sql("INSERT INTO coverage (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        + "?, ?, ?, ?, ?, ?)")).execute(params).map(r -> 1);
  }

  private Future<Integer> update(SqlConnection conn, JsonObject change, long now) {
    StringBuilder set = new StringBuilder();
    Tuple params = Tuple.tuple();
    FIELDS.forEach((field, column) -> {
      if (change.containsKey(field)) {
        set.append(column).append(" = ?, ");
        params.addValue(change.getValue(field));
      }
    });
    params.addValue(now).addValue(change.getString("key"));
    return conn.preparedQuery(db.sql("UPDATE coverage SET " + set + "updated_ms = ? WHERE archive_key = ?"))
        .execute(params).map(r -> r.rowCount());
  }

  /**
   * Answers {@code {market?, dataType?, symbol?, interval?, period?, state?, from?, to?, cursor?, limit}}: rows in key
   * order after the cursor, {@code {items, next, counts: {state: n}}} (counts over the whole filter). With
   * {@code form: "cells"} (and {@code maxCells}), the compact answer of {@link #cells} instead.
   */
  Future<JsonObject> query(JsonObject q) {
    if ("cells".equals(q.getString("form"))) {
      return cells(q);
    }
    List<Object> params = new ArrayList<>();
    StringBuilder where = where(q, params);
    List<Object> countParams = new ArrayList<>(params);
    String countWhere = where.toString();
    filter(where, params, q, "state", "state");
    Future<JsonObject> counts = db.read("SELECT state, COUNT(*) FROM coverage" + countWhere
        + " GROUP BY state ORDER BY state", Tuple.from(countParams)).map(rows -> {
          JsonObject byState = new JsonObject();
          rows.forEach(row -> byState.put(row.getString(0), row.getLong(1)));
          return byState;
        });
    if (q.getString("cursor") != null) {
      where.append(" AND archive_key > ?");
      params.add(q.getString("cursor"));
    }
    int limit = q.getInteger("limit");
    params.add(limit + 1);
    Future<JsonObject> page = db.read("SELECT " + COLUMNS + " FROM coverage" + where + " ORDER BY archive_key LIMIT ?",
        Tuple.from(params)).map(rows -> {
          JsonArray items = new JsonArray();
          for (Row row : rows) {
            if (items.size() < limit) {
              items.add(json(row));
            }
          }
          String next = rows.size() > limit ? items.getJsonObject(limit - 1).getString("key") : null;
          return new JsonObject().put("items", items).put("next", next);
        });
    return Future.all(page, counts).map(v -> page.result().put("counts", counts.result()));
  }

  /**
   * The heatmap's answer in two queries whatever the number of entries: the counts and date bounds, then one string
   * per symbol aggregated by the database ({@code date+code,...}), so a few hundred rows cross the SQL client instead
   * of one per entry (365,200 rows took 2.5 s through it). See {@link CoverageCell} for the answer. Past
   * {@code maxCells} entries only the counts come back, with {@code truncated: true}.
   */
  private Future<JsonObject> cells(JsonObject q) {
    List<Object> params = new ArrayList<>();
    StringBuilder where = where(q, params);
    filter(where, params, q, "state", "state");
    Tuple tuple = Tuple.from(params);
    int maxCells = q.getInteger("maxCells");
    return db.read("SELECT state, COUNT(*), MIN(archive_date), MAX(archive_date) FROM coverage" + where
        + " GROUP BY state", tuple).compose(bounds -> {
          CoverageCell.Grid grid = CoverageCell.grid(bounds, maxCells);
          if (grid.empty()) {
            return Future.succeededFuture(grid.answer());
          }
          String cell = "archive_date || " + CoverageCell.CODE_SQL;
          String aggregate = "H2".equals(db.kind()) ? "LISTAGG(" + cell + ", ',') WITHIN GROUP (ORDER BY archive_date)"
              : "STRING_AGG(" + cell + ", ',' ORDER BY archive_date)";
          return db.read("SELECT symbol, " + aggregate + " FROM coverage" + where + " GROUP BY symbol ORDER BY symbol",
              tuple).map(rows -> {
                rows.forEach(row -> grid.add(row.getString(0), row.getString(1)));
                return grid.answer();
              });
        });
  }

  /** The filters every question shares (all but state), as a WHERE clause and its parameters. */
  private static StringBuilder where(JsonObject q, List<Object> params) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    filter(where, params, q, "market", "market");
    filter(where, params, q, "dataType", "data_type");
    filter(where, params, q, "symbol", "symbol");
    filter(where, params, q, "interval", "interval_name");
    filter(where, params, q, "period", "period");
    if (q.getString("from") != null) {
      where.append(" AND archive_date >= ?");
      params.add(q.getString("from"));
    }
    if (q.getString("to") != null) {
      where.append(" AND archive_date <= ?");
      params.add(q.getString("to"));
    }
    return where;
  }

  private static void filter(StringBuilder where, List<Object> params, JsonObject q, String field, String column) {
    if (q.getString(field) != null) {
      where.append(" AND ").append(column).append(" = ?");
      params.add(q.getString(field));
    }
  }

  private static JsonObject json(Row row) {
    JsonObject item = new JsonObject().put("key", row.getString(0)).put("market", row.getString(1))
        .put("dataType", row.getString(2)).put("symbol", row.getString(3))
        .put("interval", row.getString(4).isEmpty() ? null : row.getString(4)).put("period", row.getString(5))
        .put("date", row.getString(6)).put("state", row.getString(7)).put("reason", row.getString(8))
        .put("scorePercent", row.getDouble(9)).put("gaps", row.getLong(10)).put("missing", row.getLong(11))
        .put("coveragePercent", row.getDouble(12)).put("sha256", row.getString(13));
    Long republished = row.getLong(14);
    return item.put("republishedAt", republished == null ? null : Instant.ofEpochMilli(republished).toString())
        .put("updatedAt", Instant.ofEpochMilli(row.getLong(15)).toString());
  }
}
