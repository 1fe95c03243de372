package dev.vigie.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(100, 1000, 5000);

  @Test
  void delaysDoubleWithJitterUpToTheMaximum() {
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      long first = backoff.delayMs(1);
      long third = backoff.delayMs(3);
      long late = backoff.delayMs(40);
      assertTrue(first >= 50 && first <= 100, "first " + first);
      assertTrue(third >= 200 && third <= 400, "third " + third);
      assertTrue(late >= 500 && late <= 1000, "capped " + late);
      seen.add(third);
    }
    assertTrue(seen.size() > 10, "jittered, not fixed: " + seen.size() + " distinct delays");
  }

  @Test
  void retryAfterIsReadAsSecondsOrAnHttpDateAndCapped() {
    long now = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    assertEquals(3000, Backoff.retryAfterMs("3", now));
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochMilli(now + 7000).atOffset(ZoneOffset.UTC));
    assertEquals(7000, Backoff.retryAfterMs(date, now));
    assertEquals(-1, Backoff.retryAfterMs("soon", now));
    assertEquals(-1, Backoff.retryAfterMs(null, now));
    DownloadFailure asksAMinute = DownloadFailure.transientFault(DownloadFailure.HTTP_ERROR, "429", 60_000);
    assertEquals(5000, backoff.delayMs(asksAMinute, 1), "capped at retryAfterMaxMs");
  }
}
