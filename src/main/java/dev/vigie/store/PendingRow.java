package dev.vigie.store;

import io.vertx.sqlclient.Tuple;

/** One row waiting to be written: the table it goes to, its values in that table's insert order, and its time. */
record PendingRow(Table table, Tuple values, long atMs) {

  /** The tables the store writes as facts arrive, each with its one insert statement. */
  enum Table {
    RESULTS("INSERT INTO results (monitor, kind, at_ms, ok, value_ms, status_code, reason) VALUES (?, ?, ?, ?, ?, ?, ?)"),
    ALERTS("INSERT INTO alert_events (alert_id, state, at_ms, raised_ms, severity, body) VALUES (?, ?, ?, ?, ?, ?)"),
    RECORDS("INSERT INTO records (category, at_ms, name, outcome, body) VALUES (?, ?, ?, ?, ?)");

    final String insert;

    Table(String insert) {
      this.insert = insert;
    }
  }
}
