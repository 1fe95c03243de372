package dev.vigie.download;

import dev.vigie.bus.Metric;
import dev.vigie.bus.Refusal;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import dev.vigie.bus.Thresholds;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The monitor's "downloads" section and {@code GET /api/downloads}, built from the {@link DownloadQueue}. Both are
 * bounded whatever the queue holds: the section lists at most {@value #LISTED} jobs of each kind with the counts, the
 * API one page of jobs at a time.
 */
final class DownloadsSection {
  static final String NAME = "downloads";
  private static final int LISTED = 20;

  /**
   * Which page of {@code GET /api/downloads} is asked: at most {@code limit} jobs queued before job {@code before}
   * ({@code Long.MAX_VALUE}: the newest). The cursor is opaque to clients: the {@code next} of the previous page.
   */
  record Page(long before, int limit) {
    /** Reads {@code {limit?, cursor?}} (numbers or the query's strings); a Refusal (400) names the bad field. */
    static Page parse(JsonObject ask, int defaultLimit, int maxLimit) {
      int limit = defaultLimit;
      Object given = ask.getValue("limit");
      if (given != null) {
        long value;
        try {
          value = given instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) ? n.longValue()
              : Long.parseLong(String.valueOf(given).trim());
        } catch (NumberFormatException e) {
          throw Refusal.badField("limit", "must be a whole number between 1 and " + maxLimit + ", not " + given);
        }
        if (value < 1 || value > maxLimit || given instanceof Number n && Math.abs(n.doubleValue()) >= 1e18) {
          throw Refusal.badField("limit", "must be between 1 and " + maxLimit + " (download.maxPageSize), not " + given);
        }
        limit = (int) value;
      }
      Object cursor = ask.getValue("cursor");
      if (cursor == null || "".equals(cursor)) {
        return new Page(Long.MAX_VALUE, limit);
      }
      try {
        String decoded = new String(Base64.getUrlDecoder().decode(String.valueOf(cursor)), StandardCharsets.US_ASCII);
        if (!decoded.startsWith(CURSOR_PREFIX)) {
          throw new IllegalArgumentException(decoded);
        }
        long before = Long.parseLong(decoded.substring(CURSOR_PREFIX.length()));
        if (before < 1) {
          throw new IllegalArgumentException(decoded);
        }
        return new Page(before, limit);
      } catch (IllegalArgumentException e) {
        throw Refusal.badField("cursor", "is not a cursor this server gave (use the next of the previous page)");
      }
    }

    private static final String CURSOR_PREFIX = "before:";

    /** The cursor of the page after one whose last job is {@code last}. */
    static String after(Job last) {
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString((CURSOR_PREFIX + last.seq).getBytes(StandardCharsets.US_ASCII));
    }
  }

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
    long waiting = jobs.waitingForSource();
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
            .withHint("circuit breaker for " + host + ": while open, downloads wait for the source and resume "
                + "once a half-open trial succeeds"),
        Metric.of("Waiting", waiting, null, waiting > 0 ? Status.WARNING : Status.NEUTRAL)
            .withHint("transfers held while the source's breaker is open (nothing is failed for it); queued "
                + "downloads start once it lets calls through"),
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
        .put("waitingForSource", waiting)
        .put("recentFailures", jobs(jobs.recent().stream().filter(j -> j.state == Job.State.FAILED).toList(), 10))
        .put("breaker", breakerJson(host, state, breaker.failureCount()))
        .put("bytesPerSecond", Math.round(bytesPerSecond))
        .put("lastRevalidation", lastRevalidation);
    if (storageError != null) {
      details.put("storageError", storageError);
    }
    return new SectionUpdate(NAME, "Downloads", metrics, details);
  }

  /**
   * What {@code GET /api/downloads} shows: one page of jobs, newest first ({@code items}; {@code next} is the cursor
   * of the following page, null on the last), the counts, the breaker and the last revalidation.
   */
  static JsonObject list(DownloadQueue jobs, Page page, String host, CircuitBreaker breaker,
      JsonObject lastRevalidation) {
    // One more than asked tells whether a page follows.
    List<Job> found = jobs.page(page.before(), page.limit() + 1);
    List<Job> items = found.subList(0, Math.min(page.limit(), found.size()));
    return new JsonObject()
        .put("items", jobs(items, page.limit()))
        .put("next", found.size() > page.limit() ? Page.after(items.get(items.size() - 1)) : null)
        .put("queueLength", jobs.queued().size())
        .put("activeCount", jobs.active().size())
        .put("waitingForSource", jobs.waitingForSource())
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
