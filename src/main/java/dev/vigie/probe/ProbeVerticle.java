package dev.vigie.probe;

import static net.logstash.logback.argument.StructuredArguments.entries;

import dev.vigie.bus.Activity;
import dev.vigie.bus.ClusterBus;
import dev.vigie.bus.Failures;
import dev.vigie.bus.HealthBus;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.MonitorsBus;
import dev.vigie.bus.ProbeBus;
import dev.vigie.bus.Refusal;
import dev.vigie.bus.RequestField;
import dev.vigie.bus.SecretRedactor;
import dev.vigie.bus.Status;
import dev.vigie.bus.Thresholds;
import dev.vigie.meters.AreaMeters;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the endpoints and freshness sources on their intervals, through one HTTP client whose concurrency is
 * bounded, and publishes each result plus the "endpoints" and "freshness" sections (coalesced to one update per
 * {@code probe.publishIntervalMs}). Checks are spread over their interval ({@link ProbeSchedule}, one timer for all),
 * from the moment every area of Vigie is up, and how late each starts is measured ({@link Lateness}). In a cluster
 * this node checks its share only ({@link ProbeShare}). Failures and recoveries go to the activity log; alerts come
 * from the checks themselves ({@link CheckAlerts}). The monitors are those of the configuration file and those
 * the store keeps ({@link MonitorsBus}): asked for at start, then applied as each change is published, with no restart.
 */
