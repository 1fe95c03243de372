package dev.vigie.notify;

import static net.logstash.logback.argument.StructuredArguments.entries;

import dev.vigie.bus.Activity;
import dev.vigie.bus.Failures;
import dev.vigie.bus.HealthBus;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.NotifyBus;
import dev.vigie.bus.Refusal;
import dev.vigie.bus.RequestField;
import dev.vigie.bus.SecretRedactor;
import dev.vigie.bus.SectionPublisher;
import dev.vigie.bus.StoreBus;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notify area: listens to its node's {@link MonitorBus#ALERT} (in a cluster, only the holder of the alerts role
 * publishes them, so alerts are sent once for the cluster), groups the events ({@link AlertGrouper}) and hands each
 * notice to every channel that wants it ({@link ChannelDelivery}: queue, retries, breaker); answers the
 * {@link NotifyBus} requests; re-sends the open alerts to Alertmanager channels every {@code notify.resendMs}; and
 * publishes the {@code notify} section.
 */
public final class NotifyVerticle extends VerticleBase {
  private static final String AREA = "notify";
  private static final Logger LOG = LoggerFactory.getLogger(AREA);
  private static final int MAX_PAGE = 500;

  private NotifySettings settings;
  private WebClient client;
  private ChannelRedactor redactor;
  private ChannelBook book;
  private DeliveryLog deliveries;
  private AlertGrouper grouper;
  private Activity activity;
  private SectionPublisher sections;
  /** Open alerts by id, for the re-send Alertmanager needs to keep them firing. */
  private final Map<String, JsonObject> open = new LinkedHashMap<>();
  /** Channels changed through the API since this start: what the store holds for them is older. */
  private final Set<String> changedSinceStart = new HashSet<>();
  private long sectionTimer;
  private long storeRetry = -1;
  private boolean stopped;
  private long resendTimer;

  @Override
  public Future<?> start() {
    List<Channel> configured;
    try {
      settings = NotifySettings.from(config());
      configured = ChannelBook.fromConfig(config().getJsonObject("notify").getJsonArray("channels"));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    // Redirects are followed by HttpSender as notify.redirectHosts allows, never by the client.
    client = WebClient.create(vertx, new WebClientOptions().setUserAgent("vigie-notify").setFollowRedirects(false));
    redactor = new ChannelRedactor(SecretRedactor.of(config()));
    deliveries = new DeliveryLog(settings.deliveryLogSize());
    activity = new Activity(vertx.eventBus(), AREA);
    sections = new SectionPublisher(vertx.eventBus());
    book = new ChannelBook(settings.maxChannels(), this::open, redactor);
    configured.forEach(book::load);
    grouper = new AlertGrouper(vertx, settings.groupWaitMs(), settings.maxGroupAlerts(), this::dispatch);
    var bus = vertx.eventBus();
    List<MessageConsumer<?>> consumers = List.of(
        // Local: in a cluster only the monitor holding the alerts role publishes alerts, so only its node sends them.
        bus.<JsonObject>localConsumer(MonitorBus.ALERT, msg -> onAlert(msg.body())),
        bus.<JsonObject>localConsumer(MonitorBus.ALERTS_HANDOVER, msg -> onHandover(msg.body())),
        bus.consumer(NotifyBus.CHANNELS, msg -> msg.reply(new JsonObject().put("channels", book.shownAll()))),
        bus.<JsonObject>consumer(NotifyBus.CHANNEL, msg -> answer(msg, () -> book.shown(book.get(id(msg))))),
        bus.<JsonObject>consumer(NotifyBus.SAVE, this::onSave),
        bus.<JsonObject>consumer(NotifyBus.DELETE, this::onDelete),
        bus.<JsonObject>consumer(NotifyBus.TEST, this::onTest),
        bus.<JsonObject>consumer(NotifyBus.DELIVERIES, this::onDeliveries),
        HealthBus.answerPings(bus, AREA));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).onSuccess(v -> {
      sectionTimer = vertx.setPeriodic(settings.sectionIntervalMs(), id -> publishSection());
      resendTimer = vertx.setPeriodic(settings.resendMs(), id -> resend());
      publishSection();
      loadStored();
    });
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(storeRetry);
    vertx.cancelTimer(sectionTimer);
    vertx.cancelTimer(resendTimer);
    grouper.close();
    book.closeAll();
    client.close();
    return Future.succeededFuture();
  }

  private ChannelDelivery open(Channel channel) {
    Sender sender = switch (channel.type()) {
      case WEBHOOK -> http(channel, URI.create(channel.url()), n -> Bodies.webhook(n).toBuffer());
      case SLACK -> http(channel, URI.create(channel.url()), n -> Bodies.slack(n).toBuffer());
      case ALERTMANAGER -> http(channel, URI.create(channel.url().replaceAll("/+$", "") + "/api/v2/alerts"),
          n -> Bodies.alertmanager(n, Instant.now(), 4 * settings.resendMs(), settings.publicUrl(), channel.id()).toBuffer());
      case EMAIL -> new MailSender(vertx, channel.smtp(), settings.timeoutMs());
    };
    return new ChannelDelivery(vertx, channel, sender, settings, this::record);
  }

