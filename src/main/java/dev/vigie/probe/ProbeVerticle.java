package dev.vigie.probe;

import static net.logstash.logback.argument.StructuredArguments.entries;

import dev.vigie.bus.Activity;
import dev.vigie.bus.HealthBus;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.ProbeBus;
import dev.vigie.bus.SecretRedactor;
import dev.vigie.bus.Thresholds;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the configured endpoints and freshness sources on their intervals, through one HTTP client whose
 * concurrency is bounded, and publishes each result plus the "endpoints" and "freshness" sections (coalesced to
 * one update per {@code probe.publishIntervalMs}). Failures and recoveries go to the activity log.
 */
public final class ProbeVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger("probe");

  private final Map<String, EndpointState> endpoints = new LinkedHashMap<>();
  private final Map<String, FreshnessState> sources = new LinkedHashMap<>();
  private HttpClient client;
  private ConcurrencyGate gate;
  private EndpointCheck check;
  private FreshnessCheck freshnessCheck;
  private EndpointsSection endpointsSection;
  private final FreshnessSection freshnessSection = new FreshnessSection();
  private final List<Long> timers = new ArrayList<>();
  private Activity activity;
  private SecretRedactor redactor;
  private boolean endpointsDirty;

  @Override
  public Future<?> start() {
    ProbeSettings settings = ProbeSettings.from(config());
    activity = new Activity(vertx.eventBus(), "probe");
    redactor = SecretRedactor.of(config());
    // One client for every probe, kept in a field: an unreferenced client is closed mid-request by the GC.
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTrustAll(false),
        new PoolOptions().setHttp1MaxSize(settings.maxConcurrent()));
    gate = new ConcurrencyGate(settings.maxConcurrent());
    check = new EndpointCheck(vertx, client, settings.redirects());
    freshnessCheck = new FreshnessCheck(vertx, client, settings.redirects());
    endpointsSection = new EndpointsSection(Thresholds.from(config()), settings.chartPoints());
    settings.endpoints().forEach(e -> endpoints.put(e.name(), new EndpointState(e, settings.windowMs(), settings.historySize())));
    settings.freshness().forEach(s -> sources.put(s.name(), new FreshnessState(s)));

    List<MessageConsumer<?>> consumers = List.of(
        vertx.eventBus().consumer(ProbeBus.RUN, this::runAll),
        vertx.eventBus().<JsonObject>consumer(ProbeBus.LIST, this::list),
        HealthBus.answerPings(vertx.eventBus(), "probe"));

    for (EndpointState state : endpoints.values()) {
      timers.add(vertx.setPeriodic(1, state.endpoint().intervalMs(), id -> probe(state)));
    }
    for (FreshnessState state : sources.values()) {
      timers.add(vertx.setPeriodic(1, state.source().intervalMs(), id -> freshness(state)));
    }
    timers.add(vertx.setPeriodic(settings.publishIntervalMs(), id -> publishSections(false)));
    publishSections(true);
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  @Override
  public Future<?> stop() {
    timers.forEach(vertx::cancelTimer);
    return client.close();
  }

  /** Runs one endpoint unless a check of it is already under way, in which case that one's result is the answer. */
  private Future<ProbeResult> probe(EndpointState state) {
    if (state.inFlight() != null) {
      return state.inFlight();
    }
    Future<ProbeResult> future = gate.submit(() -> check.run(state.endpoint()));
    state.inFlight(future);
    return future.onSuccess(result -> {
      state.inFlight(null);
      onResult(state, result);
    });
  }

  private void onResult(EndpointState state, ProbeResult raw) {
    // Redacted once, here: the state, sections, history, activity and logs only ever see this copy.
    ProbeResult result = raw.redacted(redactor);
    ProbeResult previous = state.record(result);
    endpointsDirty = true;
    vertx.eventBus().publish(ProbeBus.RESULT, result.toJson());
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

  private Future<JsonObject> freshness(FreshnessState state) {
    return gate.submit(() -> freshnessCheck.run(state.source()))
        .transform(ar -> {
          Instant now = Instant.now();
          if (ar.succeeded()) {
            state.observed(ar.result(), now);
          } else {
            state.failed(redactor.text(ar.cause().getMessage()), now);
          }
          JsonObject reading = state.toJson(now);
          vertx.eventBus().publish(ProbeBus.FRESHNESS, reading);
          return Future.succeededFuture(reading);
        });
  }

  /** Refresh All: every endpoint and source at once; replies when the last one is done. */
  private void runAll(Message<Object> msg) {
    long start = System.nanoTime();
    List<Future<ProbeResult>> results = new ArrayList<>();
    endpoints.values().forEach(state -> results.add(probe(state)));
    List<Future<JsonObject>> readings = new ArrayList<>();
    sources.values().forEach(state -> readings.add(freshness(state)));
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

  private void list(Message<JsonObject> msg) {
    boolean history = msg.body() != null && msg.body().getBoolean("history", false);
    long now = System.currentTimeMillis();
    JsonArray list = new JsonArray();
    for (EndpointState state : endpoints.values()) {
      JsonObject summary = EndpointsSection.summary(state, state.window(now));
      if (history) {
        JsonArray h = state.history();
        h.forEach(o -> ((JsonObject) o).put("url", summary.getString("url")));
        summary.put("history", h);
      }
      list.add(summary);
    }
    JsonArray fresh = new JsonArray();
    Instant at = Instant.ofEpochMilli(now);
    sources.values().forEach(s -> fresh.add(s.toJson(at)));
    msg.reply(new JsonObject().put("endpoints", list).put("freshness", fresh));
  }

  /** Publishes the sections that changed; freshness ages grow with time, so that section is re-sent every tick. */
  private void publishSections(boolean force) {
    if (endpointsDirty || force) {
      endpointsDirty = false;
      vertx.eventBus().publish(MonitorBus.SECTION, endpointsSection.build(endpoints.values(), System.currentTimeMillis()).toJson());
    }
    if (force || !sources.isEmpty()) {
      vertx.eventBus().publish(MonitorBus.SECTION, freshnessSection.build(sources.values(), Instant.now()).toJson());
    }
  }
}
