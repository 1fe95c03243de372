package dev.vigie.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.Metric;
import dev.vigie.bus.Refusal;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The board's rules for sections from outside, on plain values. */
class SectionBoardTest {
  private static final long SECOND = 1_000_000_000L;
  private final SectionBoard board = new SectionBoard(new SectionBounds(2, 3, 10, 100, 2000, 5000));

  private static SectionUpdate section(String name, Status status) {
    return new SectionUpdate(name, name, List.of(Metric.of("v", 1, null, status)), null);
  }

  @Test
  void builtInSectionsComeOnlyFromTheBusAndPushAtOnceWhenTheirStatusChanges() {
    Refusal reserved = assertThrows(Refusal.class, () -> board.put(section("downloads", Status.CRITICAL), true, Instant.now(), 0));
    assertEquals("RESERVED_SECTION", reserved.code());
    assertTrue(board.put(section("downloads", Status.GOOD), false, Instant.now(), 0), "a new built-in pushes at once");
    assertFalse(board.put(section("downloads", Status.GOOD), false, Instant.now(), 0));
    assertTrue(board.put(section("downloads", Status.CRITICAL), false, Instant.now(), 0));
    assertFalse(board.put(section("ext", Status.GOOD), true, Instant.now(), 0));
    assertFalse(board.put(section("ext", Status.CRITICAL), true, Instant.now(), 0), "external flips wait for the interval");
  }

  @Test
  void externalSectionsAreCountedSizedAndExpire() {
    board.put(section("a", Status.GOOD), true, Instant.now(), 0);
    board.put(section("b", Status.GOOD), false, Instant.now(), 2 * SECOND);
    Refusal full = assertThrows(Refusal.class, () -> board.put(section("c", Status.GOOD), true, Instant.now(), 0));
    assertEquals("TOO_MANY_SECTIONS", full.code());
    Refusal big = assertThrows(Refusal.class, () -> board.put(new SectionUpdate("a", "a title far too long",
        List.of(), null), true, Instant.now(), 0));
    assertEquals("title", big.field());
    long before = board.bytes();
    assertTrue(before > 0);
    board.drainChanged();

    assertEquals(List.of("a"), board.expire(6 * SECOND));
    assertEquals(new JsonObject().put("removed", new JsonArray().add("a")), board.drainRemoved());
    assertTrue(board.bytes() < before);
    assertEquals(1, board.external());
    board.put(section("c", Status.GOOD), true, Instant.now(), 6 * SECOND);
    assertEquals(List.of("b"), board.expire(7_100_000_000L));
  }

  @Test
  void eachNodesSectionsAreKeptApartBoundedByNodesAndRemovedWhenTheNodeLeaves() {
    SectionBoard nodes = new SectionBoard(new SectionBounds(2, 3, 10, 100, 2000, 5000, 2));
    nodes.put(section("cache", Status.GOOD), "node-a", false, Instant.now(), 0);
    nodes.put(section("cache", Status.CRITICAL), "node-b", false, Instant.now(), 0);
    nodes.put(section("cache", Status.WARNING), null, false, Instant.now(), 0);
    assertEquals("good", nodes.get("node-a", "cache").getString("status"));
    assertEquals("critical", nodes.get("node-b", "cache").getString("status"));
    assertEquals("node-b", nodes.get("node-b", "cache").getString("node"));
    assertFalse(nodes.get("cache").containsKey("node"), "an untagged section says no node");
    assertEquals(3, nodes.all().size());
    Refusal third = assertThrows(Refusal.class, () -> nodes.put(section("cache", Status.GOOD), "node-c", false, Instant.now(), 0));
    assertEquals("TOO_MANY_NODES", third.code());
    nodes.drainChanged();

    assertEquals(1, nodes.removeNode("node-b"));
    assertEquals(new JsonObject().put("removedFromNodes", new JsonArray().add(new JsonObject().put("node", "node-b")
        .put("section", "cache"))), nodes.drainRemoved());
    Refusal late = assertThrows(Refusal.class, () -> nodes.put(section("cache", Status.GOOD), "node-b", false, Instant.now(), 0));
    assertEquals("NODE_GONE", late.code());
    nodes.put(section("cache", Status.GOOD), "node-c", false, Instant.now(), 0);
    assertEquals(java.util.Set.of("node-a", "node-c"), nodes.nodes());
  }
}
