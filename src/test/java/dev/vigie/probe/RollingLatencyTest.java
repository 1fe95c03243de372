package dev.vigie.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RollingLatencyTest {

  @Test
  void percentilesCoverTheWindowAndForgetOlderResults() {
    RollingLatency rolling = new RollingLatency(300_000);
    long t0 = 1_000_000_000L;
    for (int i = 1; i <= 100; i++) {
      rolling.record(t0, i, i <= 90);
    }
    RollingLatency.Window w = rolling.window(t0);
    assertEquals(100, w.samples());
    assertEquals(0.9, w.successRatio(), 1e-9);
    assertEquals(50, w.p50(), 1);
    assertEquals(95, w.p95(), 1);
    assertEquals(99, w.p99(), 1);

    long later = t0 + 200_000;
    rolling.record(later, 1000, true);
    assertEquals(101, rolling.window(later).samples(), "both inside the window");

    long muchLater = t0 + 420_000;
    RollingLatency.Window recent = rolling.window(muchLater);
    assertEquals(1, recent.samples(), "results older than the window (plus one slice) are gone");
    assertEquals(1000, recent.p99(), 10);
    assertTrue(Double.isNaN(rolling.window(t0 + 2_000_000).p50()), "an empty window has no percentiles");
  }
}