public final class ProbeVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger("probe");

  private final Map<String, EndpointState> endpoints = new LinkedHashMap<>();
  private final Map<String, FreshnessState> sources = new LinkedHashMap<>();
  private HttpClient client;
  private ProbeMeters meters;
  private ConcurrencyGate gate;
  private EndpointCheck check;
  private FreshnessCheck freshnessCheck;
  private EndpointsSection endpointsSection;
  private final List<Long> timers = new ArrayList<>();
  /** When each running monitor is checked next, by {@code type:name}. */
  private ProbeSchedule<Object> schedule;
  /** Which monitors this node checks (all of them, unless it is one member of a cluster). */
  private ProbeShare share;
  private long scheduleTimer = -1;
  private long scheduleTimerDueMs = Long.MAX_VALUE;
  private long nextSeq;
  private Lateness lateness;
  /** Endpoint results since start: how many probes per second Vigie achieves (bench/probes). */
  private long resultCount;
  private CheckAlerts checkAlerts;
  private FreshnessSection freshnessSection;
  private ProbeSettings settings;
  private MonitorCatalogue catalogue;
  private boolean stopped;
  private long loadRetry = -1;
  private Activity activity;
  private SecretRedactor redactor;
  private boolean endpointsDirty;

  /**
   * The configuration comes through the constructor, and the deployment carries none: Vert.x copies a deployment's
   * whole config each time its HTTP client makes a context for a request, and with ten thousand endpoints in the file
   * that copy (1.3 MB) was 86 % of the probe loop's time.
   */
  private final JsonObject configuration;

  public ProbeVerticle(JsonObject configuration) {
    this.configuration = configuration;
  }

  @Override
  public Future<?> start() {
    settings = ProbeSettings.from(configuration);
    catalogue = new MonitorCatalogue(settings.configured(), settings.maxMonitors());
    activity = new Activity(vertx.eventBus(), "probe");
    redactor = SecretRedactor.of(configuration);
    // One client for every probe, kept in a field: an unreferenced client is closed mid-request by the GC.
    try {
      meters = new ProbeMeters(new AreaMeters(), ProbeMeters.maxEndpoints(configuration));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTrustAll(false),
        new PoolOptions().setHttp1MaxSize(settings.maxConcurrent()));
    gate = new ConcurrencyGate(settings.maxConcurrent());
    check = new EndpointCheck(vertx, client, settings.redirects(), new SeenConnections());
    freshnessCheck = new FreshnessCheck(vertx, client, settings.redirects());
    endpointsSection = new EndpointsSection(Thresholds.from(configuration), settings.chartPoints(), settings.worstShown(),
        settings.windowMs());
    freshnessSection = new FreshnessSection(settings.worstShown());
    lateness = new Lateness(settings.lateMs());
    checkAlerts = new CheckAlerts(settings.raiseAfter(), settings.clearAfter());
    schedule = new ProbeSchedule<>(settings.startRatePerSecond(), settings.startRampMs());
    share = new ProbeShare(vertx.isClustered());

    List<MessageConsumer<?>> consumers = List.of(
        // Local: in a cluster each node runs and lists the share it checks.
        vertx.eventBus().localConsumer(ProbeBus.RUN, this::runAll),
        vertx.eventBus().<JsonObject>localConsumer(ProbeBus.LIST, this::list),
        vertx.eventBus().<JsonObject>consumer(MonitorsBus.LIST, this::listMonitors),
        vertx.eventBus().<JsonObject>consumer(MonitorsBus.GET, this::getMonitor),
        vertx.eventBus().<JsonObject>consumer(MonitorsBus.CHANGE, this::onChange),
        vertx.eventBus().<JsonObject>consumer(MonitorsBus.CHANGED, m -> apply(m.body())),
        vertx.eventBus().localConsumer(HealthBus.STARTED, m -> startSchedule()),
        vertx.eventBus().<JsonObject>localConsumer(ClusterBus.MEMBERSHIP, m -> onMembership(m.body().getString("nodeId"),
            m.body().getJsonArray("members").stream().map(String::valueOf).toList())),
        HealthBus.answerPings(vertx.eventBus(), "probe"));

    List<Monitor> configured = catalogue.all();
    configured.forEach(m -> run(m, schedule.spreadOf(configured.size())));
    loadStored();
    timers.add(vertx.setPeriodic(settings.publishIntervalMs(), id -> publishSections(false)));
    publishSections(true);
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    timers.forEach(vertx::cancelTimer);
    vertx.cancelTimer(scheduleTimer);
    meters.close();
    vertx.cancelTimer(loadRetry);
    return client.close();
  }

  /**
   * Runs one endpoint unless a check of it is already under way, in which case that one's result is the answer (one
   * of a Refresh All still waiting at the gate when the schedule makes it due goes ahead of the refresh, and is timed
   * as the scheduled one). {@code scheduledMs} is when the schedule wanted it started (its lateness is measured), or
   * -1 (Refresh All).
   */
  private Future<ProbeResult> probe(EndpointState state, long scheduledMs) {
    ConcurrencyGate.Ticket<ProbeResult> pending = state.inFlight();
    if (pending != null) {
      if (scheduledMs >= 0) {
        gate.promote(pending, scheduledMs);
      }
      return pending.future();
    }
    ConcurrencyGate.Ticket<ProbeResult> ticket = gate.submit(scheduledMs, scheduled -> {
      measureLateness(scheduled);
      return check.run(state.endpoint());
    });
    state.inFlight(ticket);
    return ticket.future().onSuccess(result -> {
      state.inFlight(null);
      onResult(state, result);
    });
  }

  private void onResult(EndpointState state, ProbeResult raw) {
    if (endpoints.get(state.endpoint().name()) != state) {
      return; // removed, replaced or paused while its check was under way
    }
    // Redacted once, here: the state, sections, history, activity and logs only ever see this copy.
    ProbeResult result = raw.redacted(redactor);
    Status status = endpointsSection.judge(result);
    ProbeResult previous = state.record(result, status);
    meters.record(result);
    resultCount++;
    endpointsDirty = true;
    vertx.eventBus().publish(ProbeBus.RESULT, result.toJson());
    JsonObject alert = checkAlerts.endpoint(state, result, status == Status.CRITICAL);
    if (alert != null) {
      vertx.eventBus().publish(MonitorBus.VERDICT, alert);
    }
    String name = state.endpoint().name();
    if (!result.ok() && (previous == null || previous.ok())) {
      activity.warning("probe " + name + " failing: " + result.reason().wire() + " (" + result.error() + ")");
      LOG.warn("probe_failing", entries(Map.of("endpoint", name, "reason", result.reason().wire(), "error", result.error())));
    } else if (result.ok() && previous != null && !previous.ok()) {
      activity.info("probe " + name + " recovered: HTTP " + result.statusCode() + " in "
          + EndpointsSection.round(result.latencyMs()) + " ms");
      LOG.info("probe_recovered", entries(Map.of("endpoint", name, "latencyMs", result.latencyMs())));
    }
  }

  private void measureLateness(long scheduledMs) {
    if (scheduledMs >= 0) {
      long now = System.currentTimeMillis();
      lateness.record(now - scheduledMs, now);
    }
  }

  private Future<JsonObject> freshness(FreshnessState state, long scheduledMs) {
    return gate.submit(scheduledMs, scheduled -> {
          measureLateness(scheduled);
          return freshnessCheck.run(state.source());
        }).future()
        .transform(ar -> {
          Instant now = Instant.now();
          if (ar.succeeded()) {
            state.observed(ar.result(), now);
          } else {
            state.failed(redactor.text(ar.cause().getMessage()), now);
          }
          JsonObject reading = state.toJson(now);
          if (sources.get(state.source().name()) == state) {
            vertx.eventBus().publish(ProbeBus.FRESHNESS, reading);
            Status status = state.status(now);
            JsonObject alert = checkAlerts.freshness(state, status == Status.NEUTRAL ? null : status == Status.CRITICAL,
                reading);
            if (alert != null) {
              vertx.eventBus().publish(MonitorBus.VERDICT, alert);
            }
          }
          return Future.succeededFuture(reading);
        });
  }

  /** Refresh All: every endpoint and source at once; replies when the last one is done. */
  private void runAll(Message<Object> msg) {
    long start = System.nanoTime();
    List<Future<ProbeResult>> results = new ArrayList<>();
    endpoints.values().forEach(state -> results.add(probe(state, -1)));
    List<Future<JsonObject>> readings = new ArrayList<>();
    sources.values().forEach(state -> readings.add(freshness(state, -1)));
    Future.join(Future.join(results), Future.join(readings)).onComplete(done -> {
      double wallMs = (System.nanoTime() - start) / 1_000_000.0;
      JsonArray resultJson = new JsonArray();
      results.forEach(f -> resultJson.add(f.result().redacted(redactor).toJson()));
      JsonArray readingJson = new JsonArray();
      readings.forEach(f -> readingJson.add(f.result()));
      msg.reply(new JsonObject().put("results", resultJson).put("freshness", readingJson)
          .put("wallMs", EndpointsSection.round(wallMs)));
      publishSections(true);
    });
  }

  /** One page of the endpoints ({@link EndpointQuery}), with every freshness reading; a bad query is a 400 naming its field. */
  private void list(Message<JsonObject> msg) {
    JsonObject page;
    boolean history;
    long now = System.currentTimeMillis();
    try {
      EndpointQuery query = EndpointQuery.from(msg.body());
      history = RequestField.flag(msg.body(), "history", false);
      if (history && query.limit() > EndpointQuery.MAX_HISTORY_PAGE) {
        throw Refusal.badField("limit", "must be at most " + EndpointQuery.MAX_HISTORY_PAGE + " with history=true");
      }
      page = query.page(endpoints.values(), now, settings.windowMs(), history);
    } catch (Refusal refusal) {
      refusal.failReply(msg);
      return;
    }
    JsonArray fresh = new JsonArray();
    Instant at = Instant.ofEpochMilli(now);
    sources.values().forEach(s -> fresh.add(s.toJson(at)));
    msg.reply(page.put("freshness", fresh));
  }

  /**
   * Starts the schedule once the launcher says every area is up ({@link HealthBus#STARTED}): checks scheduled while
   * the other areas were still starting (and the JIT cold) ran late for no fault of the targets, and a lateness
   * measured from a schedule the process could not yet keep said nothing about probing.
   */
  private void startSchedule() {
    if (schedule.started() || stopped) {
      return;
    }
    if (!share.known()) {
      // A member of a cluster that has not heard the member list yet (the cluster area published it while this area
      // was starting) asks for it; with no cluster area deployed, this node checks everything, as alone.
      vertx.eventBus().<JsonObject>request(ClusterBus.MEMBERS, new JsonObject()).onComplete(ar -> {
        if (!share.known() && ar.succeeded()) {
          onMembership(ar.result().body().getString("nodeId"), ar.result().body().getJsonArray("members").stream()
              .map(member -> ((JsonObject) member).getString("id")).toList());
        } else if (!share.known()) {
          share.alone();
          reshare();
        }
        startSchedule();
      });
      return;
    }
    int waiting = schedule.size();
    long spreadMs = schedule.spreadOf(waiting);
    schedule.start(System.currentTimeMillis());
    LOG.info("probe_schedule_started", entries(Map.of("monitors", waiting, "firstRoundMs", spreadMs)));
    arm();
  }

  /**
   * Starts the checks of a monitor, unless it is paused. One of many loaded together (at start, the store's list) has
   * its first check within {@code spreadMs}, ramped ({@link ProbeSchedule#firstCheck}); one added alone (0) is checked
   * at once. Before the schedule starts it waits for it.
   */
  private void run(Monitor m, long spreadMs) {
    String key = key(m);
    if (m.paused() || !share.owns(key)) {
      return;
    }
    long now = System.currentTimeMillis();
    long interval = m.endpoint() != null ? m.endpoint().intervalMs() : m.freshness().intervalMs();
    if (m.endpoint() != null) {
      EndpointState state = new EndpointState(m.endpoint(), nextSeq++, settings.historySize());
      endpoints.put(m.id(), state);
      schedule.add(key, state, interval, now, spreadMs);
      endpointsDirty = true;
    } else {
      FreshnessState state = new FreshnessState(m.freshness());
      sources.put(m.id(), state);
      schedule.add(key, state, interval, now, spreadMs);
    }
    arm();
  }

  /** The schedule's and the cluster share's key of a monitor. */
  private static String key(Monitor m) {
    return m.typeName() + ":" + m.id();
  }

  /** The cluster's members changed (or became known): this node takes up the monitors it now owns, drops the others. */
  private void onMembership(String nodeId, List<String> members) {
    if (share.members(nodeId, members)) {
      reshare();
    }
  }

  /**
   * Starts the checks of the monitors this node now owns and stops those it no longer does (their new owner starts
   * them on its own copy of the same member list). Those taken up together are ramped in as a start's are.
   */
  private void reshare() {
    List<Monitor> gained = new ArrayList<>();
    int dropped = 0;
    for (Monitor m : catalogue.all()) {
      boolean running = m.endpoint() != null ? endpoints.containsKey(m.id()) : sources.containsKey(m.id());
      boolean mine = !m.paused() && share.owns(key(m));
      if (running && !mine) {
        halt(m);
        dropped++;
      } else if (!running && mine) {
        gained.add(m);
      }
    }
    long spreadMs = schedule.spreadOf(gained.size());
    gained.forEach(m -> run(m, spreadMs));
    LOG.info("probe_share_changed", entries(Map.of("gained", gained.size(), "dropped", dropped,
        "endpoints", endpoints.size(), "sources", sources.size())));
    publishSections(true);
  }

  /** Keeps the one schedule timer armed for the earliest check due. */
  private void arm() {
    long due = schedule.nextDueMs();
    if (stopped || due >= scheduleTimerDueMs) {
      return;
    }
    vertx.cancelTimer(scheduleTimer);
    scheduleTimerDueMs = due;
    scheduleTimer = vertx.setTimer(Math.max(1, due - System.currentTimeMillis()), id -> {
      scheduleTimerDueMs = Long.MAX_VALUE;
      for (ProbeSchedule.Due<Object> d : schedule.due(System.currentTimeMillis())) {
        if (d.target() instanceof EndpointState e) {
          probe(e, d.scheduledMs());
        } else {
          freshness((FreshnessState) d.target(), d.scheduledMs());
        }
      }
      arm();
    });
  }

  /** Stops the checks of a monitor and forgets what they saw. */
  private void halt(Monitor m) {
    schedule.remove(key(m));
    if (m.endpoint() != null) {
      endpoints.remove(m.id());
      endpointsDirty = true;
    } else {
      sources.remove(m.id());
    }
  }

  /** Asks the store for the monitors it keeps, every {@code probe.monitorsRetryMs} until it answers. */
  private void loadStored() {
    if (stopped) {
      return;
    }
    vertx.eventBus().<JsonObject>request(MonitorsBus.STORED, new JsonObject()).onComplete(ar -> {
      if (stopped) {
        return;
      }
      if (ar.failed()) {
        loadRetry = vertx.setTimer(settings.monitorsRetryMs(), id -> loadStored());
        return;
      }
      JsonArray rows = ar.result().body().getJsonArray("monitors");
      clusterDefinitions().onComplete(shared -> {
        if (stopped) {
          return;
        }
        // In a cluster, the cluster's copy too: the stores keep the same rows, but one may still be joining.
        JsonArray all = rows.copy();
        Set<String> fromStore = new HashSet<>();
        rows.forEach(row -> fromStore.add(((JsonObject) row).getString("id")));
        int fromCluster = 0;
        if (shared.succeeded()) {
          for (JsonObject row : shared.result()) {
            all.add(row);
            fromCluster += fromStore.contains(row.getString("id")) ? 0 : 1;
          }
        } else {
          activity.warning("the cluster's monitors could not be read (" + shared.cause().getMessage()
              + "): this node has only its store's until the next change");
        }
        all.forEach(row -> applyStored((JsonObject) row, schedule.spreadOf(all.size())));
        if (!all.isEmpty()) {
          activity.info(rows.size() + " monitors loaded from the store"
              + (fromCluster > 0 ? ", " + fromCluster + " more from the cluster" : ""));
        }
        publishSections(true);
      });
    });
  }

  /**
   * The stored monitors the cluster holds ({@link MonitorsBus#DEFINITIONS}), or none when this node runs alone. A
   * row also in this node's store is applied once: the newer revision wins.
   */
  private Future<List<JsonObject>> clusterDefinitions() {
    if (!vertx.isClustered()) {
      return Future.succeededFuture(List.of());
    }
    return vertx.sharedData().<String, JsonObject>getClusterWideMap(MonitorsBus.DEFINITIONS).compose(map -> map.values());
  }

  /**
   * A change the store published (or replied): applied here, in every Vigie. A stored monitor is applied only when
   * its revision is newer than the one running, so applying a change twice, or late, changes nothing.
   */
  private void apply(JsonObject change) {
    if ("remove".equals(change.getString("op"))) {
      catalogue.remove(change.getString("id")).ifPresent(this::halt);
    } else if (change.getJsonObject("monitor") != null) {
      applyStored(change.getJsonObject("monitor"), 0);
    }
    publishSections(true);
  }

  private void applyStored(JsonObject row, long spreadMs) {
    String id = row.getString("id");
    Monitor m;
    try {
      m = Monitor.fromStored(row);
    } catch (RuntimeException e) {
      activity.warning("stored monitor " + id + " not applied: " + e.getMessage());
      return;
    }
    if (catalogue.configures(m.id())) {
      activity.warning("stored monitor " + id + " not applied: the configuration file has a monitor of that name");
      return;
    }
    Optional<Monitor> current = catalogue.find(m.id());
    if (current.isPresent() && !m.newerThan(current.get())) {
      return; // already applied, or older than the one running (a late or repeated change)
    }
    if (current.isEmpty() && catalogue.full()) {
      activity.warning("stored monitor " + id + " not applied: probe.maxMonitors (" + catalogue.max() + ") reached");
      return;
    }
    catalogue.put(m).ifPresent(this::halt);
    run(m, spreadMs);
  }

  private void listMonitors(Message<JsonObject> msg) {
    try {
      msg.reply(MonitorQuery.from(msg.body()).page(catalogue.all(), catalogue.version(), catalogue.max(), redactor));
    } catch (Refusal refusal) {
      refusal.failReply(msg);
    }
  }

  private void getMonitor(Message<JsonObject> msg) {
    String id = msg.body() == null ? null : msg.body().getString("id");
    Optional<Monitor> m = id == null ? Optional.empty() : catalogue.find(id);
    if (m.isPresent()) {
      msg.reply(m.get().toJson(redactor));
    } else {
      unknown(id).failReply(msg);
    }
  }

  private static Refusal unknown(String id) {
    return new Refusal(Failures.NOT_FOUND, "UNKNOWN_MONITOR", "no monitor '" + id + "'");
  }

  /** Validates a change from the API, has the store persist it, and applies it at once. */
  private void onChange(Message<JsonObject> msg) {
    Future<JsonObject> result;
    try {
      result = change(msg.body() == null ? new JsonObject() : msg.body());
    } catch (Refusal refusal) {
      result = Future.failedFuture(refusal);
    }
    Failures.replyWhenDone(msg, result);
  }

  private Future<JsonObject> change(JsonObject request) {
    String op = request.getString("op", "");
    String id = request.getString("id");
    JsonObject save = catalogue.toSave(op, id, request.getJsonObject("monitor", new JsonObject()), redactor);
    // This node's own store first: any member's store decides the same (under the cluster's lock), and one on a member
    // that is leaving could still be listed here, taking the question with it until the send timed out. A node with
    // no store of its own asks the cluster's.
    return vertx.eventBus().<JsonObject>request(MonitorsBus.SAVE, save, new DeliveryOptions().setLocalOnly(true))
        .recover(e -> e instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS
            ? vertx.eventBus().<JsonObject>request(MonitorsBus.SAVE, save) : Future.failedFuture(e))
        .transform(ar -> {
          if (ar.failed()) {
            return Future.failedFuture(storeRefusal(ar.cause()));
          }
          JsonObject saved = ar.result().body();
          apply(saved.copy().put("op", op).put("id", save.getString("id")));
          JsonObject row = saved.getJsonObject("monitor");
          // In a cluster the store has also put it in the cluster's copy (MonitorsBus.DEFINITIONS) for later members.
          return Future.succeededFuture(row == null ? new JsonObject().put("removed", save.getString("id"))
              : Monitor.fromStored(row).toJson(redactor));
        });
  }

  /** The store's refusal as it gave it; no store answering at all is 503 {@code STORE_DOWN} too. */
  private static Refusal storeRefusal(Throwable failure) {
    if (failure instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      JsonObject body = Failures.bodyOf(failure);
      return new Refusal(Failures.statusOf(failure), body.getString("error"), body.getString("field"), body.getString("message"));
    }
    return new Refusal(Failures.UNAVAILABLE, "STORE_DOWN",
        "the history store does not answer (" + failure.getMessage() + "): monitors cannot be changed until it does");
  }

  /** Publishes the sections that changed; freshness ages grow with time, so that section is re-sent every tick. */
  private void publishSections(boolean force) {
    if (endpointsDirty || force) {
      endpointsDirty = false;
      long now = System.currentTimeMillis();
      JsonObject late = lateness.toJson(now).put("skipped", schedule.skipped()).put("resultsSinceStart", resultCount);
      JsonObject owned = share.toJson(endpoints.size(),
          (int) catalogue.all().stream().filter(m -> m.endpoint() != null && !m.paused()).count());
      vertx.eventBus().publish(MonitorBus.SECTION, endpointsSection.build(endpoints.values(), late, now, owned).toJson());
    }
    if (force || !sources.isEmpty()) {
      vertx.eventBus().publish(MonitorBus.SECTION, freshnessSection.build(sources.values(), Instant.now()).toJson());
    }
  }
}
