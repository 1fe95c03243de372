package dev.vigie.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigie.bus.Metric;
import dev.vigie.bus.Refusal;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The snapshot's text is built once per change of a section, the log or the alerts, and says what the JSON says. */
class SnapshotTextTest {
  private static final Instant NOW = Instant.parse("2026-12-02T04:00:00Z");
  private final SectionBoard board = new SectionBoard(new SectionBounds(8, 8, 100, 1000, 10_000, 5000));
  private final ActivityLog log = new ActivityLog(10);
  private final SnapshotText snapshots = new SnapshotText(1_000_000);

  private void put(String name, Object value) {
    board.put(new SectionUpdate(name, "Title \"" + name + "\" é",
        List.of(Metric.of("v", value, "ms", Status.GOOD)), new JsonObject().put("note", "<b>\n")), true, NOW, 0);
  }

  @Test
  void oneTextServesEveryRequestUntilSomethingChanges() {
    put("a", 1);
    put("b", "two");
    log.append(NOW, "info", "started", "monitor", null);
    JsonArray alerts = new JsonArray().add(new JsonObject().put("id", "x").put("state", "raised"));

    Buffer first = snapshots.of(board, log, alerts, NOW);
    String firstVersion = snapshots.version();
    for (int i = 0; i < 100; i++) {
      assertSame(first, snapshots.of(board, log, alerts.copy(), NOW.plusSeconds(i)), "request " + i);
      assertEquals(firstVersion, snapshots.version());
    }
    assertEquals(1, snapshots.builds(), "texts built for 101 requests with no change");

    put("a", 2);
    Buffer afterSection = snapshots.of(board, log, alerts, NOW);
    assertEquals(2, snapshots.builds());
    assertNotEquals(firstVersion, snapshots.version(), "a new text has a new version");
    assertEquals(2, section(afterSection, "a").getJsonArray("metrics").getJsonObject(0).getInteger("value"));

    log.append(NOW, "warning", "something", "web", null);
    snapshots.of(board, log, alerts, NOW);
    assertEquals(3, snapshots.builds(), "a log entry changes the snapshot");

    alerts.getJsonObject(0).put("state", "cleared");
    snapshots.of(board, log, alerts, NOW);
    assertEquals(4, snapshots.builds(), "an alert that changed changes the snapshot");

    board.expire(Long.MAX_VALUE);
    JsonObject emptied = new JsonObject(snapshots.of(board, log, alerts, NOW));
    assertEquals(5, snapshots.builds(), "expired sections change the snapshot");
    assertEquals(0, emptied.getJsonArray("sections").size());
  }

  @Test
  void theTextIsTheSnapshotEncoded() {
    put("a", 1.5);
    put("b", "two");
    log.append(NOW, "info", "a \"quoted\" line", null, null);
    JsonArray alerts = new JsonArray().add(new JsonObject().put("id", "x"));
    JsonObject expected = new JsonObject().put("sections", board.all()).put("log", log.toJson()).put("alerts", alerts)
        .put("ts", NOW.toString());
    assertEquals(expected, new JsonObject(snapshots.of(board, log, alerts, NOW)));
    assertEquals(Buffer.buffer(expected.encode()), snapshots.of(board, log, alerts, NOW), "the same text, byte for byte");
  }

  @Test
  void aSnapshotOverTheCeilingIsRefused() {
    SnapshotText small = new SnapshotText(100);
    put("a", "x".repeat(90));
    Refusal refusal = assertThrows(Refusal.class, () -> small.of(board, log, new JsonArray(), NOW));
    assertEquals("SNAPSHOT_TOO_LARGE", refusal.code());
    assertEquals(0, small.builds());
  }

  @Test
  void textOutsideLatin1IsUtf8() {
    board.put(new SectionUpdate("u", "délai — 5 ms · ok 🚀", List.of(Metric.of("v", "ß", "ms", Status.GOOD)), null),
        true, NOW, 0);
    log.append(NOW, "info", "téléchargé — ok", "monitor", null);
    JsonObject expected = new JsonObject().put("sections", board.all()).put("log", log.toJson())
        .put("alerts", new JsonArray()).put("ts", NOW.toString());
    Buffer text = snapshots.of(board, log, new JsonArray(), NOW);
    assertEquals(Buffer.buffer(expected.encode().getBytes(StandardCharsets.UTF_8)), text);
  }

  @Test
  void versionsOfAnotherMonitorDiffer() {
    put("a", 1);
    snapshots.of(board, log, new JsonArray(), NOW);
    SnapshotText other = new SnapshotText(1_000_000);
    other.of(board, log, new JsonArray(), NOW);
    assertNotEquals(snapshots.version(), other.version(), "a redeployed monitor's first text is not the old first");
  }

  private static JsonObject section(Buffer text, String name) {
    return new JsonObject(text).getJsonArray("sections").stream().map(JsonObject.class::cast)
        .filter(s -> name.equals(s.getString("section"))).findFirst().orElseThrow();
  }
}
