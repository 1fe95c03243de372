package dev.vigie.monitor;

import dev.vigie.bus.Failures;
import dev.vigie.bus.HealthBus;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.ProbeBus;
import dev.vigie.bus.SecretRedactor;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.StoreBus;
import dev.vigie.bus.Thresholds;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
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

  private final String version;
  private final List<Long> timers = new ArrayList<>();
  private SectionBoard board;
  private ActivityLog activity;
  private SystemSampler system;
  private AlertBook alerts;
  private SecretRedactor redactor;
  private int clients;

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
    board = new SectionBoard();
    activity = new ActivityLog(monitor.getInteger("logSize"));
    system = new SystemSampler(Thresholds.from(config()));
    alerts = AlertBook.from(config(), Thresholds.from(config()));
    redactor = SecretRedactor.of(config());

    List<MessageConsumer<?>> consumers = List.of(
        vertx.eventBus().<JsonObject>consumer(MonitorBus.SECTION, this::onSection),
        vertx.eventBus().<JsonObject>consumer(MonitorBus.ACTIVITY, this::onActivity),
        vertx.eventBus().consumer(MonitorBus.SNAPSHOT, msg -> msg.reply(snapshot())),
        vertx.eventBus().consumer(MonitorBus.REPORT, this::onReport),
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
    store(system.sample(clients));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  @Override
  public Future<?> stop() {
    timers.forEach(vertx::cancelTimer);
    return Future.succeededFuture();
  }

  private void onSection(Message<JsonObject> msg) {
    SectionUpdate update;
    try {
      // Whatever a section carries, a configured secret never enters the snapshot (nor the frames and the report).
      update = SectionUpdate.fromJson(redactor.json(msg.body()));
    } catch (IllegalArgumentException | ClassCastException e) {
      LOG.warn("section_rejected", net.logstash.logback.argument.StructuredArguments.kv("reason", e.getMessage()));
      if (msg.replyAddress() != null) {
        Failures.fail(msg, Failures.BAD_REQUEST, "BAD_SECTION", e.getMessage());
      }
      return;
    }
    store(update);
    if (msg.replyAddress() != null) {
      msg.reply(new JsonObject().put("accepted", update.section()));
    }
  }

  private void store(SectionUpdate update) {
    Instant now = Instant.now();
    if (board.put(update, now)) {
      push();
    }
    for (JsonObject alert : alerts.evaluate(update, now)) {
      vertx.eventBus().publish(MonitorBus.ALERT, alert);
      boolean raised = alert.getString("state").equals("raised");
      String level = !raised ? "info" : alert.getString("severity").equals("critical") ? "error" : "warning";
      String text = raised ? "alert: " + alert.getString("message") + ". Action: " + alert.getString("action")
          : "alert cleared: " + alert.getString("message");
      appendActivity(level, text, "alerts");
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
      vertx.eventBus().publish(MonitorBus.UPDATE,
          new JsonObject().put("sections", board.drainChanged()).put("ts", Instant.now().toString()));
    }
  }

  /** The report of now, with the probe area's summaries and the store's history windows when they answer in time. */
  private void onReport(Message<Object> msg) {
    Future<JsonObject> probes = vertx.eventBus().<JsonObject>request(ProbeBus.LIST, new JsonObject(), ASK_PROBES)
        .map(Message::body).otherwise((JsonObject) null);
    Future<JsonObject> history = vertx.eventBus().<JsonObject>request(StoreBus.UPTIME, new JsonObject(), ASK_PROBES)
        .map(Message::body).otherwise((JsonObject) null);
    Future.join(probes, history).onComplete(done -> {
      Instant now = Instant.now();
      JsonObject report = PerformanceReport.build(snapshot(), probes.result(), config(), version, now)
          .put("history", history.result() == null
              ? new JsonObject().put("unavailable", "the store is not running or its database is down") : history.result());
      msg.reply(new JsonObject().put("fileName", PerformanceReport.fileName(now)).put("report", report));
    });
  }

  private JsonObject snapshot() {
    return new JsonObject()
        .put("sections", board.all())
        .put("log", activity.toJson())
        .put("alerts", alerts.toJson())
        .put("ts", Instant.now().toString());
  }
}
