package dev.vigie.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RendezvousHashTest {
  private static final List<String> KEYS = IntStream.range(0, 10_000).mapToObj(i -> "endpoint-" + i).toList();
  private static final List<String> THREE = List.of("3f1c-a", "9b2e-b", "c07d-c");

  @Test
  void everyKeyHasExactlyOneOwnerAmongTheMembers() {
    Map<String, Integer> owned = new HashMap<>();
    for (String member : THREE) {
      for (String key : RendezvousHash.ownedBy(member, KEYS, THREE)) {
        owned.merge(key, 1, Integer::sum);
      }
    }
    assertEquals(KEYS.size(), owned.size(), "every key is owned");
    assertTrue(owned.values().stream().allMatch(n -> n == 1), "no key is owned twice");
    KEYS.forEach(key -> assertTrue(THREE.contains(RendezvousHash.owner(key, THREE))));
    assertNull(RendezvousHash.owner("endpoint-1", List.of()), "no member, no owner");
  }

  @Test
  void theOwnerDoesNotDependOnTheOrderMembersAreListedIn() {
    List<String> shuffled = new ArrayList<>(THREE);
    Collections.shuffle(shuffled, new Random(7));
    Collections.reverse(shuffled);
    for (String key : KEYS) {
      assertEquals(RendezvousHash.owner(key, THREE), RendezvousHash.owner(key, shuffled), key);
    }
  }

  @Test
  void keysAreSpreadEvenly() {
    for (String member : THREE) {
      int share = RendezvousHash.ownedBy(member, KEYS, THREE).size();
      // A third of 10,000 is 3,333; a fair hash stays well within 10 % of it.
      assertTrue(share > 3000 && share < 3667, member + " owns " + share);
    }
  }

  @Test
  void aJoiningMemberTakesOnlyTheKeysItNowWins() {
    List<String> four = new ArrayList<>(THREE);
    four.add("e55a-d");
    int moved = 0;
    for (String key : KEYS) {
      String before = RendezvousHash.owner(key, THREE);
      String after = RendezvousHash.owner(key, four);
      if (!before.equals(after)) {
        moved++;
        assertEquals("e55a-d", after, key + " moved, but not to the newcomer");
      }
    }
    // About a quarter moves: what the newcomer owns, nothing more.
    assertTrue(moved > 2200 && moved < 2800, moved + " keys moved");
  }

  @Test
  void aLeavingMembersKeysAloneMoveAndTheyAreShared() {
    List<String> two = List.of("3f1c-a", "c07d-c");
    Map<String, Integer> heirs = new HashMap<>();
    for (String key : KEYS) {
      String before = RendezvousHash.owner(key, THREE);
      String after = RendezvousHash.owner(key, two);
      if (before.equals("9b2e-b")) {
        heirs.merge(after, 1, Integer::sum);
      } else {
        assertEquals(before, after, key + " moved though its owner stayed");
      }
    }
    // The leaver's keys are spread over both survivors, not dumped on one.
    assertEquals(2, heirs.size());
    heirs.values().forEach(n -> assertTrue(n > 1300, heirs.toString()));
  }
}
