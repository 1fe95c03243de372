package dev.vigie.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Writes one batch of pending rows in one transaction: one batched insert per table. All or nothing. */
final class BatchWriter {
  private final StoreDatabase db;

  BatchWriter(StoreDatabase db) {
    this.db = db;
  }

  Future<Void> write(List<PendingRow> batch) {
    Map<PendingRow.Table, List<Tuple>> byTable = new EnumMap<>(PendingRow.Table.class);
    for (PendingRow row : batch) {
      byTable.computeIfAbsent(row.table(), t -> new ArrayList<>()).add(row.values());
    }
    return db.transaction(conn -> {
      Future<?> chain = Future.succeededFuture();
      for (Map.Entry<PendingRow.Table, List<Tuple>> e : byTable.entrySet()) {
        chain = chain.compose(v -> conn.preparedQuery(db.sql(e.getKey().insert)).executeBatch(e.getValue()));
      }
      return chain.mapEmpty();
    });
  }
}
