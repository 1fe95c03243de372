package dev.vigie.download;

import dev.vigie.bus.Metric;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import dev.vigie.bus.Thresholds;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** The monitor's "downloads" section and {@code GET /api/downloads}, built from the {@link DownloadQueue}. */
final class DownloadsSection {
  static final String NAME = "downloads";
  private static final int LISTED = 20;

  private final Thresholds thresholds;

  DownloadsSection(Thresholds thresholds) {
    this.thresholds = thresholds;
  }

  /**
   * @param bytesPerSecond all transfers together over the last interval
   * @param lastRevalidation the summary of the last checksum revalidation, or null before the first
   */
  SectionUpdate build(DownloadQueue jobs, double bytesPerSecond, String host, CircuitBreaker breaker,
      JsonObject lastRevalidation) {
    CircuitBreakerState state = breaker.state();
    Collection<Job> active = jobs.active();
    Collection<Job> queued = jobs.queued();
    String storageError = jobs.storageError();
    double mbps = bytesPerSecond / 1_000_000.0;
    long finished = jobs.completed() + jobs.failed();
    double errorRate = finished == 0 ? 0 : jobs.failed() * 100.0 / finished;
    List<Metric> metrics = List.of(
        Metric.of("Active", active.size(), null, Status.NEUTRAL),
        Metric.of("Queued", queued.size(), null, Status.NEUTRAL),
        Metric.of("Completed", jobs.completed(), null, Status.NEUTRAL),
        Metric.of("Failed", jobs.failed(), null, Status.NEUTRAL)
            .withHint("downloads that ended in an error (missing archives are counted apart)"),
        Metric.of("Speed", round(mbps), "MB/s",
            active.isEmpty() || bytesPerSecond == 0 ? Status.NEUTRAL
                : thresholds.evaluate("downloadSpeedMBps", mbps))
            .withHint("bytes received over the last interval, all transfers together; judged only while bytes flow "
                + "(a transfer waiting for its server or its next retry is not a slow one)"),
        Metric.of("Error rate", round(errorRate), "%",
            finished == 0 ? Status.NEUTRAL : thresholds.evaluate("errorRatePercent", errorRate, finished))
            .withSamples(finished),
        Metric.of("Breaker", stateName(state), null, breakerStatus(state))
            .withHint("circuit breaker for " + host + ": open means requests fail fast with BREAKER_OPEN"),
        Metric.of("Corrupted", jobs.corrupted(), null, Status.NEUTRAL)
            .withHint("archives whose SHA-256 did not match their CHECKSUM (deleted, retried once)"),
        Metric.of("Missing", jobs.missing(), null, Status.NEUTRAL)
            .withHint("archives the source does not have (404): Binance lacks some days"),
        storageError == null ? Metric.of("Storage", "ok", null, Status.GOOD)
            : Metric.of("Storage", "cannot write", null, Status.CRITICAL).withHint(storageError));
    JsonObject details = new JsonObject()
        .put("active", jobs(active, LISTED))
        .put("queued", jobs(queued, LISTED))
        .put("queueLength", queued.size())
        .put("recentFailures", jobs(jobs.recent().stream().filter(j -> j.state == Job.State.FAILED).toList(), 10))
        .put("breaker", breakerJson(host, state, breaker.failureCount()))
        .put("bytesPerSecond", Math.round(bytesPerSecond))
        .put("lastRevalidation", lastRevalidation);
    if (storageError != null) {
      details.put("storageError", storageError);
    }
    return new SectionUpdate(NAME, "Downloads", metrics, details);
  }

  /** What {@code GET /api/downloads} shows: every job, the counts, the breaker and the last revalidation. */
  static JsonObject list(DownloadQueue jobs, String host, CircuitBreaker breaker, JsonObject lastRevalidation) {
    return new JsonObject()
        .put("queued", jobs(jobs.queued(), Integer.MAX_VALUE))
        .put("active", jobs(jobs.active(), Integer.MAX_VALUE))
        .put("recent", jobs(jobs.recent(), Integer.MAX_VALUE))
        .put("queueLength", jobs.queued().size())
        .put("breaker", breakerJson(host, breaker.state(), breaker.failureCount()))
        .put("counts", new JsonObject().put("completed", jobs.completed()).put("failed", jobs.failed())
            .put("missing", jobs.missing()).put("corrupted", jobs.corrupted()))
        .put("lastRevalidation", lastRevalidation);
  }

  /** The breaker as the section and {@code GET /api/downloads} show it: {@code {host, state, failures}}. */
  private static JsonObject breakerJson(String host, CircuitBreakerState state, long failures) {
    return new JsonObject().put("host", host).put("state", stateName(state)).put("failures", failures);
  }

  private static String stateName(CircuitBreakerState state) {
    return state.name().toLowerCase(Locale.ROOT);
  }

  private static Status breakerStatus(CircuitBreakerState state) {
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
