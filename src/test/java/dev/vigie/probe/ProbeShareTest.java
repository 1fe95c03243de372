package dev.vigie.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProbeShareTest {
  @Test
  void aloneEveryMonitorIsThisNodes() {
    ProbeShare alone = new ProbeShare(false);
    assertTrue(alone.known());
    assertTrue(alone.owns("endpoint:a"));
    assertNull(alone.toJson(1, 1), "nothing to say about a cluster");
  }

  @Test
  void aMemberChecksNothingUntilItKnowsTheMembersThenExactlyOneMemberOwnsEachMonitor() {
    List<String> members = List.of("n1", "n2", "n3");
    List<ProbeShare> shares = members.stream().map(id -> {
      ProbeShare share = new ProbeShare(true);
      assertFalse(share.known());
      assertFalse(share.owns("endpoint:a"), "no member list yet: nothing checked twice");
      assertTrue(share.members(id, members));
      assertFalse(share.members(id, members), "the same list changes nothing");
      return share;
    }).toList();
    for (int i = 0; i < 1000; i++) {
      String key = "endpoint:ep-" + i;
      assertEquals(1, shares.stream().filter(s -> s.owns(key)).count(), key);
    }
    assertEquals(3, shares.get(0).toJson(5, 15).getJsonArray("members").size());
  }

  @Test
  void aClusteredNodeWithoutClusterAreaChecksEverythingUntilAMemberListComes() {
    ProbeShare share = new ProbeShare(true);
    share.alone();
    assertTrue(share.known());
    assertTrue(share.owns("endpoint:a"));
    assertTrue(share.members("n1", List.of("n1", "n2")));
    long mine = IntStream.range(0, 100).filter(i -> share.owns("endpoint:ep-" + i)).count();
    assertTrue(mine > 0 && mine < 100, "its share, no longer everything: " + mine);
  }
}
