package dev.vigie.quality;

import static net.logstash.logback.argument.StructuredArguments.entries;

import dev.vigie.bus.Activity;
import dev.vigie.bus.CacheBus;
import dev.vigie.bus.DownloadBus;
import dev.vigie.bus.Failures;
import dev.vigie.bus.HealthBus;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.QualityBus;
import dev.vigie.bus.Refusal;
import dev.vigie.bus.Status;
import dev.vigie.bus.Threshold;
import dev.vigie.bus.Thresholds;
import dev.vigie.meters.AreaMeters;
import dev.vigie.vision.ArchiveName;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs archive scans on a worker pool of {@code quality.maxConcurrent} threads, never on the event loop; the rest
 * wait in a queue. Scans come on demand ({@link QualityBus#SCAN}) and after each completed download. Keeps the
 * recent reports, feeds the monitor's "Data quality" section and the activity log.
 */
public final class QualityVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger("quality");

  private final Map<String, ScanJob> queued = new LinkedHashMap<>();
  private final Map<String, ScanJob> running = new LinkedHashMap<>();
  private QualitySettings settings;
  private final ScanFunction override;
  private ScanFunction scanner;
  private DataDirectory dataDir;
  private RecentReports recent;
  private QualitySection section;
  private Threshold scoreThreshold;
  private WorkerExecutor workers;
  private Activity activity;
  private final AreaMeters meters = new AreaMeters();
  private final Map<ScanJob.State, Counter> scansByState = new EnumMap<>(ScanJob.State.class);
  private Counter rows;
  private Counter bytes;
  private long sequence;

  public QualityVerticle() {
    this(null);
  }

  /** Scans through {@code scanner} instead of an {@link ArchiveScanner} built from the settings. */
  QualityVerticle(ScanFunction scanner) {
    this.override = scanner;
  }

  @Override
  public Future<?> start() {
    try {
      settings = QualitySettings.from(config());
      scoreThreshold = Thresholds.from(config()).get("qualityScorePercent");
      section = new QualitySection(scoreThreshold);
    } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
      return Future.failedFuture(new IllegalArgumentException("quality: " + e.getMessage(), e));
    }
    scanner = override != null ? override : new ArchiveScanner(settings.limits())::scan;
    dataDir = new DataDirectory(config().getString("dataDir"));
    recent = new RecentReports(settings.recentReports());
    activity = new Activity(vertx.eventBus(), "quality");
    for (ScanJob.State state : List.of(ScanJob.State.COMPLETED, ScanJob.State.FAILED, ScanJob.State.CANCELLED)) {
      scansByState.put(state, meters.counter("vigie.quality.scans", "archive scans by outcome", Tags.of("state", state.wire())));
    }
    rows = meters.counter("vigie.quality.rows", "CSV rows scanned");
    bytes = meters.counter("vigie.quality.bytes", "uncompressed bytes scanned", "bytes");
    // A scan of a monthly trades file takes minutes: raise the blocked-thread warning past any real scan.
    workers = vertx.createSharedWorkerExecutor("vigie-quality-" + deploymentID(), settings.maxConcurrent(), 6, TimeUnit.HOURS);

    List<MessageConsumer<?>> consumers = new ArrayList<>(List.of(
        vertx.eventBus().<JsonObject>consumer(QualityBus.SCAN, this::onScan),
        vertx.eventBus().<JsonObject>consumer(QualityBus.REPORT, this::onReport),
        vertx.eventBus().<JsonObject>consumer(QualityBus.CANCEL, this::onCancel),
        vertx.eventBus().<JsonObject>consumer(QualityBus.LIST, msg -> msg.reply(list())),
        HealthBus.answerPings(vertx.eventBus(), "quality")));
    if (settings.scanAfterDownload()) {
      consumers.add(vertx.eventBus().<JsonObject>consumer(DownloadBus.DONE, this::onDownloaded));
    }
    publishSection();
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  @Override
  public Future<?> stop() {
    running.values().forEach(job -> job.cancelled.set(true));
    meters.close();
    return workers.close();
  }

  private void onScan(Message<JsonObject> msg) {
    JsonObject body = msg.body() == null ? new JsonObject() : msg.body();
    Object key = body.getValue("key");
    Object path = body.getValue("path");
    if ((key == null) == (path == null) || key != null && !(key instanceof String) || path != null && !(path instanceof String)) {
      Failures.fail(msg, Failures.BAD_REQUEST, "BAD_REQUEST", "give exactly one of 'key' (a cache key) or 'path' (a file in the data directory), as a string");
      return;
    }
    String name = key != null ? (String) key : (String) path;
    try {
      ArchiveName.parse(name);
    } catch (IllegalArgumentException e) {
      Failures.fail(msg, Failures.BAD_REQUEST, "UNSUPPORTED_NAME", e.getMessage());
      return;
    }
    Future<Path> located = key != null ? lookup((String) key) : resolve((String) path);
    located.onSuccess(p -> msg.reply(enqueue(key != null ? (String) key : null, p, "request")))
        .onFailure(e -> refuse(msg, e));
  }

  private Future<Path> lookup(String key) {
    return vertx.eventBus().<JsonObject>request(CacheBus.LOOKUP, new JsonObject().put("key", key))
        .recover(e -> Future.failedFuture(new Refusal(Failures.UNAVAILABLE, "CACHE_UNAVAILABLE",
            "the cache did not answer for " + key + ": " + e.getMessage())))
        .compose(reply -> {
          JsonObject found = reply.body();
          if (!found.getBoolean("hit", false) || found.getString("path") == null) {
            return Future.failedFuture(new Refusal(Failures.NOT_FOUND, "NOT_CACHED", key + " is not in the cache; download it first"));
          }
          return resolve(found.getString("path"));
        });
  }

  private Future<Path> resolve(String path) {
    return vertx.executeBlocking(() -> dataDir.resolve(path), false);
  }

  private void refuse(Message<JsonObject> msg, Throwable e) {
    if (e instanceof Refusal r) {
      r.failReply(msg);
    } else {
      Failures.fail(msg, Failures.INTERNAL, "INTERNAL", String.valueOf(e.getMessage()));
    }
  }

  private void onDownloaded(Message<JsonObject> msg) {
    JsonObject done = msg.body();
    String key = done.getString("key");
    String path = done.getString("path");
    if (key == null || path == null) {
      return;
    }
    resolve(path).onSuccess(p -> enqueue(key, p, "download")).onFailure(e -> activity.warning(
        "quality: no scan of downloaded " + key + ": " + e.getMessage()));
  }

  private JsonObject enqueue(String key, Path path, String trigger) {
    ScanJob job = new ScanJob("scan-" + Long.toString(System.currentTimeMillis(), 36) + "-" + (++sequence), key, path, trigger);
    queued.put(job.id, job);
    pump();
    publishSection();
    return job.summary();
  }

  private void pump() {
    while (running.size() < settings.maxConcurrent() && !queued.isEmpty()) {
      ScanJob job = queued.values().iterator().next();
      queued.remove(job.id);
      run(job);
    }
  }

  private void run(ScanJob job) {
    job.state = ScanJob.State.RUNNING;
    running.put(job.id, job);
    workers.executeBlocking(() -> scanner.scan(job.path, job.name(), job.cancelled::get), false)
        .onComplete(ar -> {
          running.remove(job.id);
          job.finish(ar.succeeded() ? ar.result() : new JsonObject().put("state", "failed").put("failure",
              Failures.body("INTERNAL", "the scan stopped unexpectedly: " + ar.cause())));
          finished(job);
          pump();
        });
  }

  private void finished(ScanJob job) {
    recent.add(job);
    JsonObject report = job.report;
    scansByState.get(job.state).increment();
    rows.increment(report.getLong("rows", 0L));
    bytes.increment(report.getLong("uncompressedBytes", 0L));
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("scan_id", job.id);
    context.put("file", report.getString("file"));
    context.put("state", job.state.wire());
    context.put("rows", report.getLong("rows"));
    context.put("score_percent", report.getDouble("scorePercent"));
    context.put("gaps", report.getJsonObject("gaps", new JsonObject()).getLong("count"));
    context.put("duration_ms", report.getDouble("durationMs"));
    context.put("mb_per_s", report.getDouble("mbPerSecond"));
    JsonObject failure = report.getJsonObject("failure");
    if (failure != null) {
      context.put("failure", failure.getString("code"));
    }
    if (job.state == ScanJob.State.COMPLETED) {
      LOG.info("quality_scan_completed", entries(context));
    } else {
      LOG.warn("quality_scan_" + job.state.wire(), entries(context));
    }
    activityFor(job);
    vertx.eventBus().publish(QualityBus.REPORTED, report.copy());
    publishSection();
  }

  private void activityFor(ScanJob job) {
    JsonObject report = job.report;
    String file = report.getString("file", job.path.getFileName().toString());
    if (job.state == ScanJob.State.FAILED) {
      JsonObject failure = report.getJsonObject("failure");
      activity.error("quality scan of " + file + " failed: " + failure.getString("code") + " (" + failure.getString("message") + ")");
      return;
    }
    if (job.state == ScanJob.State.CANCELLED) {
      activity.warning("quality scan of " + file + " cancelled");
      return;
    }
    double score = report.getDouble("scorePercent", 0.0);
    long gaps = report.getJsonObject("gaps").getLong("count");
    JsonObject coverage = report.getJsonObject("coverage");
    String text = String.format("quality %s: %.2f %% of %d rows valid, %d gap%s%s", file, score, report.getLong("rows"), gaps,
        gaps == 1 ? "" : "s", coverage == null ? "" : String.format(", coverage %.2f %%", coverage.getDouble("percent")));
    Status status = scoreThreshold.evaluate(score);
    if (status == Status.CRITICAL) {
      activity.error(text);
    } else if (status == Status.WARNING || gaps > 0) {
      activity.warning(text);
    } else {
      activity.info(text);
    }
  }

  private void onReport(Message<JsonObject> msg) {
    JsonObject body = msg.body() == null ? new JsonObject() : msg.body();
    ScanJob job = find(body.getString("id"), body.getString("key"));
    if (job == null) {
      Failures.fail(msg, Failures.NOT_FOUND, "UNKNOWN_SCAN", "no scan known as " + (body.containsKey("id") ? body.getString("id") : body.getString("key")));
      return;
    }
    msg.reply(job.toJson());
  }

  private ScanJob find(String id, String key) {
    if (id != null) {
      ScanJob job = running.get(id);
      if (job == null) {
        job = queued.get(id);
      }
      return job != null ? job : recent.byId(id);
    }
    if (key != null) {
      ScanJob latest = null;
      for (ScanJob job : queued.values()) {
        latest = key.equals(job.key) ? job : latest;
      }
      if (latest != null) {
        return latest;
      }
      for (ScanJob job : running.values()) {
        latest = key.equals(job.key) ? job : latest;
      }
      return latest != null ? latest : recent.latest(key);
    }
    return null;
  }

  private void onCancel(Message<JsonObject> msg) {
    String id = msg.body() == null ? null : msg.body().getString("id");
    ScanJob job = id == null ? null : find(id, null);
    if (job == null) {
      Failures.fail(msg, Failures.NOT_FOUND, "UNKNOWN_SCAN", "no scan known as " + id);
      return;
    }
    if (job.finished()) {
      Failures.fail(msg, Failures.CONFLICT, "ALREADY_FINISHED", "scan " + id + " already ended: " + job.state.wire());
      return;
    }
    if (job.state == ScanJob.State.QUEUED) {
      queued.remove(id);
      job.finish(new JsonObject().put("state", "cancelled")
          .put("failure", Failures.body("CANCELLED", "the scan was cancelled before it started")));
      finished(job);
      msg.reply(new JsonObject().put("id", id).put("state", "cancelled"));
      return;
    }
    job.cancelled.set(true);
    msg.reply(new JsonObject().put("id", id).put("state", "cancelling"));
  }

  private JsonObject list() {
    JsonArray reports = new JsonArray();
    recent.newestFirst().forEach(j -> reports.add(j.summary()));
    JsonArray active = new JsonArray();
    running.values().forEach(j -> active.add(j.summary()));
    JsonArray waiting = new JsonArray();
    queued.values().forEach(j -> waiting.add(j.summary()));
    return new JsonObject().put("reports", reports).put("running", active).put("queued", waiting)
        .put("maxConcurrent", settings.maxConcurrent());
  }

  private void publishSection() {
    vertx.eventBus().publish(MonitorBus.SECTION, section.build(recent.newestFirst(), running.values(), queued.values()).toJson());
  }
}
