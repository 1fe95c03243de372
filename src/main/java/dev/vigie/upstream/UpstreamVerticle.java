package dev.vigie.upstream;

import dev.vigie.bus.Activity;
import dev.vigie.bus.Failures;
import dev.vigie.bus.HealthBus;
import dev.vigie.bus.SecretRedactor;
import dev.vigie.bus.SectionPublisher;
import dev.vigie.bus.Thresholds;
import dev.vigie.bus.UpstreamBus;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The upstream area: a stale-while-revalidate cache in front of upstream JSON sources ({@code cache.upstream}).
 * It binds the bus to the {@link UpstreamCache} policy and the {@link UpstreamResolver}, and publishes the
 * "upstream" section when it changes.
 */
public final class UpstreamVerticle extends VerticleBase {
  private static final String AREA = "upstream";

  private final LongSupplier clock;
  private WebClient client;
  private UpstreamCache cache;
  private UpstreamResolver resolver;
  private UpstreamSection section;
  private UpstreamMeters meters;
  private Activity activity;
  private SectionPublisher sections;
  private long sectionTimer;

  public UpstreamVerticle() {
    this(System::currentTimeMillis);
  }

  /** @param clock epoch milliseconds; tests move it to walk the SWR windows */
  public UpstreamVerticle(LongSupplier clock) {
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    UpstreamSettings settings;
    try {
      settings = UpstreamSettings.from(config());
      section = new UpstreamSection(Thresholds.from(config()));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    // Redirects are followed by the resolver, as cache.upstream.redirectHosts allows, never by the client.
    client = WebClient.create(vertx, new WebClientOptions().setUserAgent("vigie-upstream").setFollowRedirects(false));
    cache = new UpstreamCache(settings.windows(), clock);
    resolver = new UpstreamResolver(cache, client, settings.sources(), settings.timeoutMs(), settings.redirects(),
        SecretRedactor.of(config()));
    activity = new Activity(vertx.eventBus(), AREA);
    sections = new SectionPublisher(vertx.eventBus());
    meters = new UpstreamMeters(UpstreamMeters.Reading.of(cache));
    List<MessageConsumer<?>> consumers = List.of(
        vertx.eventBus().<JsonObject>consumer(UpstreamBus.GET, this::onGet),
        vertx.eventBus().consumer(UpstreamBus.CLEAR, this::onClear),
        vertx.eventBus().consumer(UpstreamBus.STATS, msg -> msg.reply(stats())),
        HealthBus.answerPings(vertx.eventBus(), AREA));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).onSuccess(v -> {
      sectionTimer = vertx.setPeriodic(settings.sectionIntervalMs(), id -> publishSection());
      publishSection();
    });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sectionTimer);
    meters.close();
    client.close();
    return Future.succeededFuture();
  }

  private void onGet(Message<JsonObject> msg) {
    String name = msg.body() == null ? null : msg.body().getValue("name") instanceof String s ? s : null;
    Failures.replyWhenDone(msg, resolver.answer(name));
  }

  private void onClear(Message<Object> msg) {
    int cleared = cache.clear();
    activity.info("Upstream cache cleared: " + cleared + " entr" + (cleared == 1 ? "y" : "ies") + " dropped");
    msg.reply(new JsonObject().put("cleared", cleared));
  }

  private JsonObject stats() {
    meters.update(UpstreamMeters.Reading.of(cache));
    return UpstreamSection.stats(cache, resolver.describe());
  }

  /** Publishes the section when its content changed since the last publication. */
  private void publishSection() {
    JsonObject json = section.of(cache, stats()).toJson();
    sections.publish(json);
  }
}
