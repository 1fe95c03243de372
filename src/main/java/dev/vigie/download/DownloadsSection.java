package dev.vigie.download;

import dev.vigie.bus.Metric;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import dev.vigie.bus.Thresholds;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Builds the monitor's "downloads" section from the verticle's counters and jobs. */
final class DownloadsSection {
  static final String NAME = "downloads";
  private static final int LISTED = 20;

  private final Thresholds thresholds;

  DownloadsSection(Thresholds thresholds) {
    this.thresholds = thresholds;
  }

  record Counts(long completed, long failed, long missing, long corrupted, double bytesPerSecond) {
  }

  /**
   * @param lastRevalidation the summary of the last checksum revalidation, or null before the first
   */
  SectionUpdate build(Counts counts, Collection<Job> active, Collection<Job> queued, Collection<Job> recent,
      String host, CircuitBreakerState breaker, long breakerFailures, String storageError, JsonObject lastRevalidation) {
    double mbps = counts.bytesPerSecond() / 1_000_000.0;
    long finished = counts.completed() + counts.failed();
    double errorRate = finished == 0 ? 0 : counts.failed() * 100.0 / finished;
    List<Metric> metrics = List.of(
        Metric.of("Active", active.size(), null, Status.NEUTRAL),
        Metric.of("Queued", queued.size(), null, Status.NEUTRAL),
        Metric.of("Completed", counts.completed(), null, Status.NEUTRAL),
        Metric.of("Failed", counts.failed(), null, Status.NEUTRAL)
            .withHint("downloads that ended in an error (missing archives are counted apart)"),
        Metric.of("Speed", round(mbps), "MB/s",
            active.isEmpty() || counts.bytesPerSecond() == 0 ? Status.NEUTRAL
                : thresholds.evaluate("downloadSpeedMBps", mbps))
            .withHint("bytes received over the last interval, all transfers together; judged only while bytes flow "
                + "(a transfer waiting for its server or its next retry is not a slow one)"),
        Metric.of("Error rate", round(errorRate), "%",
            finished == 0 ? Status.NEUTRAL : thresholds.evaluate("errorRatePercent", errorRate)),
        Metric.of("Breaker", stateName(breaker), null, breakerStatus(breaker))
            .withHint("circuit breaker for " + host + ": open means requests fail fast with BREAKER_OPEN"),
        Metric.of("Corrupted", counts.corrupted(), null, Status.NEUTRAL)
            .withHint("archives whose SHA-256 did not match their CHECKSUM (deleted, retried once)"),
        Metric.of("Missing", counts.missing(), null, Status.NEUTRAL)
            .withHint("archives the source does not have (404): Binance lacks some days"),
        storageError == null ? Metric.of("Storage", "ok", null, Status.GOOD)
            : Metric.of("Storage", "cannot write", null, Status.CRITICAL).withHint(storageError));
    JsonObject details = new JsonObject()
        .put("active", jobs(active, LISTED))
        .put("queued", jobs(queued, LISTED))
        .put("queueLength", queued.size())
        .put("recentFailures", jobs(recent.stream().filter(j -> j.state == Job.State.FAILED).toList(), 10))
        .put("breaker", breakerJson(host, breaker, breakerFailures))
        .put("bytesPerSecond", Math.round(counts.bytesPerSecond()))
        .put("lastRevalidation", lastRevalidation);
    if (storageError != null) {
      details.put("storageError", storageError);
    }
    return new SectionUpdate(NAME, "Downloads", metrics, details);
  }

  /** The breaker as the section and {@code GET /api/downloads} show it: {@code {host, state, failures}}. */
  static JsonObject breakerJson(String host, CircuitBreakerState state, long failures) {
    return new JsonObject().put("host", host).put("state", stateName(state)).put("failures", failures);
  }

  private static String stateName(CircuitBreakerState state) {
    return state.name().toLowerCase(Locale.ROOT);
  }

  static Status breakerStatus(CircuitBreakerState state) {
    return switch (state) {
      case CLOSED -> Status.GOOD;
      case HALF_OPEN -> Status.WARNING;
      case OPEN -> Status.CRITICAL;
    };
  }

  static JsonArray jobs(Collection<Job> jobs, int limit) {
    JsonArray array = new JsonArray();
    jobs.stream().limit(limit).forEach(j -> array.add(j.toJson()));
    return array;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
