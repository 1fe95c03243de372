package dev.vigie;

import dev.vigie.bus.HealthBus;
import dev.vigie.cache.CacheVerticle;
import dev.vigie.cluster.ClusterVerticle;
import dev.vigie.cluster.ObservedClusterManager;
import dev.vigie.coverage.CoverageVerticle;
import dev.vigie.config.Placeholders;
import dev.vigie.demo.DemoVerticle;
import dev.vigie.download.DownloadVerticle;
import dev.vigie.monitor.MonitorVerticle;
import dev.vigie.notify.NotifyVerticle;
import dev.vigie.probe.ProbeVerticle;
import dev.vigie.quality.QualityVerticle;
import dev.vigie.store.StoreVerticle;
import dev.vigie.stress.StressVerticle;
import dev.vigie.upstream.UpstreamVerticle;
import dev.vigie.web.WebVerticle;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import net.logstash.logback.argument.StructuredArguments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the demo's servers, then the monitor, then one verticle per area, then the web verticle once every area
 * is up, and then says so on {@link HealthBus#STARTED} (the probe area starts its schedule then). Adding an area is one line in {@link #areas()}; no other verticle changes. {@link #stopAreas} undeploys them in the reverse order of their
 * dependencies: first what takes work in (web), then what produces it, then what stores it.
 */
public final class MainVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger("main");
  /** The order {@link #stopAreas} follows; an area missing here stops after these. */
  private static final List<String> STOP_ORDER = List.of("web", "cluster", "stress", "probe", "quality", "upstream", "download",
      "coverage", "cache", "monitor", "notify", "store", "demo");

  private final JsonObject config;
  private final PrometheusMeterRegistry registry;
  private final Predicate<String> wanted;
  private final ObservedClusterManager cluster;
  private WebVerticle web;
  private DemoVerticle demo;
  private JsonObject resolved;
  /** Deployment ids by area name ("web" and "demo" included). */
  private final Map<String, String> deployments = new ConcurrentHashMap<>();

  public MainVerticle(JsonObject config, PrometheusMeterRegistry registry) {
    this(config, registry, area -> true, null);
  }

  /**
   * Deploys only the areas {@code wanted} accepts ({@code "web"} included); the demo follows {@code demo.enabled}, the
   * cluster area runs when {@code cluster} (the cluster manager Vert.x was built with) is not null.
   */
  public MainVerticle(JsonObject config, PrometheusMeterRegistry registry, Predicate<String> wanted,
      ObservedClusterManager cluster) {
    this.config = config;
    this.registry = registry;
    this.wanted = wanted;
    this.cluster = cluster;
  }

  /** Every area verticle, by the name {@code /health} reports it under. */
  private Map<String, Supplier<VerticleBase>> areas() {
    Map<String, Supplier<VerticleBase>> areas = new LinkedHashMap<>();
    if (config.getJsonObject("demo").getBoolean("enabled")) {
      areas.put("demo", DemoVerticle::new);
    }
    areas.put("monitor", () -> new MonitorVerticle(MainVerticle.class.getPackage().getImplementationVersion()));
    areas.put("store", StoreVerticle::new);
    areas.put("cache", CacheVerticle::new);
    areas.put("upstream", UpstreamVerticle::new);
    areas.put("download", DownloadVerticle::new);
    areas.put("quality", QualityVerticle::new);
    areas.put("coverage", CoverageVerticle::new);
    areas.put("probe", () -> new ProbeVerticle(resolved));
    areas.put("stress", StressVerticle::new);
    areas.put("notify", NotifyVerticle::new);
    areas.keySet().removeIf(area -> !area.equals("demo") && !wanted.test(area));
    if (cluster != null && wanted.test("cluster")) {
      List<String> running = new ArrayList<>(areas.keySet());
      running.add("cluster");
      if (wanted.test("web")) {
        running.add("web");
      }
      areas.put("cluster", () -> new ClusterVerticle(cluster, running));
    }
    return areas;
  }

  @Override
  public Future<?> start() {
    Map<String, Supplier<VerticleBase>> areas = areas();
    web = new WebVerticle(registry, List.copyOf(areas.keySet()));
    // The demo's servers come first: the areas watching them get their bound addresses (free ports included).
    Supplier<VerticleBase> demoArea = areas.remove("demo");
    demo = demoArea == null ? null : (DemoVerticle) demoArea.get();
    Future<?> first = demo == null ? Future.succeededFuture()
        : deploy("demo", demo, new DeploymentOptions().setConfig(config));
    return first.compose(ignored -> {
      resolved = Placeholders.resolve(config, demo == null ? Map.of() : demo.addresses());
      DeploymentOptions options = new DeploymentOptions().setConfig(resolved);
      // The monitor comes before the other areas: they publish their first section as they start, and an area
      // that publishes only on change would otherwise never show one the monitor was not yet listening for.
      Supplier<VerticleBase> monitorArea = areas.remove("monitor");
      Future<?> monitor = monitorArea == null ? Future.succeededFuture() : deploy("monitor", monitorArea.get(), options);
      return monitor.compose(up -> {
        List<Future<String>> deployed = new ArrayList<>();
        // The probe area takes its configuration in its constructor (see ProbeVerticle): its deployment carries none.
        areas.forEach((name, area) -> deployed.add(deploy(name, area.get(),
            name.equals("probe") ? new DeploymentOptions() : options)));
        return Future.all(deployed);
      }).compose(all -> wanted.test("web") ? deploy("web", web, options) : Future.succeededFuture())
          .onSuccess(up -> vertx.eventBus().publish(HealthBus.STARTED,
              new JsonObject().put("areas", new JsonArray(List.copyOf(deployments.keySet()))),
              new DeliveryOptions().setLocalOnly(true)));
    });
  }

  private Future<String> deploy(String name, VerticleBase verticle, DeploymentOptions options) {
    return vertx.deployVerticle(verticle, options).onSuccess(id -> deployments.put(name, id));
  }

  /**
   * Undeploys the areas one after the other, each stop waiting for its own writes: web first (no new work comes in),
   * the producers of work (stress saves a run under way as cancelled, download keeps its journal), then the cache
   * (its index, once no download can put into it), the monitor and the demo's servers last. A failed stop is
   * logged by Vert.x and does not keep the next area from stopping.
   */
  Future<Void> stopAreas() {
    Future<Void> chain = Future.succeededFuture();
    List<String> order = new ArrayList<>(STOP_ORDER);
    deployments.keySet().stream().filter(name -> !STOP_ORDER.contains(name)).forEach(order::add);
    for (String name : order) {
      String id = deployments.remove(name);
      if (id != null) {
        chain = chain.transform(ignored -> undeploy(name, id));
      }
    }
    return chain;
  }

  /** Undeploys one area, saying how long it took: a slow stop is found from the log. */
  private Future<Void> undeploy(String area, String id) {
    long started = System.nanoTime();
    return vertx.undeploy(id).transform(ar -> {
      long ms = (System.nanoTime() - started) / 1_000_000;
      if (ar.succeeded()) {
        LOG.info("area_stopped", StructuredArguments.entries(Map.of("area", area, "ms", ms)));
      } else {
        LOG.warn("area_stop_failed", StructuredArguments.entries(Map.of("area", area, "ms", ms,
            "reason", String.valueOf(ar.cause().getMessage()))));
      }
      return Future.succeededFuture();
    });
  }

  /** The configuration the areas were given: the demo's addresses filled in. */
  JsonObject areaConfig() {
    return resolved;
  }

  /** The configuration the areas were given, or the one given here when the start did not get that far. */
  JsonObject areaConfigOrGiven() {
    return resolved != null ? resolved : config;
  }

  /** The demo's servers, or null when {@code demo.enabled} is false. */
  DemoVerticle demo() {
    return demo;
  }

  /** The web server's bound port, or -1 when the web area was not deployed. */
  int httpPort() {
    return wanted.test("web") ? web.actualPort() : -1;
  }

  /** The cluster manager, or null when this node runs alone. */
  ObservedClusterManager cluster() {
    return cluster;
  }

  PrometheusMeterRegistry registry() {
    return registry;
  }
}
