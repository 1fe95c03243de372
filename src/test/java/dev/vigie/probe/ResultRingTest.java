package dev.vigie.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResultRingTest {
  @Test
  void percentilesCoverTheWindowAndTheRingForgetsTheOldest() {
    ResultRing ring = new ResultRing(200);
    long t0 = 1_000_000_000L;
    for (int i = 1; i <= 100; i++) {
      ring.record(t0, i, i <= 90 ? 200 : 503, i <= 90 ? null : FailureReason.STATUS);
    }
    ResultRing.Window w = ring.window(t0, 300_000);
    assertEquals(100, w.samples());
    assertEquals(0.9, w.successRatio(), 1e-9);
    assertEquals(50, w.p50());
    assertEquals(95, w.p95());
    assertEquals(99, w.p99());

    ring.record(t0 + 200_000, 1000, 200, null);
    assertEquals(101, ring.window(t0 + 200_000, 300_000).samples(), "both inside the window");
    ResultRing.Window recent = ring.window(t0 + 420_000, 300_000);
    assertEquals(1, recent.samples(), "results older than the window are left out");
    assertEquals(1000, recent.p99());
    assertTrue(Double.isNaN(ring.window(t0 + 2_000_000, 300_000).p50()), "an empty window has no percentiles");

    for (int i = 0; i < 250; i++) {
      ring.record(t0 + 300_000 + i, 7, 200, null);
    }
    assertEquals(200, ring.size(), "at most its capacity");
    assertEquals(200, ring.history().size());
    assertEquals(7.0, ring.history().getJsonObject(0).getDouble("latencyMs"), "the oldest were dropped");
    assertEquals(3, ring.chart(3).getJsonArray("t").size());
  }
}
