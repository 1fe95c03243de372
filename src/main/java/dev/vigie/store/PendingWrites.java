package dev.vigie.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The bounded buffer between the bus and the database: facts wait here until a batch is written, and stay here
 * while the database is slow or down. Past {@code bound} rows the oldest go first, and are counted. Owned by the
 * store verticle alone.
 */
final class PendingWrites {
  private final int bound;
  private final ArrayDeque<PendingRow> rows = new ArrayDeque<>();
  private long dropped;

  PendingWrites(int bound) {
    this.bound = bound;
  }

  void add(PendingRow row) {
    if (rows.size() == bound) {
      rows.removeFirst();
      dropped++;
    }
    rows.addLast(row);
  }

  /** Takes up to {@code max} of the oldest rows out of the buffer, oldest first. */
  List<PendingRow> take(int max) {
    List<PendingRow> batch = new ArrayList<>(Math.min(max, rows.size()));
    while (batch.size() < max && !rows.isEmpty()) {
      batch.add(rows.removeFirst());
    }
    return batch;
  }

  /** Puts a batch that could not be written back in front, oldest first; whatever is past the bound is dropped. */
  void putBack(List<PendingRow> batch) {
    for (int i = batch.size() - 1; i >= 0; i--) {
      rows.addFirst(batch.get(i));
    }
    while (rows.size() > bound) {
      rows.removeFirst();
      dropped++;
    }
  }

  int size() {
    return rows.size();
  }

  int bound() {
    return bound;
  }

  /** Rows dropped because the buffer was full, since start. */
  long dropped() {
    return dropped;
  }
}
