package dev.vigie.download;

import dev.vigie.vision.ArchiveSpec;

import dev.vigie.vision.VisionPath;

import dev.vigie.bus.CacheBus;
import dev.vigie.bus.DownloadBus;
import dev.vigie.bus.Failures;
import dev.vigie.bus.HealthBus;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.Thresholds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.logstash.logback.argument.StructuredArguments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The download area: validates requests, keeps the FIFO queue and at most {@code download.maxConcurrent} transfers
 * running, owns the source's circuit breaker, and reports progress, results and the "downloads" section.
 */
public final class DownloadVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger("downloader");
  private static final long LOOKUP_TIMEOUT_MS = 5000;

  private DownloadSettings settings;
  private HttpClient client;
  private Backoff backoff;
  private CircuitBreaker breaker;
  private DownloadsSection section;
  private PendingJournal journal;

  private final Deque<Job> queue = new ArrayDeque<>();
  private final Map<String, Job> active = new LinkedHashMap<>();
  private final Map<String, Job> pendingByKey = new HashMap<>();
  private final Deque<Job> recent = new ArrayDeque<>();
  private long nextId;
  private long completed;
  private long failed;
  private long missing;
  private long corrupted;
  private long windowBytes;
  private long windowStart;
  private String storageError;
  /** Set once undeploying: transfers cut by the shutdown must stay in the journal, to resume at the next start. */
  private boolean stopping;

  private Counter completedCounter;
  private Counter bytesCounter;
  private Counter corruptedCounter;

  @Override
  public Future<?> start() {
    settings = DownloadSettings.from(config());
    section = new DownloadsSection(Thresholds.from(config()));
    backoff = new Backoff(settings.retryBaseMs(), settings.retryMaxMs(), settings.retryAfterMaxMs());
    client = vertx.createHttpClient(
        new HttpClientOptions().setConnectTimeout(settings.connectTimeoutMs()).setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(settings.maxConcurrent() + 2));
    breaker = CircuitBreaker.create("download-" + settings.host(), vertx, new CircuitBreakerOptions()
        .setMaxFailures(settings.breakerMaxFailures())
        .setResetTimeout(settings.breakerResetMs())
        .setTimeout(-1)
        .setMaxRetries(0));
    breaker.openHandler(v -> activity("warning", "circuit breaker for " + settings.host() + " opened: downloads fail fast for "
        + settings.breakerResetMs() / 1000 + " s"));
    breaker.closeHandler(v -> activity("info", "circuit breaker for " + settings.host() + " closed"));
    journal = new PendingJournal(vertx, settings.tmpDir().resolve("pending.json"));
    registerMeters();

    windowStart = System.currentTimeMillis();
    vertx.setPeriodic(settings.sectionIntervalMs(), id -> publishSection());
    return Future.all(
            vertx.eventBus().consumer(HealthBus.ping("download"),
                msg -> msg.reply(new JsonObject().put("area", "download").put("state", "up"))).completion(),
            vertx.eventBus().<Object>consumer(DownloadBus.REQUEST, this::request).completion(),
            vertx.eventBus().consumer(DownloadBus.LIST, msg -> msg.reply(list())).completion())
        .compose(v -> restore());
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    return Future.succeededFuture();
  }

  private void registerMeters() {
    completedCounter = Counter.builder("vigie.download.completed").description("archives downloaded and verified")
        .register(Metrics.globalRegistry);
    bytesCounter = Counter.builder("vigie.download.bytes").baseUnit("bytes").description("archive bytes received")
        .register(Metrics.globalRegistry);
    corruptedCounter = Counter.builder("vigie.download.corrupted")
        .description("archives whose SHA-256 did not match their CHECKSUM").register(Metrics.globalRegistry);
    Gauge.builder("vigie.download.active", active, Map::size).register(Metrics.globalRegistry);
    Gauge.builder("vigie.download.queued", queue, Deque::size).register(Metrics.globalRegistry);
  }

  /** Re-queues what a previous process left pending (killed mid-download): the transfers resume from their .part. */
  private Future<Void> restore() {
    return journal.load().map(entries -> {
      for (Object o : entries) {
        if (o instanceof JsonObject entry) {
          try {
            enqueue(VisionPath.parse(entry.getString("key")), entry.getBoolean("force", false), true);
          } catch (IllegalArgumentException e) {
            LOG.warn("download_journal_entry_skipped", StructuredArguments.entries(Map.of("entry", entry.encode())));
          }
        }
      }
      pump();
      return (Void) null;
    }).recover(e -> {
      LOG.warn("download_journal_unreadable", StructuredArguments.entries(Map.of("reason", String.valueOf(e.getMessage()))));
      return Future.succeededFuture();
    });
  }

  private void request(Message<Object> msg) {
    if (!(msg.body() instanceof JsonObject body)) {
      Failures.fail(msg, Failures.BAD_REQUEST, "BAD_REQUEST", "the request must be a JSON object");
      return;
    }
    ArchiveRequest request;
    try {
      request = ArchiveRequest.parse(body, LocalDate.now(ZoneOffset.UTC), settings.maxRangeArchives());
    } catch (BadField e) {
      msg.fail(Failures.BAD_REQUEST, Failures.body("BAD_REQUEST", e.getMessage()).put("field", e.field()).encode());
      return;
    }
    List<Future<JsonObject>> lookups = new ArrayList<>();
    for (ArchiveSpec spec : request.archives()) {
      lookups.add(request.force() ? Future.succeededFuture(new JsonObject()) : lookup(spec.key()));
    }
    Future.join(lookups).onComplete(done -> {
      JsonArray cached = new JsonArray();
      List<ArchiveSpec> toFetch = new ArrayList<>();
      for (int i = 0; i < lookups.size(); i++) {
        if (lookups.get(i).result().getBoolean("hit", false)) {
          cached.add(request.archives().get(i).key());
        } else {
          toFetch.add(request.archives().get(i));
        }
      }
      if (!toFetch.isEmpty() && breaker.state() == CircuitBreakerState.OPEN) {
        Failures.fail(msg, Failures.UNAVAILABLE, "BREAKER_OPEN", "the circuit breaker for " + settings.host()
            + " is open after repeated failures; " + toFetch.size() + " archive(s) are not in the cache; try again in "
            + Math.max(1, settings.breakerResetMs() / 1000) + " s");
        return;
      }
      JsonArray queued = new JsonArray();
      for (ArchiveSpec spec : toFetch) {
        Job job = enqueue(spec, request.force(), false);
        queued.add(new JsonObject().put("id", job.id).put("key", job.key));
      }
      msg.reply(new JsonObject().put("queued", queued).put("cached", cached));
      pump();
    });
  }

  /** The cache's answer for {@code key}; a cache that is not running counts as a miss. */
  private Future<JsonObject> lookup(String key) {
    return vertx.eventBus().<JsonObject>request(CacheBus.LOOKUP, new JsonObject().put("key", key),
            new DeliveryOptions().setSendTimeout(LOOKUP_TIMEOUT_MS))
        .map(reply -> reply.body())
        .otherwise(new JsonObject().put("key", key).put("hit", false));
  }

  private Job enqueue(ArchiveSpec spec, boolean force, boolean checkCacheFirst) {
    String key = spec.key();
    Job existing = pendingByKey.get(key);
    if (existing != null) {
      return existing;
    }
    Job job = new Job("d" + (++nextId), key, spec, force, checkCacheFirst, System.currentTimeMillis());
    queue.add(job);
    pendingByKey.put(key, job);
    saveJournal();
    return job;
  }

  private void pump() {
    while (active.size() < settings.maxConcurrent() && !queue.isEmpty()) {
      Job job = queue.poll();
      job.state = Job.State.ACTIVE;
      job.startedAt = System.currentTimeMillis();
      active.put(job.id, job);
      Future<JsonObject> known = job.checkCacheFirst && !job.force ? lookup(job.key)
          : Future.succeededFuture(new JsonObject());
      known.compose(hit -> hit.getBoolean("hit", false) ? Future.succeededFuture(hit.getString("path"))
              : new Transfer(vertx, client, settings, breaker, backoff, transferEvents(), job).run())
          .onComplete(ar -> finish(job, ar.succeeded() ? ar.result() : null, ar.cause()));
    }
  }

  private Transfer.Events transferEvents() {
    return new Transfer.Events() {
      @Override
      public void progress(Job job) {
        vertx.eventBus().publish(DownloadBus.PROGRESS, job.progress());
      }

      @Override
      public void bytes(long count) {
        windowBytes += count;
        bytesCounter.increment(count);
      }

      @Override
      public void corrupted(Job job) {
        corrupted++;
        corruptedCounter.increment();
        activity("warning", "corrupted archive " + job.key + " (SHA-256 mismatch), deleted"
            + (job.corrupted < 2 ? "; downloading it once more" : ""));
      }
    };
  }

  private void finish(Job job, String path, Throwable cause) {
    if (stopping) {
      return;
    }
    active.remove(job.id);
    pendingByKey.remove(job.key);
    job.finishedAt = System.currentTimeMillis();
    long durationMs = job.finishedAt - job.startedAt;
    if (cause == null) {
      job.state = Job.State.DONE;
      job.path = path;
      completed++;
      completedCounter.increment();
      storageError = null;
      double sizeMb = Math.round(job.bytes / 10_485.76) / 100.0;
      Map<String, Object> context = new LinkedHashMap<>();
      context.put("symbol", job.spec.symbol());
      context.put("date", job.spec.date());
      context.put("size_mb", sizeMb);
      context.put("duration_ms", durationMs);
      context.put("key", job.key);
      context.put("resumed", job.resumed);
      LOG.info("download_completed", StructuredArguments.entries(context));
      activity("info", "downloaded " + job.spec.fileName() + " (" + sizeMb + " MB in " + durationMs + " ms"
          + (job.resumed ? ", resumed" : "") + ")");
      vertx.eventBus().publish(DownloadBus.DONE, new JsonObject().put("id", job.id).put("key", job.key)
          .put("path", path).put("bytes", job.bytes).put("sha256", job.sha256).put("durationMs", durationMs)
          .put("resumed", job.resumed));
    } else {
      DownloadFailure failure = Transfer.asFailure(cause);
      job.state = Job.State.FAILED;
      job.error = failure.code();
      job.message = failure.getMessage();
      boolean isMissing = failure.code().equals(DownloadFailure.MISSING);
      if (isMissing) {
        missing++;
      } else {
        failed++;
      }
      if (failure.code().equals(DownloadFailure.IO_ERROR)) {
        storageError = failure.getMessage();
      }
      Counter.builder("vigie.download.failed").tag("error", failure.code()).register(Metrics.globalRegistry).increment();
      LOG.warn("download_failed", StructuredArguments.entries(Map.of("key", job.key, "error", failure.code(),
          "message", failure.getMessage(), "attempts", job.attempts, "duration_ms", durationMs)));
      activity(isMissing ? "warning" : "error", (isMissing ? "missing at the source: " : "download failed: ")
          + job.spec.fileName() + (isMissing ? "" : " (" + failure.code() + ": " + failure.getMessage() + ")"));
      vertx.eventBus().publish(DownloadBus.FAILED, new JsonObject().put("id", job.id).put("key", job.key)
          .put("error", failure.code()).put("message", failure.getMessage()).put("attempts", job.attempts));
    }
    recent.addFirst(job);
    while (recent.size() > settings.recentSize()) {
      recent.removeLast();
    }
    saveJournal();
    pump();
  }

  private void saveJournal() {
    JsonArray entries = new JsonArray();
    active.values().forEach(j -> entries.add(new JsonObject().put("key", j.key).put("force", j.force)));
    queue.forEach(j -> entries.add(new JsonObject().put("key", j.key).put("force", j.force)));
    journal.save(entries);
  }

  private JsonObject list() {
    return new JsonObject()
        .put("queued", DownloadsSection.jobs(queue, Integer.MAX_VALUE))
        .put("active", DownloadsSection.jobs(active.values(), Integer.MAX_VALUE))
        .put("recent", DownloadsSection.jobs(recent, Integer.MAX_VALUE))
        .put("queueLength", queue.size())
        .put("breaker", new JsonObject().put("host", settings.host())
            .put("state", breaker.state().name().toLowerCase(java.util.Locale.ROOT))
            .put("failures", breaker.failureCount()))
        .put("counts", new JsonObject().put("completed", completed).put("failed", failed).put("missing", missing)
            .put("corrupted", corrupted));
  }

  private void publishSection() {
    long now = System.currentTimeMillis();
    double bytesPerSecond = windowBytes * 1000.0 / Math.max(1, now - windowStart);
    windowBytes = 0;
    windowStart = now;
    vertx.eventBus().publish(MonitorBus.SECTION, section.build(
        new DownloadsSection.Counts(completed, failed, missing, corrupted, bytesPerSecond),
        active.values(), queue, recent, settings.host(), breaker.state(), breaker.failureCount(), storageError)
        .toJson());
  }

  private void activity(String level, String message) {
    vertx.eventBus().publish(MonitorBus.ACTIVITY,
        new JsonObject().put("level", level).put("message", message).put("component", "downloader"));
  }
}
