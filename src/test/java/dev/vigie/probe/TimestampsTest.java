package dev.vigie.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  private static final Instant T = Instant.parse("2026-11-23T09:30:00Z");

  @Test
  void readsEpochSecondsMillisecondsMicrosecondsAndIso() {
    assertEquals(T, Timestamps.parse(T.getEpochSecond()));
    assertEquals(T, Timestamps.parse(T.toEpochMilli()));
    assertEquals(T, Timestamps.parse(T.toEpochMilli() * 1000));
    assertEquals(T, Timestamps.parse(String.valueOf(T.toEpochMilli())));
    assertEquals(T, Timestamps.parse("2026-11-23T09:30:00Z"));
    assertEquals(T, Timestamps.parse("2026-11-23T10:30:00+01:00"));
    assertEquals(T, Timestamps.parse("2026-11-23T09:30:00"));
    assertThrows(IllegalArgumentException.class, () -> Timestamps.parse("yesterday"));
    assertThrows(IllegalArgumentException.class, () -> Timestamps.parse(true));
  }
}
