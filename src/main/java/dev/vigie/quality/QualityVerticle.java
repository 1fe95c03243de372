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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs archive scans on a worker pool of {@code quality.maxConcurrent} threads, never on the event loop; the rest
 * wait in its {@link ScanQueue}. Scans come on demand ({@link QualityBus#SCAN}) and after each completed download.
 * Feeds the monitor's "Data quality" section, the activity log and the meters.
 */
public final class QualityVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger("quality");

  private final ScanFunction override;
  private ScanFunction scanner;
  private DataDirectory dataDir;
  private ScanQueue scans;
  private QualitySection section;
  private Threshold scoreThreshold;
  private WorkerExecutor workers;
  private Activity activity;
  private final AreaMeters meters = new AreaMeters();
  private final Map<ScanJob.State, Counter> scansByState = new EnumMap<>(ScanJob.State.class);
  private Counter rows;
  private Counter bytes;

  public QualityVerticle() {
    this(null);
  }

  /** Scans through {@code scanner} instead of an {@link ArchiveScanner} built from the settings. */
  QualityVerticle(ScanFunction scanner) {
    this.override = scanner;
  }

  @Override
  public Future<?> start() {
    QualitySettings settings;
    try {
      settings = QualitySettings.from(config());
      scoreThreshold = Thresholds.from(config()).get("qualityScorePercent");
      section = new QualitySection(scoreThreshold);
    } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
      return Future.failedFuture(new IllegalArgumentException("quality: " + e.getMessage(), e));
    }
    scanner = override != null ? override : new ArchiveScanner(settings.limits())::scan;
    dataDir = new DataDirectory(config().getString("dataDir"));
    scans = new ScanQueue(settings.maxConcurrent(), settings.maxQueued(), settings.recentReports());
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
    scans.cancelRunning();
    meters.close();
    return workers.close();
  }

  private void onScan(Message<JsonObject> msg) {
    ScanRequest request;
    try {
      request = ScanRequest.from(msg.body());
    } catch (Refusal e) {
      e.failReply(msg);
      return;
    }
    Future<Path> located = request.key() != null ? lookup(request.key()) : resolve(request.path());
    located.map(p -> enqueue(request.key(), p, "request")).onSuccess(msg::reply).onFailure(e -> refuse(msg, e));
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
    resolve(path).map(p -> enqueue(key, p, "download")).onFailure(e -> activity.warning(
        "quality: no scan of downloaded " + key + ": " + e.getMessage()));
  }

  /**
   * The scan of {@code path}: the one already waiting or running ({@code joined: true}), else a new one. Throws a
   * Refusal (429 {@code QUEUE_FULL}) when the queue is full.
   */
  private JsonObject enqueue(String key, Path path, String trigger) {
    ScanJob pending = scans.pending(path);
    if (pending != null) {
      return pending.summary().put("joined", true);
    }
    ScanJob job = scans.add(key, path, trigger);
    pump();
    publishSection();
    return job.summary();
  }

  /** Starts on the workers every waiting scan there is room for. */
  private void pump() {
    for (ScanJob job : scans.startable()) {
      workers.executeBlocking(() -> scanner.scan(job.path, job.name(), job.cancelled::get), false)
          .onComplete(ar -> {
            scans.finish(job, ar.succeeded() ? ar.result() : new JsonObject().put("state", "failed").put("failure",
                Failures.body("INTERNAL", "the scan stopped unexpectedly: " + ar.cause())));
            announce(job);
            pump();
          });
    }
  }

  /** Counts, logs and publishes a scan that has just ended. */
  private void announce(ScanJob job) {
    JsonObject report = job.report;
    scansByState.get(job.state).increment();
    rows.increment(report.getLong("rows", 0L));
    bytes.increment(report.getLong("uncompressedBytes", 0L));
    if (job.state == ScanJob.State.COMPLETED) {
      LOG.info("quality_scan_completed", entries(job.logContext()));
    } else {
      LOG.warn("quality_scan_" + job.state.wire(), entries(job.logContext()));
    }
    activityFor(job);
    vertx.eventBus().publish(QualityBus.REPORTED, report.copy());
    publishSection();
  }

  private void activityFor(ScanJob job) {
    String text = job.headline();
    if (job.state == ScanJob.State.FAILED) {
      activity.error(text);
    } else if (job.state == ScanJob.State.CANCELLED) {
      activity.warning(text);
    } else {
      Status status = scoreThreshold.evaluate(job.report.getDouble("scorePercent", 0.0));
      if (status == Status.CRITICAL) {
        activity.error(text);
      } else if (status == Status.WARNING || job.report.getJsonObject("gaps").getLong("count") > 0) {
        activity.warning(text);
      } else {
        activity.info(text);
      }
    }
  }

  private void onReport(Message<JsonObject> msg) {
    JsonObject body = msg.body() == null ? new JsonObject() : msg.body();
    ScanJob job = scans.find(body.getString("id"), body.getString("key"));
    if (job == null) {
      Failures.fail(msg, Failures.NOT_FOUND, "UNKNOWN_SCAN", "no scan known as " + (body.containsKey("id") ? body.getString("id") : body.getString("key")));
      return;
    }
    msg.reply(job.toJson());
  }

  private void onCancel(Message<JsonObject> msg) {
    String id = msg.body() == null ? null : msg.body().getString("id");
    ScanJob job;
    try {
      job = scans.cancel(id);
    } catch (Refusal e) {
      e.failReply(msg);
      return;
    }
    if (job.finished()) { // it was still waiting
      announce(job);
      msg.reply(new JsonObject().put("id", id).put("state", "cancelled"));
    } else {
      msg.reply(new JsonObject().put("id", id).put("state", "cancelling"));
    }
  }

  private JsonObject list() {
    JsonArray reports = new JsonArray();
    scans.recentNewestFirst().forEach(j -> reports.add(j.summary()));
    JsonArray active = new JsonArray();
    scans.running().forEach(j -> active.add(j.summary()));
    JsonArray waiting = new JsonArray();
    scans.queued().forEach(j -> waiting.add(j.summary()));
    return new JsonObject().put("reports", reports).put("running", active).put("queued", waiting)
        .put("maxConcurrent", scans.maxConcurrent()).put("maxQueued", scans.maxQueued());
  }

  private void publishSection() {
    vertx.eventBus().publish(MonitorBus.SECTION, section.build(scans.recentNewestFirst(), scans.running(), scans.queued()).toJson());
  }
}
