package dev.vigie.download;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpeedWindowTest {
  @Test
  void theSpeedWindowIsTheRateSinceTheLastReading() {
    SpeedWindow window = new SpeedWindow(1_000);
    window.received(300);
    window.received(200);
    assertEquals(1_000.0, window.bytesPerSecond(1_500));
    assertEquals(0.0, window.bytesPerSecond(2_500), "each reading starts a new window");
  }
}