  private Sender http(Channel channel, URI target, Function<Notice, Buffer> body) {
    return new HttpSender(client, channel, target, settings.timeoutMs(), settings.redirects(), body);
  }

  /**
   * Redacts a delivery event, keeps it in the log and writes it to the JSON log ({@code notify_<event>} with the
   * entry as context); breaker changes, failures and drops also reach the activity log.
   */
  private void record(JsonObject raw) {
    JsonObject entry = redactor.json(raw);
    deliveries.add(entry);
    String event = entry.getString("event");
    String what = "notify channel " + entry.getString("channel") + ": " + event
        + (entry.containsKey("error") ? " (" + entry.getString("error") + ")" : "");
    String message = "notify_" + event.replace('-', '_');
    switch (event) {
      case "breaker-open", "failed", "dropped" -> {
        LOG.warn(message, entries(entry.getMap()));
        activity.warning(what);
      }
      case "breaker-closed" -> {
        LOG.info(message, entries(entry.getMap()));
        activity.info(what);
      }
      default -> LOG.info(message, entries(entry.getMap()));
    }
  }

  private void onAlert(JsonObject alert) {
    if (alert == null || alert.getString("id") == null || alert.getString("state") == null) {
      return;
    }
    // A silenced raise is not sent; a clear is sent when its raise was (whatever silence came since), so no
    // receiver is left with an alert that never ends.
    boolean silenced = alert.getValue("silenced") instanceof JsonObject;
    if ("raised".equals(alert.getString("state"))) {
      if (silenced) {
        return;
      }
      open.put(alert.getString("id"), alert.copy());
    } else if (open.remove(alert.getString("id")) == null && silenced) {
      return;
    }
    grouper.add(alert.copy());
  }

  /**
   * This node's monitor took over the cluster's alerts (the alerts open then were sent by the previous holder: kept
   * for Alertmanager's re-sends, not sent again) or gave them up (nothing more to re-send from here).
   */
  private void onHandover(JsonObject handover) {
    open.clear();
    if (handover == null || !Boolean.TRUE.equals(handover.getBoolean("held"))) {
      return;
    }
    for (Object o : handover.getJsonArray("alerts", new io.vertx.core.json.JsonArray())) {
      if (o instanceof JsonObject alert && alert.getString("id") != null && !(alert.getValue("silenced") instanceof JsonObject)) {
        open.put(alert.getString("id"), alert.copy());
      }
    }
  }

  /** Hands a notice to every channel that wants at least one of its alerts, with only those alerts. */
  private void dispatch(Notice notice) {
    for (ChannelDelivery delivery : book.all()) {
      Channel channel = delivery.channel();
      if (notice.kind() == Notice.Kind.RESEND && channel.type() != Channel.Type.ALERTMANAGER) {
        continue;
      }
      List<JsonObject> wanted = notice.alerts().stream().filter(a -> channel.wants(a.getString("severity"))).toList();
      if (!wanted.isEmpty()) {
        delivery.offer(new Notice(notice.kind(), notice.group(), wanted, notice.time()));
      }
    }
  }

  private void resend() {
    if (!open.isEmpty()) {
      dispatch(new Notice(Notice.Kind.RESEND, "open alerts", List.copyOf(open.values()), Instant.now()));
    }
  }

  private void publishSection() {
    sections.publish(NotifySection.of(book, deliveries).toJson());
  }

  private static String id(Message<JsonObject> msg) {
    return msg.body() == null ? null : msg.body().getValue("id") instanceof String s ? s : null;
  }

  private static void answer(Message<JsonObject> msg, Supplier<Object> work) {
    try {
      msg.reply(work.get());
    } catch (Refusal e) {
      e.failReply(msg);
    }
  }

  /**
   * Adds or replaces a channel: applied at once, then stored ({@link StoreBus#SAVE_CHANNEL}) so it comes back after a
   * restart. When the store cannot keep it the change is undone and refused (503 {@code STORE_DOWN}); with no store
   * area at all the channel lives in memory.
   */
  private void onSave(Message<JsonObject> msg) {
    JsonObject body = msg.body() == null ? new JsonObject() : msg.body();
    String id = id(msg);
    Channel previous;
    Channel saved;
    try {
      if (!(body.getValue("channel") instanceof JsonObject channel)) {
        throw Refusal.badField("channel", "must be a JSON object");
      }
      previous = id == null ? null : book.get(id).channel();
      saved = id == null ? book.add(channel) : book.replace(id, channel);
    } catch (Refusal e) {
      e.failReply(msg);
      return;
    }
    changedSinceStart.add(saved.id());
    store(new JsonObject().put("op", "put").put("id", saved.id()).put("definition", saved.toJson())).onComplete(ar -> {
      if (ar.failed()) {
        undo(saved.id(), previous);
        storeDown(ar.cause()).failReply(msg);
        return;
      }
      activity.info("notify channel " + saved.id() + " " + (id == null ? "added" : "replaced"));
      publishSection();
      answer(msg, () -> book.shown(book.get(saved.id())));
    });
  }

