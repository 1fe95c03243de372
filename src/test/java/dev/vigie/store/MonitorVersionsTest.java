package dev.vigie.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.Refusal;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The rules every store of a cluster applies to the cluster's copy of a monitor, without Vert.x. */
class MonitorVersionsTest {
  private static final JsonObject DEFINITION = new JsonObject().put("name", "m").put("url", "http://127.0.0.1:9/");

  @Test
  void aChangeIsDecidedAgainstTheClustersCopyAndItsRevisionGoesOnThroughARemoval() {
    JsonObject added = MonitorVersions.next(change("add").put("type", "endpoint").put("definition", DEFINITION), null, null, 10);
    assertEquals(1, added.getLong("revision"));
    assertFalse(added.getBoolean("paused"));

    JsonObject paused = MonitorVersions.next(change("pause"), added, null, 20);
    assertEquals(2, paused.getLong("revision"));
    assertTrue(paused.getBoolean("paused"));
    JsonObject replaced = MonitorVersions.next(change("replace").put("type", "endpoint")
        .put("definition", DEFINITION.copy().put("intervalMs", 7000)), paused, null, 30);
    assertEquals(3, replaced.getLong("revision"));
    assertTrue(replaced.getBoolean("paused"), "a replace that does not say keeps the monitor paused");

    JsonObject removal = MonitorVersions.next(change("remove"), replaced, null, 40);
    assertTrue(MonitorVersions.isRemoval(removal));
    assertEquals(4, removal.getLong("revision"));
    JsonObject again = MonitorVersions.next(change("add").put("type", "endpoint").put("definition", DEFINITION), null, removal, 50);
    assertEquals(5, again.getLong("revision"), "added again: newer than any copy of the removed one");
    assertSame(again, MonitorVersions.newest(again, removal));
    assertSame(removal, MonitorVersions.newest(replaced, removal));
  }

  @Test
  void aNameTakenOrUnknownInTheClusterIsRefusedWhateverThisStoreHolds() {
    JsonObject row = MonitorVersions.next(change("add").put("type", "endpoint").put("definition", DEFINITION), null, null, 10);
    Refusal taken = assertThrows(Refusal.class, () -> MonitorVersions.next(change("add").put("type", "endpoint")
        .put("definition", DEFINITION), row, null, 20));
    assertEquals("DUPLICATE_NAME", taken.code());
    for (String op : new String[] {"replace", "pause", "resume", "remove"}) {
      Refusal unknown = assertThrows(Refusal.class, () -> MonitorVersions.next(change(op).put("type", "endpoint")
          .put("definition", DEFINITION), null, null, 20));
      assertEquals("UNKNOWN_MONITOR", unknown.code(), op);
    }
  }

  @Test
  void theNewerCopyIsTheHigherRevisionThenTheLaterTime() {
    JsonObject older = new JsonObject().put("revision", 2).put("updatedAt", 900);
    JsonObject newer = new JsonObject().put("revision", 3).put("updatedAt", 100);
    assertTrue(MonitorVersions.newer(newer, older));
    assertFalse(MonitorVersions.newer(older, newer));
    assertTrue(MonitorVersions.newer(older.copy().put("updatedAt", 901), older));
    assertFalse(MonitorVersions.newer(older, older.copy()));
    assertTrue(MonitorVersions.newer(older, null));
    assertFalse(MonitorVersions.newer(null, older));
  }

  private static JsonObject change(String op) {
    return new JsonObject().put("op", op).put("id", "m");
  }
}
