package dev.vigie.probe;

import dev.vigie.bus.Status;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * One freshness source's newest known data time. A failed check keeps the last known time (the data only gets
 * older); a source never answered has no time and reads "no data", which is neutral, not an error.
 */
final class FreshnessState {
  private final FreshnessSource source;
  private Instant newestAt;
  private String error;
  private Instant checkedAt;
  private final Streak streak = new Streak();

  FreshnessState(FreshnessSource source) {
    this.source = source;
  }

  FreshnessSource source() {
    return source;
  }

  Streak streak() {
    return streak;
  }

  void observed(Instant newest, Instant now) {
    if (newest != null) {
      newestAt = newest;
    }
    error = null;
    checkedAt = now;
  }

  void failed(String text, Instant now) {
    error = text;
    checkedAt = now;
  }

  Long ageMs(Instant now) {
    return newestAt == null ? null : Math.max(0, Duration.between(newestAt, now).toMillis());
  }

  Status status(Instant now) {
    Long age = ageMs(now);
    if (age == null) {
      return Status.NEUTRAL;
    }
    return age < source.goodAgeMs() ? Status.GOOD : age <= source.warningAgeMs() ? Status.WARNING : Status.CRITICAL;
  }

  /** {@code {source, kind, newestAt?, ageMs?, status, error?, time?}}. */
  JsonObject toJson(Instant now) {
    JsonObject json = new JsonObject().put("source", source.name()).put("kind", source.kindName())
        .put("status", status(now).wire()).put("goodAgeMs", source.goodAgeMs()).put("warningAgeMs", source.warningAgeMs());
    if (newestAt != null) {
      json.put("newestAt", newestAt.toString()).put("ageMs", ageMs(now));
    }
    if (error != null) {
      json.put("error", error);
    }
    if (checkedAt != null) {
      json.put("time", checkedAt.toString());
    }
    return json;
  }

  String error() {
    return error;
  }
}
