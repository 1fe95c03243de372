package dev.vigie.monitor;

import dev.vigie.bus.ClusterBus;
import dev.vigie.bus.Failures;
import dev.vigie.bus.HealthBus;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.ProbeBus;
import dev.vigie.bus.Refusal;
import dev.vigie.bus.SecretRedactor;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.SharedBufferCodec;
import dev.vigie.bus.StoreBus;
import dev.vigie.bus.Thresholds;
import dev.vigie.meters.AreaMeters;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the snapshot: sections published by any verticle, the "system" section it samples itself, and the activity
 * log. Pushes changed sections on {@link MonitorBus#UPDATE} at most once per {@code monitor.pushIntervalMs}, and at
 * once when a section's status changes. Builds the exported report ({@link MonitorBus#REPORT}).
 *
 * <p>In a cluster every member's monitor holds every member's sections, each keyed by the node it comes from (tagged by
 * the sending node's monitor, {@link MonitorBus#NODE}), removes a node's sections when it leaves, and keeps the
 * "totals" section ({@link ClusterTotals}). Alerts are evaluated and announced by the holder of the
 * {@link ClusterBus#ALERTS} role alone, over every node's sections; it keeps its alerts in a cluster-wide map, from
 * which the next holder takes them over. The other members show the holder's alerts as it publishes them
 * ({@link AlertMirror}).
 */
public final class MonitorVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger("monitor");
  private static final long LAG_TICK_MS = 100;
  private static final DeliveryOptions ASK_PROBES = new DeliveryOptions().setSendTimeout(10_000);
  /** The most monitors whose uptime windows a report holds: the store's largest page. */
  private static final int REPORT_UPTIME_MONITORS = 1000;
  private static final long EXPIRY_TICK_MS = 1000;
  private static final long MINUTE_NANOS = 60_000_000_000L;
  /** The cluster-wide map where the holder of the alerts role keeps its alerts for the next holder. */
  static final String ALERT_MAP = "vigie.monitor.alerts";
  private static final String ALERT_KEY = "state";
  /** Open alerts a non-holder mirrors at most (the holder's own are bounded by its rules and checks). */
  private static final int MIRRORED_OPEN = 10_000;

  private final String version;
  private final List<Long> timers = new ArrayList<>();
  private final AreaMeters meters = new AreaMeters();
  private SectionBoard board;
  private ActivityLog activity;
  private SystemSampler system;
  private AlertBook alerts;
  private SecretRedactor redactor;
  private int clients;
  private long maxSnapshotBytes;
  private SectionBounds bounds;
  private SnapshotText snapshotText;
  private long rejectedSections;
  private long rejectionLoggedAt = System.nanoTime() - MINUTE_NANOS;
  private Thresholds thresholds;
  /** This node's id in a cluster; null when Vigie runs alone. */
  private String self;
  /** True while this monitor evaluates and announces alerts: always alone, on the alerts role's holder in a cluster. */
  private boolean acting;
  private AlertMirror mirror;
  private Handler<DeliveryContext<Object>> tagger;
  private AsyncMap<String, JsonObject> alertMap;
  private boolean alertsWriting;
  private boolean alertsDirty;
  /** The ack and silence consumers: registered while this monitor acts for the alerts. */
  private final List<MessageConsumer<JsonObject>> alertActions = new ArrayList<>();
  /** The members of the last membership change. */
  private final Set<String> members = new HashSet<>();
  private String lastTotals;

  /** A monitor whose report names no release: {@code "development"}. */
  public MonitorVerticle() {
    this(null);
  }

  /** @param version the release the report names (the launcher reads it from the jar), or null in development */
  public MonitorVerticle(String version) {
    this.version = version == null ? "development" : version;
  }

  @Override
  public Future<?> start() {
    JsonObject monitor = config().getJsonObject("monitor");
    long pushInterval = monitor.getLong("pushIntervalMs");
    long sampleInterval = monitor.getLong("sampleIntervalMs");
    if (pushInterval < 10 || sampleInterval < 100) {
      return Future.failedFuture(new IllegalArgumentException(
          "monitor.pushIntervalMs must be at least 10 and monitor.sampleIntervalMs at least 100"));
    }
    maxSnapshotBytes = monitor.getLong("maxSnapshotBytes");
    try {
      bounds = SectionBounds.from(monitor.getJsonObject("sections"));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    board = new SectionBoard(bounds);
    if (vertx.isClustered()) {
      self = ((VertxInternal) vertx).clusterManager().getNodeId();
    }
    snapshotText = new SnapshotText(maxSnapshotBytes, self);
    meters.countOf("vigie.snapshot.texts.built", "snapshot texts built by the monitor: one per change asked about, "
        + "however many requests it answered", snapshotText, SnapshotText::builds);
    activity = new ActivityLog(monitor.getInteger("logSize"));
    thresholds = Thresholds.from(config());
    system = new SystemSampler(thresholds);
    alerts = AlertBook.from(config(), thresholds);
    mirror = new AlertMirror(config().getJsonObject("alerts").getInteger("recentSize"), MIRRORED_OPEN);
    redactor = SecretRedactor.of(config());

    var bus = vertx.eventBus();
    SharedBufferCodec.registerOn(bus);
    // The questions about this node's page (its snapshot, report, API sections, clients) are this node's monitor's.
    List<MessageConsumer<?>> consumers = new ArrayList<>(List.of(
        bus.<JsonObject>consumer(MonitorBus.SECTION, this::onSection),
        bus.<JsonObject>localConsumer(MonitorBus.EXTERNAL, msg -> onPosted(msg, self)),
        bus.<JsonObject>consumer(MonitorBus.ACTIVITY, this::onActivity),
        bus.localConsumer(MonitorBus.SNAPSHOT, msg -> onSnapshot(msg, () -> msg.reply(snapshot()))),
        bus.localConsumer(MonitorBus.SNAPSHOT_TEXT, this::onSnapshotText),
        bus.localConsumer(MonitorBus.REPORT, this::onReport),
        bus.<JsonObject>consumer(MonitorBus.VERDICT, this::onVerdict),
        bus.<JsonObject>localConsumer(MonitorBus.CLIENTS, msg -> clients = msg.body().getInteger("clients", 0)),
        HealthBus.answerPings(bus, "monitor")));
    Future<?> ready;
    if (self == null) {
      acting = true;
      consumers.addAll(registerAlertActions());
      ready = Future.succeededFuture();
    } else {
      tagger = ctx -> {
        String address = ctx.message().address();
        if ((MonitorBus.SECTION.equals(address) || MonitorBus.VERDICT.equals(address)
            || MonitorBus.ACTIVITY.equals(address) || MonitorBus.POSTED.equals(address))
            && !ctx.message().headers().contains(MonitorBus.NODE)) {
          ctx.message().headers().set(MonitorBus.NODE, self);
        }
        ctx.next();
      };
      bus.addOutboundInterceptor(tagger);
      consumers.addAll(List.of(
          // Another member's posted section: shown under that member, as its own page shows it.
          bus.<JsonObject>consumer(MonitorBus.POSTED, msg -> {
            String node = msg.headers().get(MonitorBus.NODE);
            if (node != null && !node.equals(self)) {
              onPosted(msg, node);
            }
          }),
          bus.<JsonObject>consumer(MonitorBus.ALERT, msg -> onHoldersAlert(msg.body(), true)),
          bus.<JsonObject>consumer(MonitorBus.ALERT_ACTION, msg -> onHoldersAlert(msg.body(), false)),
          // Deployed before the cluster area: no role or membership change of this node goes unheard.
          bus.<JsonObject>localConsumer(ClusterBus.ROLE, msg -> onRole(msg.body())),
          bus.<JsonObject>localConsumer(ClusterBus.MEMBERSHIP, msg -> onMembership(msg.body()))));
      ready = vertx.sharedData().<String, JsonObject>getClusterWideMap(ALERT_MAP).onSuccess(map -> alertMap = map);
    }

    long[] expected = {System.nanoTime() + LAG_TICK_MS * 1_000_000};
    timers.add(vertx.setPeriodic(LAG_TICK_MS, id -> {
      long now = System.nanoTime();
      system.recordLag(now - expected[0]);
      expected[0] = now + LAG_TICK_MS * 1_000_000;
    }));
    timers.add(vertx.setPeriodic(sampleInterval, id -> sampled(system.sample(clients))));
    timers.add(vertx.setPeriodic(pushInterval, id -> push()));
    timers.add(vertx.setPeriodic(EXPIRY_TICK_MS, id -> expire()));
    sampled(system.sample(clients));
    List<Future<?>> all = new ArrayList<>(consumers.stream().map(MessageConsumer::completion).toList());
    all.add(ready);
    return Future.all(all);
  }

  @Override
  public Future<?> stop() {
    timers.forEach(vertx::cancelTimer);
    if (tagger != null) {
      vertx.eventBus().removeOutboundInterceptor(tagger);
    }
    meters.close();
    return Future.succeededFuture();
  }

  /** The system section: stored here alone; in a cluster published, so that every member shows this node's. */
  private void sampled(SectionUpdate section) {
    if (self == null) {
      store(section);
    } else {
      vertx.eventBus().publish(MonitorBus.SECTION, section.toJson());
    }
  }

  private List<MessageConsumer<JsonObject>> registerAlertActions() {
    alertActions.add(vertx.eventBus().<JsonObject>consumer(MonitorBus.ACK, msg -> onAlertAction(msg, AlertActions::acknowledge)));
    alertActions.add(vertx.eventBus().<JsonObject>consumer(MonitorBus.SILENCE, msg -> onAlertAction(msg, AlertActions::silence)));
    return List.copyOf(alertActions);
  }

  /**
   * This node took or gave back a cluster role. Taking the alerts role: the previous holder's alerts are read from the
   * cluster-wide map (what this node mirrored, when they cannot be), so that an open alert is neither raised again nor
   * left without its clear; then this monitor evaluates, announces and answers acknowledgements and silences.
   */
  private void onRole(JsonObject change) {
    if (!ClusterBus.ALERTS.equals(change.getString("role"))) {
      return;
    }
    boolean held = Boolean.TRUE.equals(change.getBoolean("held"));
    if (held && !acting) {
      alertMap.get(ALERT_KEY).otherwise(e -> {
        LOG.warn("alerts_state_unreadable", net.logstash.logback.argument.StructuredArguments.kv("reason", String.valueOf(e)));
        return null;
      }).onComplete(read -> {
        JsonObject state = read.result() == null ? mirror.state() : mirror.completing(read.result());
        alerts = AlertBook.from(config(), thresholds);
        alerts.restore(state);
        acting = true;
        registerAlertActions();
        int open = alerts.open().size();
        appendActivity("info", "this node now evaluates and notifies the cluster's alerts (" + open + " open, taken over)",
            "alerts", self);
        vertx.eventBus().publish(MonitorBus.ALERTS_HANDOVER, new JsonObject().put("held", true)
            .put("alerts", alerts.open()), new DeliveryOptions().setLocalOnly(true));
        saveAlerts();
      });
    } else if (!held && acting) {
      acting = false;
      alertActions.forEach(MessageConsumer::unregister);
      alertActions.clear();
      mirror.replace(alerts.state());
      vertx.eventBus().publish(MonitorBus.ALERTS_HANDOVER, new JsonObject().put("held", false)
          .put("alerts", new JsonArray()), new DeliveryOptions().setLocalOnly(true));
      appendActivity("info", "this node no longer evaluates the cluster's alerts", "alerts", self);
    }
  }

  /** The holder's raise, clear, acknowledgement or silence, as every other member shows it. */
  private void onHoldersAlert(JsonObject event, boolean raiseOrClear) {
    if (acting || event == null) {
      return;
    }
    mirror.apply(event);
    if (raiseOrClear) {
      say(event);
    }
    refreshTotals();
  }

  /** A member joined or left: the sections of a member seen before and now gone are removed, its rule alerts cleared. */
  private void onMembership(JsonObject change) {
    Set<String> now = new HashSet<>();
    change.getJsonArray("members", new JsonArray()).forEach(id -> now.add(String.valueOf(id)));
    List<String> gone = members.stream().filter(id -> !now.contains(id) && !id.equals(self)).toList();
    members.clear();
    members.addAll(now);
    for (String node : gone) {
      int removed = board.removeNode(node);
      if (removed > 0) {
        appendActivity("info", "removed the " + removed + " sections of node " + node + ": it left the cluster", "monitor", self);
      }
      if (acting) {
        announce(alerts.clearNode(node, Instant.now()));
      }
    }
    if (!gone.isEmpty()) {
      refreshTotals();
      push();
    }
  }

  /** In a cluster, the "totals" section anew, stored when it changed. */
  private void refreshTotals() {
    if (self == null) {
      return;
    }
    Map<String, Map<String, JsonObject>> read = new LinkedHashMap<>();
    ClusterTotals.READ.forEach(name -> read.put(name, board.byNode(name)));
    SectionUpdate totals = ClusterTotals.of(board.nodes(), read, acting ? alerts.open() : mirror.openAlerts());
    String encoded = totals.toJson().encode();
    if (!encoded.equals(lastTotals)) {
      lastTotals = encoded;
      store(totals, null, false);
    }
  }

  /**
   * Keeps the alerts in the cluster-wide map for the next holder: one write at a time, the newest state written
   * after the one under way, so that an older state never lands last.
   */
  private void saveAlerts() {
    if (alertMap == null || !acting) {
      return;
    }
    alertsDirty = true;
    if (alertsWriting) {
      return;
    }
    alertsDirty = false;
    alertsWriting = true;
    alertMap.put(ALERT_KEY, alerts.state()).onComplete(done -> {
      alertsWriting = false;
      if (done.failed()) {
        LOG.warn("alerts_state_not_saved", net.logstash.logback.argument.StructuredArguments.kv("reason",
            String.valueOf(done.cause())));
      }
      if (alertsDirty) {
        saveAlerts();
      }
    });
  }

  /** A section an area published, in this JVM or (tagged with its node) on another member. */
  private void onSection(Message<JsonObject> msg) {
    JsonObject body = msg.body() == null ? new JsonObject() : msg.body();
    SectionUpdate update;
    try {
      update = redacted(body);
    } catch (Refusal refusal) {
      answer(msg, refusal);
      return;
    }
    accept(msg, update, msg.headers().get(MonitorBus.NODE), false);
  }

  /**
   * A section posted to the API of {@code node}: this node's (null when alone), or another member's, passed on by its
   * monitor. Once this node's own is taken, it is passed on to the other members.
   */
  private void onPosted(Message<JsonObject> msg, String node) {
    JsonObject body = msg.body() == null ? new JsonObject() : msg.body();
    // A section from outside may carry maxSectionBytes of strings, each through the redactor's patterns: the costliest
    // step of taking it, done once on a worker (in order of arrival) so that the monitor's loop keeps answering.
    vertx.executeBlocking(() -> redacted(body), true).onComplete(parsed -> {
      if (parsed.succeeded()) {
        if (accept(msg, parsed.result(), node, true) && self != null && self.equals(node)) {
          vertx.eventBus().publish(MonitorBus.POSTED, parsed.result().toJson());
        }
      } else if (parsed.cause() instanceof Refusal refusal) {
        answer(msg, refusal);
      } else {
        LOG.error("section_failed", parsed.cause());
        answer(msg, new Refusal(Failures.INTERNAL, "INTERNAL", "the section could not be read: " + parsed.cause()));
      }
    });
  }

  /** The section {@code body} holds, with every configured secret masked; a 400 {@code BAD_SECTION} refusal if none. */
  private SectionUpdate redacted(JsonObject body) {
    try {
      // Whatever a section carries, a configured secret never enters the snapshot (nor the frames and the report).
      return SectionUpdate.fromJson(redactor.json(body));
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new Refusal(Failures.BAD_REQUEST, "BAD_SECTION", e.getMessage());
    }
  }

  /** Stores the section and answers; false when it was refused. */
  private boolean accept(Message<JsonObject> msg, SectionUpdate update, String node, boolean fromOutside) {
    try {
      store(update, node, fromOutside);
    } catch (Refusal refusal) {
      answer(msg, refusal);
      return false;
    }
    if (msg.replyAddress() != null) {
      msg.reply(new JsonObject().put("accepted", update.section()));
    }
    return true;
  }

  private void answer(Message<JsonObject> msg, Refusal refusal) {
    if (msg.replyAddress() != null) {
      refusal.failReply(msg);
    } else {
      logRejected(refusal);
    }
  }

  /** A section published with no one to answer: logged, at most once a minute with the count since. */
  private void logRejected(Refusal refusal) {
    rejectedSections++;
    long now = System.nanoTime();
    if (now - rejectionLoggedAt >= MINUTE_NANOS) {
      rejectionLoggedAt = now;
      LOG.warn("section_rejected", net.logstash.logback.argument.StructuredArguments.entries(java.util.Map.of(
          "reason", refusal.getMessage(), "error", refusal.code(), "rejectedSoFar", rejectedSections)));
    }
  }

  private void store(SectionUpdate update) {
    store(update, null, false);
  }

  private void store(SectionUpdate update, String node, boolean fromOutside) {
    Instant now = Instant.now();
    int nodes = board.nodeCount();
    if (board.put(update, node, fromOutside, now, System.nanoTime())) {
      push();
    }
    if (acting) {
      announce(alerts.evaluate(update, node, now));
    }
    if (node != null && (ClusterTotals.READ.contains(update.section()) || board.nodeCount() != nodes)) {
      refreshTotals();
    }
  }

  /** An alert an area raised or cleared from its own checks. */
  private void onVerdict(Message<JsonObject> msg) {
    if (acting && msg.body() != null) {
      JsonObject alert = alerts.take(redactor.json(msg.body()), msg.headers().get(MonitorBus.NODE), Instant.now());
      if (alert != null) {
        announce(List.of(alert));
      }
    }
  }

  /** Publishes raised and cleared alerts and says them in the activity log. */
  private void announce(List<JsonObject> events) {
    if (events.isEmpty()) {
      return;
    }
    for (JsonObject alert : events) {
      vertx.eventBus().publish(MonitorBus.ALERT, alert);
      say(alert);
    }
    saveAlerts();
    refreshTotals();
  }

  /** A raise or clear, in the activity log. */
  private void say(JsonObject alert) {
    boolean raised = "raised".equals(alert.getString("state"));
    String level = !raised ? "info" : "critical".equals(alert.getString("severity")) ? "error" : "warning";
    String text = raised ? "alert: " + alert.getString("message") + ". Action: " + alert.getString("action")
        : "alert cleared: " + alert.getString("message");
    // The cluster's alert, said on every node alike: no node of its own.
    appendActivity(level, text, "alerts", null);
  }

  /** Acknowledge or silence: applied to the alert book, said in the activity log, answered. */
  private void onAlertAction(Message<JsonObject> msg, AlertActions.Action action) {
    try {
      AlertActions.Done done = action.apply(alerts, msg.body() == null ? new JsonObject() : msg.body(), Instant.now());
      appendActivity("info", done.activity(), "alerts", self);
      done.events().forEach(event -> vertx.eventBus().publish(MonitorBus.ALERT_ACTION, event));
      saveAlerts();
      msg.reply(done.reply());
    } catch (Refusal refusal) {
      refusal.failReply(msg);
    }
  }

  private void onActivity(Message<JsonObject> msg) {
    JsonObject body = msg.body();
    String message = body.getString("message");
    String level = body.getString("level", "info");
    if (message == null || message.isBlank() || !ActivityLog.LEVELS.contains(level)) {
      if (msg.replyAddress() != null) {
        Failures.fail(msg, Failures.BAD_REQUEST, "BAD_ACTIVITY", "an activity entry needs a message and a level of info, warning or error");
      }
      return;
    }
    JsonObject entry = appendActivity(level, message, body.getString("component"), msg.headers().get(MonitorBus.NODE));
    if (msg.replyAddress() != null) {
      msg.reply(entry);
    }
  }

  /** {@code node}: the node the entry comes from, in a cluster (every node's areas publish to every monitor). */
  private JsonObject appendActivity(String level, String message, String component, String node) {
    JsonObject entry = activity.append(Instant.now(), level, redactor.text(message), component, node);
    vertx.eventBus().publish(MonitorBus.LOG, entry, new DeliveryOptions().setLocalOnly(true));
    return entry;
  }

  private void push() {
    if (board.hasChanges()) {
      JsonObject update = new JsonObject().put("sections", board.drainChanged()).mergeIn(board.drainRemoved());
      // Every member's monitor pushes the same sections: each to its own node's pages.
      vertx.eventBus().publish(MonitorBus.UPDATE, update.put("ts", Instant.now().toString()),
          new DeliveryOptions().setLocalOnly(true));
    }
  }

  private void expire() {
    if (acting) {
      announce(alerts.settle(Instant.now()));
    }
    List<String> expired = board.expire(System.nanoTime());
    if (!expired.isEmpty()) {
      appendActivity("info", "removed section" + (expired.size() == 1 ? " " : "s ") + String.join(", ", expired)
          + ": not updated for " + bounds.expireMs() / 1000 + " s", "monitor", self);
      push();
    }
  }

  /** Answers with the snapshot (as JSON or as text), or a 500 with the error shape: never a request left unanswered. */
  private void onSnapshot(Message<Object> msg, Runnable answer) {
    try {
      answer.run();
    } catch (Refusal refusal) {
      LOG.error("snapshot_refused", net.logstash.logback.argument.StructuredArguments.kv("reason", refusal.getMessage()));
      refusal.failReply(msg);
    } catch (RuntimeException e) {
      LOG.error("snapshot_failed", e);
      Failures.fail(msg, Failures.INTERNAL, "INTERNAL", "the snapshot could not be built: " + e);
    }
  }

  /**
   * The snapshot's text in UTF-8 with its version; no bytes (an empty buffer) when the asker holds that version
   * already. Failures as {@link #onSnapshot}.
   */
  private void onSnapshotText(Message<Object> msg) {
    onSnapshot(msg, () -> {
      Buffer text = snapshotText.of(board, activity, shownAlerts(), Instant.now());
      String version = snapshotText.version();
      // Never written after its build: the asker reads these bytes, not a copy (SharedBufferCodec).
      DeliveryOptions options = new DeliveryOptions().addHeader(MonitorBus.SNAPSHOT_VERSION, version)
          .setCodecName(SharedBufferCodec.NAME);
      msg.reply(version.equals(msg.headers().get(MonitorBus.SNAPSHOT_HELD)) ? Buffer.buffer() : text, options);
    });
  }

  /** The report of now, with the probe area's summaries and the store's history windows when they answer in time. */
  private void onReport(Message<Object> msg) {
    Future<JsonObject> probes = vertx.eventBus().<JsonObject>request(ProbeBus.LIST, new JsonObject(), ASK_PROBES)
        .map(Message::body).otherwise((JsonObject) null);
    // The store answers a page at a time: a report holds the largest page, and says how many there are in all.
    Future<JsonObject> history = vertx.eventBus().<JsonObject>request(StoreBus.UPTIME, new JsonObject().put("limit",
            REPORT_UPTIME_MONITORS), ASK_PROBES)
        .map(Message::body).otherwise((JsonObject) null);
    Future<JsonObject> report = Future.join(probes, history).transform(done -> {
      Instant now = Instant.now();
      JsonObject built = PerformanceReport.build(snapshot(), probes.result(), config(), version, now)
          .put("history", history.result() == null
              ? new JsonObject().put("unavailable", "the store is not running or its database is down") : history.result());
      return Future.succeededFuture(new JsonObject().put("fileName", PerformanceReport.fileName(now)).put("report", built));
    });
    report.onFailure(e -> LOG.error("report_failed", e));
    Failures.replyWhenDone(msg, report);
  }

  /** The alerts this node's page shows: its own when it acts for them, else the holder's as it published them. */
  private JsonArray shownAlerts() {
    return acting ? alerts.toJson() : mirror.toJson();
  }

  /** The snapshot; throws a 500 {@code SNAPSHOT_TOO_LARGE} refusal past {@code monitor.maxSnapshotBytes}. */
  private JsonObject snapshot() {
    JsonArray log = activity.toJson();
    JsonArray raised = shownAlerts();
    long size = board.bytes() + log.encode().length() + raised.encode().length();
    if (size > maxSnapshotBytes) {
      throw SnapshotText.tooLarge(size, maxSnapshotBytes);
    }
    JsonObject snapshot = new JsonObject()
        .put("sections", board.all())
        .put("log", log)
        .put("alerts", raised)
        .put("ts", Instant.now().toString());
    return self == null ? snapshot : snapshot.put("node", self);
  }
}
