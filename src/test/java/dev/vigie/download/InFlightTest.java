package dev.vigie.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.RendezvousHash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who takes over a departed member's downloads: only its claims, each by exactly one survivor. */
class InFlightTest {
  @Test
  void aDepartedMembersClaimsAreSplitAmongTheSurvivorsEachTakenOnce() {
    Map<String, String> claims = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      String node = List.of("a", "b", "c").get(i % 3);
      claims.put("data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-" + i + ".zip", new InFlight(node, i, i % 2 == 0).encode());
    }
    Set<String> survivors = Set.of("a", "c");
    List<String> taken = new ArrayList<>();
    taken.addAll(InFlight.orphansFor("a", claims, survivors, Set.of("b"), 300, 30_000));
    List<String> byC = InFlight.orphansFor("c", claims, survivors, Set.of("b"), 300, 30_000);
    taken.addAll(byC);

    List<String> orphans = claims.entrySet().stream().filter(e -> InFlight.decode(e.getValue()).node().equals("b"))
        .map(Map.Entry::getKey).sorted().toList();
    assertEquals(orphans, taken.stream().sorted().toList(), "every orphan taken once, nothing else");
    assertTrue(!byC.isEmpty() && byC.size() < orphans.size(), "shared out: " + byC.size() + " of " + orphans.size());
    byC.forEach(key -> assertEquals("c", RendezvousHash.owner(key, survivors)));
    assertEquals(List.of(), InFlight.orphansFor("b", claims, survivors, Set.of("b"), 300, 30_000), "a departed member takes nothing");
  }

  @Test
  void aMemberNeverSeenIsLeftAloneUntilItsClaimIsOld() {
    String key = "data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.zip";
    Map<String, String> claims = Map.of(key, new InFlight("newcomer", 10_000, false).encode());
    Set<String> members = Set.of("a");
    // Just joined, ahead of this node's view: not taken.
    assertEquals(List.of(), InFlight.orphansFor("a", claims, members, Set.of(), 12_000, 30_000));
    // Seen to leave: taken at once.
    assertEquals(List.of(key), InFlight.orphansFor("a", claims, members, Set.of("newcomer"), 12_000, 30_000));
    // Never seen and long silent (it left before this node joined): taken.
    assertEquals(List.of(key), InFlight.orphansFor("a", claims, members, Set.of(), 40_001, 30_000));
  }

  @Test
  void anEntryKeepsItsMemberTimeAndForceThroughTheMap() {
    InFlight entry = new InFlight("node-1", 1234L, true);
    assertEquals(entry, InFlight.decode(entry.encode()));
  }
}
