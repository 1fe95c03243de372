package dev.vigie.web;

import dev.vigie.bus.Activity;
import dev.vigie.bus.HealthBus;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.Refusal;
import dev.vigie.bus.StressBus;
import dev.vigie.meters.AreaMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The HTTP face of Vigie: the single-page monitor, {@code /ws} live push, REST under {@code /api}, {@code /health},
 * {@code /metrics} and the {@code /eventbus} SockJS bridge. It owns no state but its websocket clients.
 */
public final class WebVerticle extends VerticleBase {
  private static final long HEALTH_TIMEOUT_MS = 2000;
  private static final long SNAPSHOT_TIMEOUT_MS = 10_000;
  private static final long LAG_TICK_MS = 100;
  /** tcp_wmem's usual maximum: beyond it the kernel would cap the buffer anyway. */
  private static final long MAX_SEND_BUFFER_BYTES = 4 << 20;
  /** Buckets of the snapshot request and loop lag timers: around the goal (p99 under 50 ms, docs/performance.md). */
  private static final Duration[] LATENCY_BUCKETS = Stream.of(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)
      .map(Duration::ofMillis).toArray(Duration[]::new);

  private final PrometheusMeterRegistry registry;
  private final List<String> areas;
  private final AreaMeters meters = new AreaMeters();
  private HttpServer server;
  private LiveFeed feed;
  private LiveConnections connections;
  private LiveBridge bridge;
  /** {@code http.sendBufferBytes}: the kernel send buffer of each live connection. */
  private int liveSendBuffer;
  private AccessPolicy access;
  private RateLimiter rateLimiter;
  private long stallTimer;
  private long lagTimer;

  /**
   * @param registry the registry {@code /metrics} scrapes, or null when Vert.x runs without metrics
   * @param areas the deployed areas; {@code /health} pings each
   */
  public WebVerticle(PrometheusMeterRegistry registry, List<String> areas) {
    this.registry = registry;
    this.areas = areas;
  }

