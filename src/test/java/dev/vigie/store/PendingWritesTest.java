package dev.vigie.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingWritesTest {
  private static PendingRow row(long at) {
    return new PendingRow(PendingRow.Table.RESULTS, Tuple.of(at), at);
  }

  @Test
  void pastItsBoundTheOldestRowsGoFirstAndAreCounted() {
    PendingWrites pending = new PendingWrites(3);
    for (long at = 1; at <= 5; at++) {
      pending.add(row(at));
    }
    assertEquals(3, pending.size());
    assertEquals(2, pending.dropped());
    assertEquals(List.of(3L, 4L), pending.take(2).stream().map(PendingRow::atMs).toList());
  }

  @Test
  void aBatchThatFailedGoesBackInFrontAndTheBoundStillHolds() {
    PendingWrites pending = new PendingWrites(3);
    pending.add(row(1));
    pending.add(row(2));
    List<PendingRow> batch = pending.take(2);
    pending.add(row(3));
    pending.add(row(4));
    pending.putBack(batch);
    assertEquals(1, pending.dropped(), "the oldest of the four went");
    assertEquals(List.of(2L, 3L, 4L), pending.take(10).stream().map(PendingRow::atMs).toList());
  }
}
