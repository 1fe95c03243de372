package dev.vigie.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The fence's lease, on a clock of its own: when a member may fetch, and when survivors may take its claims. */
class FenceTest {
  private static final long LEASE = 5000;

  @Test
  void withoutAQuorumItIsAlwaysOpenAndTakeoversAreImmediate() {
    Fence fence = new Fence(false, LEASE, 0);
    fence.quorate(false);
    assertTrue(fence.open(1_000_000));
    assertEquals(0, fence.takeoverDelayMs());
    assertNull(fence.closedReason(1_000_000, 1));
  }

  @Test
  void itIsOpenForALeaseAfterTheLastRoundTripStarted() {
    Fence fence = new Fence(true, LEASE, 0);
    assertFalse(fence.open(0), "closed until a first round trip to the map");
    fence.confirmed(100);
    assertTrue(fence.open(100));
    assertTrue(fence.open(100 + LEASE));
    assertFalse(fence.open(101 + LEASE), "a lease after the round trip started, not after it answered");
    assertTrue(fence.closedReason(101 + LEASE, 3).contains("has not answered for 5001 ms"));
    fence.confirmed(50);
    assertFalse(fence.open(101 + LEASE), "an older round trip that answers late does not move the lease back");
  }

  @Test
  void aSideWithoutTheQuorumIsClosedAtOnceAndItsRoundTripsDoNotCount() {
    Fence fence = new Fence(true, LEASE, 0);
    fence.confirmed(1000);
    fence.quorate(false);
    assertFalse(fence.open(1001));
    assertTrue(fence.closedReason(1001, 1).contains("sees 1 member(s), fewer than cluster.quorum"));
    fence.confirmed(2000);
    fence.quorate(true);
    assertFalse(fence.open(1000 + LEASE + 1), "the round trip made without the quorum renewed nothing");
    fence.confirmed(7000);
    assertTrue(fence.open(7001));
  }

  @Test
  void survivorsWaitPastTheLeaseBeforeTakingADepartedMembersClaims() {
    Fence fence = new Fence(true, LEASE, 0);
    assertEquals(LEASE + Fence.TAKEOVER_MARGIN_MS, fence.takeoverDelayMs());
    assertTrue(fence.takeoverDelayMs() > fence.leaseMs());
  }
}