  @Override
  public Future<?> start() {
    JsonObject http = config().getJsonObject("http");
    for (String limit : List.of("maxRequestLineBytes", "maxHeaderBytes")) {
      if (http.getInteger(limit) < 1024) {
        return Future.failedFuture(new IllegalArgumentException("http." + limit + " must be at least 1024"));
      }
    }
    long sendBuffer = http.getLong("sendBufferBytes");
    if (sendBuffer < 4096 || sendBuffer > MAX_SEND_BUFFER_BYTES) {
      return Future.failedFuture(new IllegalArgumentException("http.sendBufferBytes must be from 4096 to "
          + MAX_SEND_BUFFER_BYTES + ", not " + sendBuffer));
    }
    access = new AccessPolicy(http, () -> server == null ? -1 : server.actualPort());
    Activity activity = new Activity(vertx.eventBus(), "web");
    JsonObject live = http.getJsonObject("live");
    connections = new LiveConnections(live);
    Counter flooding = meters.counter("vigie.live.clients.flooding", "live clients closed for flooding commands");
    SnapshotSource snapshots = new SnapshotSource(vertx, SNAPSHOT_TIMEOUT_MS);
    meters.countOf("vigie.snapshot.texts.received", "snapshot texts the web verticle received from the monitor: one "
        + "per version it was asked for, shared by every request and socket", snapshots, SnapshotSource::received);
    feed = new LiveFeed(vertx, snapshots, http.getLong("wsMaxStallMs"), live,
        meters.counter("vigie.ws.clients.dropped", "websocket clients closed for being too slow"), flooding);
    feed.forward(MonitorBus.UPDATE, "update");
    feed.forward(MonitorBus.LOG, "log");
    feed.forward(MonitorBus.ALERT, "alert");
    feed.forward(StressBus.PROGRESS, "stress");
    bridge = new LiveBridge(vertx, connections, live, http.getLong("wsMaxStallMs"), flooding,
        meters.counter("vigie.bridge.clients.dropped", "event-bus bridge clients closed for being too slow"));
    lagTimer = loopLag(meters.timer("vigie.web.loop.lag", "how late the web verticle's " + LAG_TICK_MS + " ms tick "
        + "ran: how long its event loop was busy with other work (every connection is served on that loop)",
        Tags.empty(), LATENCY_BUCKETS));
    stallTimer = vertx.setPeriodic(1000, id -> {
      feed.closeStalled();
      bridge.closeStalled();
    });

    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      ctx.response().putHeader("X-Content-Type-Options", "nosniff");
      ctx.next();
    });
    router.route().handler(this::guardHost);
    router.route().handler(ErrorShapes::rejectUnreadableQuery);
    router.route().handler(WebVerticle::headAsGet);
    router.get("/ws").handler(this::guardLive).handler(ctx -> upgrade(ctx, feed::add));
    router.get("/eventbus/websocket").handler(this::guardLive).handler(ctx -> upgrade(ctx, bridge::add));
    router.route("/eventbus/*").handler(this::guardLive).subRouter(bridge.router());
    router.get("/health").handler(health());
    Route metrics = router.get("/metrics");
    if (access.metricsGuarded()) {
      metrics.handler(this::guard);
    }
    metrics.handler(registry != null ? PrometheusScrapingHandler.create(registry)
        : ctx -> ApiError.send(ctx, 503, "METRICS_OFF", "this Vert.x instance runs without metrics"));

    Router api = Router.router(vertx);
    rateLimiter = new RateLimiter(vertx, http, activity,
        meters.counter("vigie.http.rate.limited", "API requests refused with 429 (over the per-client rate)"));
    // Who may ask comes first: a stranger's requests neither use the rate limit's log nor have their bodies read.
    api.route().handler(this::guard);
    api.route().handler(rateLimiter);
    api.route().handler(new OperationLog(activity));
    api.route().handler(BodyHandler.create().setBodyLimit(http.getLong("maxBodyBytes")).setHandleFileUploads(false));
    ApiContext context = new ApiContext(vertx);
    MonitorRoutes monitorRoutes = new MonitorRoutes(snapshots, snapshotTimer("monitor"), snapshotTimer("served"));
    for (ApiRoutes routes : List.of(monitorRoutes, new CacheRoutes(), new UpstreamRoutes(), new DownloadRoutes(), new QualityRoutes(),
        new ProbeRoutes(), new ReportRoutes(), new StressRoutes(), new HistoryRoutes(), new MonitorsRoutes(),
        new NotifyRoutes(), new AlertRoutes(), new CoverageRoutes())) {
      routes.mount(api, context);
    }
    router.route("/api/*").subRouter(api);

    router.route("/uplot/*").handler(StaticHandler.create("META-INF/resources/webjars/uplot/1.6.30/dist"));
    router.route("/*").handler(StaticHandler.create("webroot").setIndexPage("index.html"));
    ErrorShapes.install(router, api, "/api", http.getLong("maxBodyBytes"));

    // A client dropped for stalling will not answer the close handshake either: give it one second, not ten.
    // Clients send only short commands: a message over one frame is refused by the server.
    // Websocket compression keeps a deflater per client (~300 KB each) and compresses every frame once per client:
    // off unless http.live.compression asks for it (see docs/performance.md).
    boolean wsCompression = http.getJsonObject("live").getBoolean("compression");
    HttpServerOptions options = new HttpServerOptions().setMaxWebSocketFrameSize(SharedFrame.MAX_FRAME_BYTES)
        .setMaxWebSocketMessageSize(SharedFrame.MAX_FRAME_BYTES)
        .setPerMessageWebSocketCompressionSupported(wsCompression).setPerFrameWebSocketCompressionSupported(wsCompression)
        .setCompressionSupported(true).setWebSocketClosingTimeout(1)
        .setMaxInitialLineLength(http.getInteger("maxRequestLineBytes"))
        .setMaxHeaderSize(http.getInteger("maxHeaderBytes"));
    liveSendBuffer = http.getInteger("sendBufferBytes");
    server = vertx.createHttpServer(options).requestHandler(router).invalidRequestHandler(ErrorShapes::invalidRequest);
    return server.listen(http.getInteger("port"), http.getString("host"));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(stallTimer);
    vertx.cancelTimer(lagTimer);
    if (rateLimiter != null) {
      rateLimiter.stop();
    }
    meters.close();
    return Future.succeededFuture();
  }

  /** The port bound, once started. */
  public int actualPort() {
    return server.actualPort();
  }

  /** Records how late each tick of a periodic timer runs on this verticle's loop; returns the timer's id. */
  private long loopLag(Timer lag) {
    long tick = LAG_TICK_MS * 1_000_000;
    long[] expected = {System.nanoTime() + tick};
    return vertx.setPeriodic(LAG_TICK_MS, id -> {
      long now = System.nanoTime();
      lag.record(Math.max(0, now - expected[0]), TimeUnit.NANOSECONDS);
      expected[0] = now + tick;
    });
  }

  /** {@code part}: monitor (waiting for the monitor's text), served (the handler until the last byte is written). */
  private Timer snapshotTimer(String part) {
    return meters.timer("vigie.snapshot.request", "GET /api/snapshot timed by Vigie, by part: monitor (the wait for "
        + "the monitor's text), served (from the route's handler until the last byte is written)",
        Tags.of("part", part), LATENCY_BUCKETS);
  }

  /**
   * A live websocket client ({@code /ws}, {@code /eventbus/websocket}), once the connection caps admit it (429 or 503
   * with Retry-After otherwise); {@code serve} is given the socket and what to run once it is gone.
   */
  private void upgrade(RoutingContext ctx, BiConsumer<ServerWebSocket, Runnable> serve) {
    String group = ClientGroup.of(ctx.request().remoteAddress());
    Refusal refusal = connections.admit(group);
    if (refusal != null) {
      ctx.response().putHeader("Retry-After", "5");
      ApiError.refuse(ctx, refusal);
      return;
    }
    ctx.request().toWebSocket().onSuccess(ws -> serve.accept(ws, () -> connections.release(group))).onFailure(e -> {
      connections.release(group);
      ctx.fail(e);
    });
  }

  /**
   * {@code /ws} and {@code /eventbus}: live connections, see {@link AccessPolicy#liveRefusal}; one let through gets
   * its bounded send buffer ({@link LiveSendBuffer}).
   */
  private void guardLive(RoutingContext ctx) {
    Refusal refusal = access.liveRefusal(ctx.request().headers(), ctx.request().getParam("token"));
    if (refusal == null) {
      LiveSendBuffer.bound(ctx.request().connection(), liveSendBuffer);
    }
    pass(ctx, refusal);
  }

  /** Everything under {@code /api} and {@code /metrics}: Origin and token, see {@link AccessPolicy#refusal}. */
  private void guard(RoutingContext ctx) {
    pass(ctx, access.refusal(ctx.request().method(), ctx.request().headers(), ctx.request().getParam("token")));
  }

  /** Every request, static files included: a Host that is not this server is a DNS-rebinding page. */
  private void guardHost(RoutingContext ctx) {
    // HTTP/2 (an h2c upgrade, as Java's HttpClient does by default) carries the host as :authority, not Host.
    String host = ctx.request().headers().get("Host");
    if (host == null && ctx.request().authority() != null) {
      host = ctx.request().authority().toString();
    }
    pass(ctx, access.hostRefusal(host));
  }

  /** HEAD is served wherever GET is: routed as a GET, whose body the server leaves out for a HEAD request. */
  private static void headAsGet(RoutingContext ctx) {
    if (ctx.request().method() == HttpMethod.HEAD) {
      ctx.reroute(HttpMethod.GET, ctx.request().uri());
    } else {
      ctx.next();
    }
  }

  private static void pass(RoutingContext ctx, Refusal refusal) {
    if (refusal == null) {
      ctx.next();
    } else {
      ApiError.refuse(ctx, refusal);
    }
  }

  private HealthCheckHandler health() {
    HealthCheckHandler handler = HealthCheckHandler.create(vertx);
    handler.register("web", promise -> promise.complete(Status.OK(new JsonObject().put("clients", feed.size())
        .put("bridgeClients", bridge.size()).put("bridgeQueuedBytes", bridge.queuedBytes()))));
    for (String area : areas) {
      handler.register(area, HEALTH_TIMEOUT_MS, promise -> vertx.eventBus()
          .request(HealthBus.ping(area), null, new DeliveryOptions().setSendTimeout(HEALTH_TIMEOUT_MS))
          // The check's own timeout and the request's are the same: whichever comes second finds it decided.
          .onComplete(reply -> promise.tryComplete(reply.succeeded() ? Status.OK() : Status.KO(
              new JsonObject().put("reason", reply.cause().getMessage())))));
    }
    return handler;
  }
}
