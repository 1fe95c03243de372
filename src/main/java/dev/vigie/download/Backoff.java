package dev.vigie.download;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/** How long to wait before another attempt: exponential backoff with jitter, or what {@code Retry-After} says. */
final class Backoff {
  private final long baseMs;
  private final long maxMs;
  private final long retryAfterMaxMs;

  Backoff(long baseMs, long maxMs, long retryAfterMaxMs) {
    this.baseMs = baseMs;
    this.maxMs = maxMs;
    this.retryAfterMaxMs = retryAfterMaxMs;
  }

  /**
   * The delay after the {@code failures}-th consecutive failure: {@code base * 2^(failures-1)} capped at the maximum,
   * then drawn in its upper half so that many clients retrying together spread out.
   */
  long delayMs(int failures) {
    long ceiling = baseMs << Math.min(failures - 1, 30);
    ceiling = ceiling <= 0 || ceiling > maxMs ? maxMs : ceiling;
    return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
  }

  /** The delay a failure asks for: its Retry-After (capped) when it has one, else the backoff. */
  long delayMs(DownloadFailure failure, int failures) {
    return failure.retryAfterMs() >= 0 ? Math.min(failure.retryAfterMs(), retryAfterMaxMs) : delayMs(failures);
  }

  /** Retry-After in milliseconds (delta-seconds or an HTTP date), or -1 when absent or unreadable. */
  static long retryAfterMs(String header, long nowMs) {
    if (header == null || header.isBlank()) {
      return -1;
    }
    String value = header.trim();
    try {
      return Math.max(0, Long.parseLong(value)) * 1000;
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        return Math.max(0, Duration.ofMillis(at.toInstant().toEpochMilli() - nowMs).toMillis());
      } catch (DateTimeParseException notDate) {
        return -1;
      }
    }
  }
}
