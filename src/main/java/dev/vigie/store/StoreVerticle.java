package dev.vigie.store;

import dev.vigie.bus.Activity;
import dev.vigie.bus.DownloadBus;
import dev.vigie.bus.Failures;
import dev.vigie.bus.HealthBus;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.MonitorsBus;
import dev.vigie.bus.ProbeBus;
import dev.vigie.bus.QualityBus;
import dev.vigie.bus.Refusal;
import dev.vigie.bus.SectionPublisher;
import dev.vigie.bus.StoreBus;
import dev.vigie.bus.StressBus;
import dev.vigie.meters.AreaMeters;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store area: keeps what the other areas publish (probe results, freshness readings, alerts, downloads, quality
 * reports, stress runs) in a database, and answers history questions ({@link StoreBus}). Facts go into a bounded
 * buffer ({@link PendingWrites}) and are written in batches, so no publisher ever waits on the database; while it
 * is down they wait there and the "store" section says so. Rollups and retention run on timers, one at a time.
 * It listens with local consumers: in a cluster, each Vigie stores what its own areas published.
 */
public final class StoreVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger("store");
  private static final String AREA = "store";
  /** How long a stop waits for the database work still running before closing the pool under it. */
  private static final long CLOSE_GRACE_MS = 2_000;

  private final List<Long> timers = new ArrayList<>();
  private StoreSettings settings;
  private StoreDatabase db;
  private BatchWriter writer;
  private Rollups rollups;
  private Retention retention;
  private HistoryQueries queries;
  private MonitorRows monitors;
  /** In a cluster, the monitors every member's store keeps alike; null when this Vigie runs alone. */
  private SharedMonitors shared;
  /** Completes once this store has joined the cluster's monitors (at once when alone); never fails. */
  private Future<Void> monitorsJoined = Future.succeededFuture();
  /** A change of the cluster's monitors this store could not apply (or a failed join): joined again on the next tick. */
  private boolean monitorsBehind;
  private ChannelRows channels;
  private CoverageRows coverage;
  private PendingWrites pending;
  private Activity activity;
  private SectionPublisher sections;
  private AreaMeters meters;

  // Read by /metrics scrapes on other threads.
  private volatile double bufferedNow;
  private volatile double droppedNow;
  private volatile String state = "connecting";
  private volatile long written;
  private long received;
  private String lastError;
  private Instant lastWriteAt;
  private boolean migrated;
  private boolean flushing;
  private Future<Void> inFlight = Future.succeededFuture();
  private long retryAt;
  private Long sizeBytes;
  private Rollups.Marks marks = new Rollups.Marks(0, 0, 0, 0);
  private long redoFrom = Long.MAX_VALUE;
  private boolean rollupQueued;
  private final OneAtATime maintenance = new OneAtATime();
  private boolean stopping;
  /** The first attempt to open and migrate the database; completes (never fails) once it is over. */
  private Future<Void> firstAttempt = Future.succeededFuture();

  @Override
  public Future<?> start() {
    try {
      settings = StoreSettings.from(config());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    db = new StoreDatabase(vertx, settings);
    writer = new BatchWriter(db);
    rollups = new Rollups(vertx, db);
    retention = new Retention(db, settings);
    queries = new HistoryQueries(vertx, db, rollups);
    monitors = new MonitorRows(db);
    shared = vertx.isClustered() ? new SharedMonitors(vertx, monitors) : null;
    channels = new ChannelRows(db);
    coverage = new CoverageRows(db);
    pending = new PendingWrites(settings.bufferRows());
    activity = new Activity(vertx.eventBus(), AREA);
    sections = new SectionPublisher(vertx.eventBus());
    meters = new AreaMeters();
    meters.gauge("vigie.store.buffered", "rows waiting to be written to the store", this, v -> v.bufferedNow);
    meters.countOf("vigie.store.written", "rows written to the store", this, v -> v.written);
    meters.countOf("vigie.store.dropped", "rows dropped because the store's buffer was full", this, v -> v.droppedNow);
    meters.gauge("vigie.store.up", "1 while the store's database answers, else 0", this, v -> "up".equals(v.state) ? 1 : 0);

    var bus = vertx.eventBus();
    List<MessageConsumer<?>> consumers = List.of(
        bus.<JsonObject>localConsumer(ProbeBus.RESULT, m -> keep(StoredRows.probeResult(m.body(), now()))),
        bus.<JsonObject>localConsumer(ProbeBus.FRESHNESS, m -> keep(StoredRows.freshness(m.body(), now()))),
        bus.<JsonObject>localConsumer(MonitorBus.ALERT, m -> keep(StoredRows.alert(m.body(), now()))),
        bus.<JsonObject>localConsumer(MonitorBus.ALERT_ACTION, m -> keep(StoredRows.alert(m.body(), now()))),
        bus.<JsonObject>localConsumer(DownloadBus.DONE, m -> keep(StoredRows.record("downloads",
            m.body().getString("key"), "done", m.body(), now()))),
        bus.<JsonObject>localConsumer(DownloadBus.FAILED, m -> keep(StoredRows.record("downloads",
            m.body().getString("key"), m.body().getString("error"), m.body(), now()))),
        bus.<JsonObject>localConsumer(QualityBus.REPORTED, m -> keep(StoredRows.record("quality",
            m.body().getString("key", m.body().getString("path")), m.body().getString("state"), m.body(), now()))),
        bus.<JsonObject>localConsumer(StressBus.DONE, m -> keep(StoredRows.record("stress",
            m.body().getString("id"), m.body().getString("state"), m.body(), now()))),
        bus.<JsonObject>consumer(StoreBus.HISTORY, m -> answer(m, () -> {
          HistoryRequest q = HistoryRequest.from(body(m), now(), settings.maxPoints());
          return whenReady(() -> queries.history(q));
        })),
        bus.<JsonObject>consumer(StoreBus.UPTIME, m -> answer(m, () -> {
          UptimeQuery q = UptimeQuery.from(body(m));
          return whenReady(() -> queries.uptime(q, now()));
        })),
        bus.<JsonObject>consumer(StoreBus.ALERTS, this::onAlerts),
        bus.<JsonObject>consumer(StoreBus.RECORDS, this::onRecords),
        bus.consumer(StoreBus.STATE, m -> m.reply(stateJson())),
        bus.consumer(StoreBus.MAINTAIN, this::onMaintain),
        bus.<JsonObject>consumer(MonitorsBus.STORED, m -> answer(m, () -> whenReady(
            () -> monitorsJoined.compose(v -> monitors.all())))),
        bus.<JsonObject>consumer(MonitorsBus.SAVE, this::onSaveMonitor),
        // Every member's store hears every change (a publish): in a cluster it takes the cluster's copy of that monitor.
        bus.<JsonObject>consumer(MonitorsBus.CHANGED, this::onMonitorChanged),
        // Local: each Vigie's notify area keeps its own channels, in the database its own store uses.
        bus.<JsonObject>localConsumer(StoreBus.CHANNELS, m -> answer(m, () -> whenReady(channels::all))),
        bus.<JsonObject>localConsumer(StoreBus.SAVE_CHANNEL, m -> answer(m, () -> whenReady(() ->
            channels.save(body(m), now())))),
        bus.<JsonObject>consumer(StoreBus.COVERAGE_SAVE, m -> answer(m, () -> whenReady(
            () -> coverage.save(body(m).getJsonArray("rows", new JsonArray()), now())))),
        bus.<JsonObject>consumer(StoreBus.COVERAGE_QUERY, m -> answer(m, () -> whenReady(() -> coverage.query(body(m))))),
        HealthBus.answerPings(bus, AREA));

    timers.add(vertx.setPeriodic(settings.flushIntervalMs(), id -> flush()));
    timers.add(vertx.setPeriodic(settings.sectionIntervalMs(), id -> {
      publishSection();
      if (monitorsBehind && migrated && !stopping) {
        joinMonitors();
      }
    }));
    timers.add(vertx.setPeriodic(settings.rollupIntervalMs(), id -> maintain(this::rollUp)));
    timers.add(vertx.setPeriodic(settings.retentionIntervalMs(), id -> maintain(this::applyRetention)));
    // Started once its consumers are registered: opening the database and migrating its schema (H2 and Flyway take
    // about a second, most of it loading classes) go on off the start path, so the web area and the first snapshot
    // do not wait for them. Facts published meanwhile wait in the buffer; a question waits for the first attempt
    // (whenReady), so with the database up history answers from the first request; with it down, the store keeps
    // trying.
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).onSuccess(v -> {
      firstAttempt = connect();
      publishSection();
    });
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    timers.forEach(vertx::cancelTimer);
    meters.close();
    // After the write in flight, a last write of what is buffered when the database answers; then the pool (and
    // H2's file) is closed once the queries, rollups and saves still running are over.
    Future<Void> last = firstAttempt.transform(ignored -> inFlight).compose(v -> migrated && pending.size() > 0
        ? writer.write(pending.take(Integer.MAX_VALUE)).otherwiseEmpty() : Future.succeededFuture());
    return last.eventually(() -> db.close(CLOSE_GRACE_MS));
  }

  private long now() {
    return System.currentTimeMillis();
  }

  private static JsonObject body(Message<JsonObject> m) {
    return m.body() == null ? new JsonObject() : m.body();
  }

  /**
   * Migrates the schema, retrying every {@code store.retryMs} while the database cannot be reached; completes once
   * the first attempt is over, whatever its outcome.
   */
  private Future<Void> connect() {
    if (stopping) {
      return Future.succeededFuture();
    }
    return db.migrate().compose(v -> rollups.marks()).transform(ar -> {
      if (ar.succeeded()) {
        // Migrated even if stopping now: the stop then writes what was buffered meanwhile.
        migrated = true;
        marks = ar.result();
      }
      if (stopping) {
        return Future.succeededFuture();
      }
      if (ar.succeeded()) {
        up();
        joinMonitors();
        LOG.info("store_ready", net.logstash.logback.argument.StructuredArguments.kv("database", db.kind()));
        flush();
        measureSize();
      } else {
        down(ar.cause());
        vertx.setTimer(settings.retryMs(), id -> connect());
      }
      return Future.succeededFuture();
    });
  }

  private void keep(PendingRow row) {
    if (row == null) {
      return;
    }
    received++;
    pending.add(row);
    counters();
    if (pending.size() >= settings.batchRows()) {
      flush();
    }
  }

  /** Writes one batch, and the next at once while a full batch waits; after a failure waits {@code store.retryMs}. */
  private void flush() {
    if (!migrated || flushing || pending.size() == 0 || stopping || now() < retryAt) {
      return;
    }
    writeBatch().onSuccess(v -> {
      if (pending.size() >= settings.batchRows()) {
        flush();
      }
    });
  }

  /** Writes everything buffered (MAINTAIN): batch after batch until the buffer is empty or a write fails. */
  private Future<Void> flushAll() {
    if (flushing) {
      return inFlight.compose(v -> flushAll());
    }
    return pending.size() == 0 ? Future.succeededFuture() : writeBatch().compose(v -> flushAll());
  }

  /** Writes the oldest batch; on failure puts it back and marks the store down. One write at a time. */
  private Future<Void> writeBatch() {
    flushing = true;
    List<PendingRow> batch = pending.take(settings.batchRows());
    Future<Void> write = writer.write(batch).transform(ar -> {
      flushing = false;
      if (ar.failed()) {
        pending.putBack(batch);
        counters();
        retryAt = now() + settings.retryMs();
        down(ar.cause());
        return Future.failedFuture(ar.cause());
      }
      written += batch.size();
      lastWriteAt = Instant.now();
      noteLate(batch);
      up();
      counters();
      return Future.succeededFuture();
    });
    inFlight = write.otherwiseEmpty();
    return write;
  }

  /**
   * Results written after their minute was rolled up (the buffer draining after an outage) are redone by a rollup
   * queued at once, not at the next timer tick, so history shows them soon.
   */
  private void noteLate(List<PendingRow> batch) {
    batch.stream().filter(r -> r.table() == PendingRow.Table.RESULTS && r.atMs() < marks.minutes())
        .mapToLong(PendingRow::atMs).min().ifPresent(at -> {
          redoFrom = Math.min(redoFrom, at);
          if (!rollupQueued) {
            rollupQueued = true;
            maintain(() -> {
              rollupQueued = false;
              return rollUp();
            });
          }
        });
  }

  private void up() {
    if (!"up".equals(state)) {
      if ("down".equals(state)) {
        activity.info("History store back: " + db.kind() + " answers again; " + pending.size() + " buffered rows to write");
      }
      state = "up";
      lastError = null;
      publishSection();
    }
  }

  private void down(Throwable cause) {
    lastError = String.valueOf(cause.getMessage());
    if (!"down".equals(state)) {
      state = "down";
      LOG.warn("store_down", net.logstash.logback.argument.StructuredArguments.kv("reason", lastError));
      activity.error("History store down (" + db.kind() + "): " + lastError + "; results are buffered, at most "
          + settings.bufferRows() + " rows (store.bufferRows)");
      publishSection();
    }
  }

  private void counters() {
    bufferedNow = pending.size();
    droppedNow = pending.dropped();
  }

  /** Runs one maintenance task after the previous one, never two at once; skipped until the schema is there. */
  private Future<JsonObject> maintain(Supplier<Future<JsonObject>> task) {
    Future<JsonObject> next = maintenance.run(() -> firstAttempt
        .transform(ignored -> migrated ? task.get() : Future.failedFuture(notReady())));
    next.onComplete(done -> {
      if (queries != null) {
        queries.maintained();
      }
    });
    next.onFailure(e -> {
      if (!(e instanceof Refusal) && !stopping) { // a task cut short by a stop is redone at the next start
        LOG.warn("store_maintenance_failed", net.logstash.logback.argument.StructuredArguments.kv("reason", e.getMessage()));
      }
    });
    return next;
  }

  private Future<JsonObject> rollUp() {
    long redo = redoFrom;
    redoFrom = Long.MAX_VALUE;
    long now = now();
    return rollups.run(now - settings.rollupDelayMs(), redo, now - settings.rawDays() * StoreSettings.DAY_MS)
        .map(m -> {
          marks = m;
          return marksJson();
        })
        .onFailure(e -> redoFrom = Math.min(redoFrom, redo));
  }

  private Future<JsonObject> applyRetention() {
    return retention.run(now(), marks).map(outcome -> {
      sizeBytes = outcome.getLong("sizeBytes");
      if (outcome.containsKey("trimmed")) {
        activity.warning("History store over " + settings.maxBytes() + " bytes (store.maxBytes): deleted "
            + outcome.getString("trimmed"));
      }
      return outcome;
    });
  }

  private void measureSize() {
    db.sizeBytes().onSuccess(size -> sizeBytes = size);
  }

  private void onMaintain(Message<Object> msg) {
    Failures.replyWhenDone(msg, maintain(() -> flushAll().compose(v -> rollUp()).compose(m -> applyRetention()
        .map(outcome -> outcome.put("written", written).put("marks", m))))
        .recover(e -> Future.failedFuture(e instanceof Refusal ? e : storeDown(e))));
  }

  /**
   * Persists a monitor's change (validated by the probe), then publishes it for every Vigie's probe (and, in a
   * cluster, every store) to apply. In a cluster the change is decided against the cluster's copy, not this table.
   */
  private void onSaveMonitor(Message<JsonObject> msg) {
    JsonObject change = body(msg);
    answer(msg, () -> whenReady(() -> (shared == null ? monitors.save(change, now())
        : monitorsJoined.compose(v -> shared.save(change, now()))).onSuccess(saved -> vertx.eventBus()
        .publish(MonitorsBus.CHANGED, saved.copy().put("op", change.getString("op")).put("id", change.getString("id"))))));
  }

  /** A monitor changed somewhere in the cluster: this store's row becomes the cluster's copy of it. */
  private void onMonitorChanged(Message<JsonObject> msg) {
    String id = body(msg).getString("id");
    if (shared == null || id == null || !migrated || stopping) {
      return; // alone, the change is this store's own; before the schema is there, the join at connect covers it
    }
    monitorsJoined.compose(v -> shared.mirror(id)).onFailure(e -> {
      monitorsBehind = true;
      LOG.warn("store_monitor_mirror_failed", net.logstash.logback.argument.StructuredArguments.kv("reason", e.getMessage()));
    });
  }

  /**
   * Merges this store's monitors with the cluster's and takes the result (at connect, and again after a change it
   * could not apply); what it added to the cluster's copy is published for the other members to apply.
   */
  private void joinMonitors() {
    if (shared == null) {
      return;
    }
    boolean retrying = monitorsBehind;
    monitorsBehind = false;
    monitorsJoined = shared.join().transform(ar -> {
      if (ar.failed()) {
        monitorsBehind = true;
        if (!retrying) { // said once, not at every retry while the database is down
          LOG.warn("store_monitors_join_failed", net.logstash.logback.argument.StructuredArguments.kv("reason", ar.cause().getMessage()));
        }
      } else {
        ar.result().forEach(row -> vertx.eventBus().publish(MonitorsBus.CHANGED,
            new JsonObject().put("op", "add").put("id", row.getString("id")).put("monitor", row)));
        if (!ar.result().isEmpty()) {
          activity.info(ar.result().size() + " monitors of this node's store added to the cluster's");
        }
      }
      return Future.succeededFuture();
    });
  }

  private void onAlerts(Message<JsonObject> msg) {
    answer(msg, () -> {
      JsonObject b = body(msg);
      long now = now();
      long to = HistoryRequest.time(b.getValue("to"), "to", now);
      long from = HistoryRequest.time(b.getValue("from"), "from", to - 30 * StoreSettings.DAY_MS);
      int limit = limit(b, 200);
      return whenReady(() -> queries.alerts(from, to, limit, now));
    });
  }

  private void onRecords(Message<JsonObject> msg) {
    answer(msg, () -> {
      JsonObject b = body(msg);
      String category = b.getValue("category") instanceof String s ? s : "";
      if (!List.of("downloads", "quality", "stress").contains(category)) {
        throw Refusal.badField("category", "must be downloads, quality or stress");
      }
      int limit = limit(b, 50);
      return whenReady(() -> queries.records(category, limit));
    });
  }

  private static int limit(JsonObject body, int otherwise) {
    Object value = body.getValue("limit");
    if (value == null) {
      return otherwise;
    }
    try {
      int limit = value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().trim());
      if (limit >= 1 && limit <= 10_000) {
        return limit;
      }
    } catch (NumberFormatException ignored) {
      // refused below
    }
    throw Refusal.badField("limit", "must be a whole number from 1 to 10000");
  }

  /**
   * Replies what {@code query} gives: a refusal as such (questions are validated before the database is asked), a
   * database failure, or no database yet, as 503 {@code STORE_DOWN}.
   */
  private void answer(Message<?> msg, Supplier<Future<JsonObject>> query) {
    Future<JsonObject> result;
    try {
      result = query.get();
    } catch (Refusal refusal) {
      result = Future.failedFuture(refusal);
    }
    Failures.replyWhenDone(msg, result.recover(e -> Future.failedFuture(e instanceof Refusal ? e : storeDown(e))));
  }

  /** The query, once the schema is there; until then 503 {@code STORE_DOWN}. */
  /** Runs the query once the first attempt to open the database is over, or refuses it while the database is down. */
  private Future<JsonObject> whenReady(Supplier<Future<JsonObject>> query) {
    return firstAttempt.compose(v -> migrated ? query.get() : Future.failedFuture(notReady()));
  }

  private static Refusal notReady() {
    return new Refusal(Failures.UNAVAILABLE, "STORE_DOWN", "the store's database is not reachable yet");
  }

  private static Refusal storeDown(Throwable cause) {
    return new Refusal(Failures.UNAVAILABLE, "STORE_DOWN", "the store's database failed: " + cause.getMessage());
  }

  private JsonObject marksJson() {
    return new JsonObject()
        .put("minutesRolledTo", marks.minutes() == 0 ? null : Instant.ofEpochMilli(marks.minutes()).toString())
        .put("hoursRolledTo", marks.hours() == 0 ? null : Instant.ofEpochMilli(marks.hours()).toString())
        .put("daysRolledTo", marks.days() == 0 ? null : Instant.ofEpochMilli(marks.days()).toString());
  }

  private JsonObject stateJson() {
    return new JsonObject().put("state", state).put("database", db.kind()).put("location", db.location())
        .put("received", received).put("buffered", pending.size()).put("bufferRows", pending.bound()).put("dropped", pending.dropped())
        .put("written", written).put("lastWriteAt", lastWriteAt == null ? null : lastWriteAt.toString())
        .put("lastError", lastError).put("sizeBytes", sizeBytes).put("maxBytes", settings.maxBytes())
        .put("marks", marksJson()).put("uptimeComputations", queries == null ? 0 : queries.everyMonitorComputed());
  }

  private void publishSection() {
    sections.publish(StoreSection.of(stateJson()).toJson());
  }
}
