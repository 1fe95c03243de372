package dev.vigie;

import dev.vigie.cache.CacheVerticle;
import dev.vigie.config.Placeholders;
import dev.vigie.demo.DemoVerticle;
import dev.vigie.download.DownloadVerticle;
import dev.vigie.monitor.MonitorVerticle;
import dev.vigie.quality.QualityVerticle;
import dev.vigie.probe.ProbeVerticle;
import dev.vigie.store.StoreVerticle;
import dev.vigie.stress.StressVerticle;
import dev.vigie.upstream.UpstreamVerticle;
import dev.vigie.web.WebVerticle;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Deploys one verticle per area, then the web verticle once every area is up. Adding an area is one line in
 * {@link #areas()}; no other verticle changes.
 */
public final class MainVerticle extends VerticleBase {
  private final JsonObject config;
  private final PrometheusMeterRegistry registry;
  private final Predicate<String> wanted;
  private WebVerticle web;
  private DemoVerticle demo;
  private JsonObject resolved;

  public MainVerticle(JsonObject config, PrometheusMeterRegistry registry) {
    this(config, registry, area -> true);
  }

  /** Deploys only the areas {@code wanted} accepts ({@code "web"} included); the demo follows {@code demo.enabled}. */
  public MainVerticle(JsonObject config, PrometheusMeterRegistry registry, Predicate<String> wanted) {
    this.config = config;
    this.registry = registry;
    this.wanted = wanted;
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
    areas.put("probe", ProbeVerticle::new);
    areas.put("stress", StressVerticle::new);
    areas.keySet().removeIf(area -> !area.equals("demo") && !wanted.test(area));
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
        : vertx.deployVerticle(demo, new DeploymentOptions().setConfig(config));
    return first.compose(ignored -> {
      resolved = Placeholders.resolve(config, demo == null ? Map.of() : demo.addresses());
      DeploymentOptions options = new DeploymentOptions().setConfig(resolved);
      List<Future<String>> deployed = new ArrayList<>();
      areas.values().forEach(area -> deployed.add(vertx.deployVerticle(area.get(), options)));
      return Future.all(deployed).compose(all -> wanted.test("web") ? vertx.deployVerticle(web, options)
          : Future.succeededFuture());
    });
  }

  /** The configuration the areas were given: the demo's addresses filled in. */
  JsonObject areaConfig() {
    return resolved;
  }

  /** The demo's servers, or null when {@code demo.enabled} is false. */
  DemoVerticle demo() {
    return demo;
  }

  /** The web server's bound port, or -1 when the web area was not deployed. */
  int httpPort() {
    return wanted.test("web") ? web.actualPort() : -1;
  }

  PrometheusMeterRegistry registry() {
    return registry;
  }
}
