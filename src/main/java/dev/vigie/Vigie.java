package dev.vigie;

import dev.vigie.cluster.ObservedClusterManager;
import dev.vigie.demo.DemoVerticle;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import net.logstash.logback.argument.StructuredArguments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Vigie: one Vert.x instance with Micrometer metrics and every verticle deployed. Used by
 * {@link VigieMain} and by tests that need the whole process (metrics included) in one JVM.
 */
public final class Vigie {
  private static final Logger LOG = LoggerFactory.getLogger("main");
  /** Used when the configuration has no {@code shutdownTimeoutMs} (a partial one given by a test). */
  private static final long DEFAULT_SHUTDOWN_TIMEOUT_MS = 4000;
  private final Vertx vertx;
  private final MainVerticle main;

  private Vigie(Vertx vertx, MainVerticle main) {
    this.vertx = vertx;
    this.main = main;
  }

  /** Builds Vert.x with a Prometheus registry, deploys everything, and completes once all of it is up. */
  public static Future<Vigie> start(JsonObject config) {
    return start(config, area -> true);
  }

  /** As {@link #start(JsonObject)}, deploying only the areas {@code wanted} accepts (tests start parts of Vigie). */
  public static Future<Vigie> start(JsonObject config, Predicate<String> wanted) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Areas register their own meters on the global registry; adding ours there puts them in /metrics.
    Metrics.addRegistry(registry);
    VertxOptions options = new VertxOptions()
        // Netty's epoll transport when it loads (Linux x86-64), else NIO: exact timers for the stress area's schedule.
        .setPreferNativeTransport(config.getBoolean("nativeTransport", true))
        // No per-request HTTP client meters: they took a sixth of a stress run's event loop (docs/stress.md).
        .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
            .addDisabledMetricsCategory(MetricsDomain.HTTP_CLIENT));
    ClusterSettings cluster = ClusterSettings.from(config);
    var builder = Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry));
    if (!cluster.enabled()) {
      return deploy(builder.build(), config, registry, wanted, null);
    }
    options.getEventBusOptions().setHost(cluster.host());
    ObservedClusterManager manager = cluster.clusterManager();
    return builder.withClusterManager(manager).buildClustered()
        .compose(vertx -> deploy(vertx, config, registry, wanted, manager));
  }

  private static Future<Vigie> deploy(Vertx vertx, JsonObject config, PrometheusMeterRegistry registry,
      Predicate<String> wanted, ObservedClusterManager cluster) {
    MainVerticle main = new MainVerticle(config, registry, wanted, cluster);
    return vertx.deployVerticle(main)
        .map(id -> new Vigie(vertx, main))
        .recover(failure -> {
          // Not chained: listeners of a future completed by a closing Vert.x would never run.
          vertx.close();
          Metrics.removeRegistry(registry);
          return Future.failedFuture(failure);
        });
  }

  public Vertx vertx() {
    return vertx;
  }

  /** This node's id in the cluster, or null when it runs alone. */
  public String nodeId() {
    return main.cluster() == null ? null : main.cluster().getNodeId();
  }

  /** The ids of the cluster's members as the cluster manager lists them now; empty when this node runs alone. */
  public List<String> clusterNodes() {
    return main.cluster() == null ? List.of() : main.cluster().getNodes();
  }

  /** The port the web server actually listens on (useful with port 0); -1 without the web area. */
  public int httpPort() {
    return main.httpPort();
  }

  /** The configuration every area was given, with the demo servers' bound addresses filled in. */
  public JsonObject config() {
    return main.areaConfig().copy();
  }

  /** The demo's servers (tests reach the mirror's faults through it), or null when {@code demo.enabled} is false. */
  public DemoVerticle demo() {
    return main.demo();
  }

  /**
   * Stops the areas in order, each finishing its writes ({@link MainVerticle#stopAreas}), for at most
   * {@code shutdownTimeoutMs}; then closes Vert.x. Call it from outside Vert.x (a test, the shutdown hook).
   */
  public Future<Void> close() {
    long timeoutMs = main.areaConfigOrGiven().getLong("shutdownTimeoutMs", DEFAULT_SHUTDOWN_TIMEOUT_MS);
    CompletableFuture<Void> closed = main.stopAreas().toCompletionStage().toCompletableFuture()
        .orTimeout(timeoutMs, TimeUnit.MILLISECONDS)
        .exceptionally(e -> {
          LOG.warn("vigie_stop_incomplete", StructuredArguments.entries(Map.of("timeoutMs", timeoutMs,
              "reason", String.valueOf(e instanceof TimeoutException ? "timeout" : e.getMessage()))));
          return null;
        })
        // Vert.x is closed from a thread of its own: listeners of a future bound to a closing event loop never run.
        .thenComposeAsync(v -> {
          Metrics.removeRegistry(main.registry());
          return vertx.close().toCompletionStage();
        });
    return Future.fromCompletionStage(closed);
  }
}