  /** Puts back what a change the store could not keep replaced (or removes what it added). */
  private void undo(String id, Channel previous) {
    try {
      if (previous == null) {
        book.remove(id);
      } else {
        book.replace(id, previous.toJson());
      }
    } catch (Refusal ignored) {
      // changed again meanwhile: that later change stands
    }
  }

  /** Removes a channel from the store, then from memory (a channel of the file comes back at the next start). */
  private void onDelete(Message<JsonObject> msg) {
    String id = id(msg);
    try {
      book.get(id);
    } catch (Refusal e) {
      e.failReply(msg);
      return;
    }
    changedSinceStart.add(id);
    store(new JsonObject().put("op", "remove").put("id", id)).onComplete(ar -> {
      if (ar.failed()) {
        storeDown(ar.cause()).failReply(msg);
        return;
      }
      answer(msg, () -> {
        book.remove(id);
        activity.info("notify channel " + id + " removed");
        publishSection();
        return new JsonObject().put("deleted", id);
      });
    });
  }

  /** Asks the store to keep a change; succeeds without it when no store area runs (channels then live in memory). */
  private Future<Void> store(JsonObject change) {
    return vertx.eventBus().request(StoreBus.SAVE_CHANNEL, change, new DeliveryOptions().setSendTimeout(settings.timeoutMs()))
        .<Void>mapEmpty().recover(e -> e instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS
            ? Future.succeededFuture() : Future.failedFuture(e));
  }

  private Refusal storeDown(Throwable cause) {
    return new Refusal(Failures.UNAVAILABLE, "STORE_DOWN", "the channel was not changed: the store could not keep it ("
        + redactor.text(Failures.bodyOf(cause).getString("message")) + ")");
  }

  /**
   * Loads the channels stored through the API (after the file's: a stored channel replaces the file's of the same id),
   * retrying every {@code notify.storeRetryMs} until the store answers. A channel changed through the API since this
   * start is left as it is now.
   */
  private void loadStored() {
    if (stopped) {
      return;
    }
    vertx.eventBus().<JsonObject>request(StoreBus.CHANNELS, new JsonObject(),
        new DeliveryOptions().setSendTimeout(settings.timeoutMs())).onComplete(ar -> {
          if (stopped) {
            return;
          }
          if (ar.failed()) {
            storeRetry = vertx.setTimer(settings.storeRetryMs(), id -> loadStored());
            return;
          }
          int loaded = 0;
          for (Object row : ar.result().body().getJsonArray("channels", new io.vertx.core.json.JsonArray())) {
            JsonObject stored = (JsonObject) row;
            String id = stored.getString("id");
            if (changedSinceStart.contains(id)) {
              continue;
            }
            try {
              book.restore(stored.getJsonObject("definition"));
              loaded++;
            } catch (Refusal e) {
              String why = redactor.text(e.getMessage());
              LOG.warn("notify_channel_not_loaded", entries(Map.of("channel", id, "reason", why)));
              activity.warning("notify channel " + id + " from the store not loaded: " + why);
            }
          }
          if (loaded > 0) {
            activity.info(loaded + " notify channels loaded from the store");
            publishSection();
          }
        });
  }

  private void onTest(Message<JsonObject> msg) {
    ChannelDelivery delivery;
    try {
      delivery = book.get(id(msg));
    } catch (Refusal e) {
      e.failReply(msg);
      return;
    }
    Notice test = new Notice(Notice.Kind.TEST, "test", List.of(), Instant.now());
    delivery.test(test).onComplete(ar -> {
      JsonObject reply = new JsonObject().put("channel", delivery.channel().id()).put("delivered", ar.succeeded());
      if (ar.failed()) {
        reply.put("error", redactor.text(String.valueOf(ar.cause().getMessage())));
      }
      msg.reply(reply);
    });
  }

  private void onDeliveries(Message<JsonObject> msg) {
    answer(msg, () -> {
      JsonObject body = msg.body() == null ? new JsonObject() : msg.body();
      int limit = (int) RequestField.whole(body, "limit", 50, 1, MAX_PAGE);
      int offset = (int) RequestField.whole(body, "offset", 0, 0, Integer.MAX_VALUE);
      Object channel = body.getValue("channel");
      if (channel != null && !(channel instanceof String)) {
        throw Refusal.badField("channel", "must be a channel id");
      }
      return deliveries.page(limit, offset, (String) channel);
    });
  }
}
