package dev.vigie.monitor;

import dev.vigie.bus.Failures;
import dev.vigie.bus.HealthBus;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.ProbeBus;
import dev.vigie.bus.Refusal;
import dev.vigie.bus.SecretRedactor;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.StoreBus;
import dev.vigie.bus.Thresholds;
import dev.vigie.meters.AreaMeters;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the snapshot: sections published by any verticle, the "system" section it samples itself, and the activity
 * log. Pushes changed sections on {@link MonitorBus#UPDATE} at most once per {@code monitor.pushIntervalMs}, and at
 * once when a section's status changes. Builds the exported report ({@link MonitorBus#REPORT}).
 */
public final class MonitorVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger("monitor");
  private static final long LAG_TICK_MS = 100;
  private static final DeliveryOptions ASK_PROBES = new DeliveryOptions().setSendTimeout(10_000);
  private static final long EXPIRY_TICK_MS = 1000;
  private static final long MINUTE_NANOS = 60_000_000_000L;

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
    snapshotText = new SnapshotText(maxSnapshotBytes);
    meters.countOf("vigie.snapshot.texts.built", "snapshot texts built by the monitor: one per change asked about, "
        + "however many requests it answered", snapshotText, SnapshotText::builds);
    activity = new ActivityLog(monitor.getInteger("logSize"));
    system = new SystemSampler(Thresholds.from(config()));
    alerts = AlertBook.from(config(), Thresholds.from(config()));
    redactor = SecretRedactor.of(config());

    List<MessageConsumer<?>> consumers = List.of(
        vertx.eventBus().<JsonObject>consumer(MonitorBus.SECTION, msg -> onSection(msg, false)),
        vertx.eventBus().<JsonObject>consumer(MonitorBus.EXTERNAL, msg -> onSection(msg, true)),
        vertx.eventBus().<JsonObject>consumer(MonitorBus.ACTIVITY, this::onActivity),
        vertx.eventBus().consumer(MonitorBus.SNAPSHOT, msg -> onSnapshot(msg, () -> msg.reply(snapshot()))),
        vertx.eventBus().consumer(MonitorBus.SNAPSHOT_TEXT, this::onSnapshotText),
        vertx.eventBus().consumer(MonitorBus.REPORT, this::onReport),
        vertx.eventBus().<JsonObject>consumer(MonitorBus.VERDICT, this::onVerdict),
        vertx.eventBus().<JsonObject>consumer(MonitorBus.ACK, msg -> onAlertAction(msg, AlertActions::acknowledge)),
        vertx.eventBus().<JsonObject>consumer(MonitorBus.SILENCE, msg -> onAlertAction(msg, AlertActions::silence)),
        vertx.eventBus().<JsonObject>consumer(MonitorBus.CLIENTS, msg -> clients = msg.body().getInteger("clients", 0)),
        HealthBus.answerPings(vertx.eventBus(), "monitor"));

    long[] expected = {System.nanoTime() + LAG_TICK_MS * 1_000_000};
    timers.add(vertx.setPeriodic(LAG_TICK_MS, id -> {
      long now = System.nanoTime();
      system.recordLag(now - expected[0]);
      expected[0] = now + LAG_TICK_MS * 1_000_000;
    }));
    timers.add(vertx.setPeriodic(sampleInterval, id -> store(system.sample(clients))));
    timers.add(vertx.setPeriodic(pushInterval, id -> push()));
    timers.add(vertx.setPeriodic(EXPIRY_TICK_MS, id -> expire()));
    store(system.sample(clients));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  @Override
  public Future<?> stop() {
    timers.forEach(vertx::cancelTimer);
    meters.close();
    return Future.succeededFuture();
  }

  /** A section from a verticle on the bus, or ({@code fromOutside}) posted to the API. */
  private void onSection(Message<JsonObject> msg, boolean fromOutside) {
    JsonObject body = msg.body() == null ? new JsonObject() : msg.body();
    if (!fromOutside) {
      SectionUpdate update;
      try {
        update = redacted(body);
      } catch (Refusal refusal) {
        answer(msg, refusal);
        return;
      }
      accept(msg, update, false);
      return;
    }
    // A section from outside may carry maxSectionBytes of strings, each through the redactor's patterns: the costliest
    // step of taking it, done once on a worker (in order of arrival) so that the monitor's loop keeps answering.
    vertx.executeBlocking(() -> redacted(body), true).onComplete(parsed -> {
      if (parsed.succeeded()) {
        accept(msg, parsed.result(), true);
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

  private void accept(Message<JsonObject> msg, SectionUpdate update, boolean fromOutside) {
    try {
      store(update, fromOutside);
    } catch (Refusal refusal) {
      answer(msg, refusal);
      return;
    }
    if (msg.replyAddress() != null) {
      msg.reply(new JsonObject().put("accepted", update.section()));
    }
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
    store(update, false);
  }

  private void store(SectionUpdate update, boolean fromOutside) {
    Instant now = Instant.now();
    if (board.put(update, fromOutside, now, System.nanoTime())) {
      push();
    }
    announce(alerts.evaluate(update, now));
  }

  /** An alert an area raised or cleared from its own checks. */
  private void onVerdict(Message<JsonObject> msg) {
    if (msg.body() != null) {
      JsonObject alert = alerts.take(redactor.json(msg.body()), Instant.now());
      if (alert != null) {
        announce(List.of(alert));
      }
    }
  }

  /** Publishes raised and cleared alerts and says them in the activity log. */
  private void announce(List<JsonObject> events) {
    for (JsonObject alert : events) {
      vertx.eventBus().publish(MonitorBus.ALERT, alert);
      boolean raised = alert.getString("state").equals("raised");
      String level = !raised ? "info" : alert.getString("severity").equals("critical") ? "error" : "warning";
      String text = raised ? "alert: " + alert.getString("message") + ". Action: " + alert.getString("action")
          : "alert cleared: " + alert.getString("message");
      appendActivity(level, text, "alerts");
    }
  }

  /** Acknowledge or silence: applied to the alert book, said in the activity log, answered. */
  private void onAlertAction(Message<JsonObject> msg, AlertActions.Action action) {
    try {
      AlertActions.Done done = action.apply(alerts, msg.body() == null ? new JsonObject() : msg.body(), Instant.now());
      appendActivity("info", done.activity(), "alerts");
      done.events().forEach(event -> vertx.eventBus().publish(MonitorBus.ALERT_ACTION, event));
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
    JsonObject entry = appendActivity(level, message, body.getString("component"));
    if (msg.replyAddress() != null) {
      msg.reply(entry);
    }
  }

  private JsonObject appendActivity(String level, String message, String component) {
    JsonObject entry = activity.append(Instant.now(), level, redactor.text(message), component);
    vertx.eventBus().publish(MonitorBus.LOG, entry);
    return entry;
  }

  private void push() {
    if (board.hasChanges()) {
      JsonObject update = new JsonObject().put("sections", board.drainChanged());
      JsonArray removed = board.drainRemoved();
      if (!removed.isEmpty()) {
        update.put("removed", removed);
      }
      vertx.eventBus().publish(MonitorBus.UPDATE, update.put("ts", Instant.now().toString()));
    }
  }

  private void expire() {
    announce(alerts.settle(Instant.now()));
    List<String> expired = board.expire(System.nanoTime());
    if (!expired.isEmpty()) {
      appendActivity("info", "removed section" + (expired.size() == 1 ? " " : "s ") + String.join(", ", expired)
          + ": not updated for " + bounds.expireMs() / 1000 + " s", "monitor");
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
      Buffer text = snapshotText.of(board, activity, alerts.toJson(), Instant.now());
      String version = snapshotText.version();
      DeliveryOptions options = new DeliveryOptions().addHeader(MonitorBus.SNAPSHOT_VERSION, version);
      // The bus copies a buffer for its receiver: worth sparing when the asker holds these bytes.
      msg.reply(version.equals(msg.headers().get(MonitorBus.SNAPSHOT_HELD)) ? Buffer.buffer() : text, options);
    });
  }

  /** The report of now, with the probe area's summaries and the store's history windows when they answer in time. */
  private void onReport(Message<Object> msg) {
    Future<JsonObject> probes = vertx.eventBus().<JsonObject>request(ProbeBus.LIST, new JsonObject(), ASK_PROBES)
        .map(Message::body).otherwise((JsonObject) null);
    Future<JsonObject> history = vertx.eventBus().<JsonObject>request(StoreBus.UPTIME, new JsonObject(), ASK_PROBES)
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

  /** The snapshot; throws a 500 {@code SNAPSHOT_TOO_LARGE} refusal past {@code monitor.maxSnapshotBytes}. */
  private JsonObject snapshot() {
    JsonArray log = activity.toJson();
    JsonArray raised = alerts.toJson();
    long size = board.bytes() + log.encode().length() + raised.encode().length();
    if (size > maxSnapshotBytes) {
      throw SnapshotText.tooLarge(size, maxSnapshotBytes);
    }
    return new JsonObject()
        .put("sections", board.all())
        .put("log", log)
        .put("alerts", raised)
        .put("ts", Instant.now().toString());
  }
}
