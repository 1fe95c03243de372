package dev.vigie.demo;

import dev.vigie.bus.HealthBus;
import dev.vigie.config.ConfigException;
import dev.vigie.config.Unbindable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline demo ({@code --demo}): deploys the loopback servers the demo configuration points Vigie at, so every
 * section of the monitor has something real to watch without the internet.
 */
public final class DemoVerticle extends VerticleBase {
  /** Configuration strings name the servers' bound addresses so (e.g. {@code "{demo.backend}/balances/current"}). */
  public static final String MIRROR = "{demo.mirror}";
  public static final String BACKEND = "{demo.backend}";

  private MirrorVerticle mirror;
  private SampleBackendVerticle backend;
  private long scheduleTimer = -1;

  @Override
  public Future<?> start() {
    List<Future<?>> started = new ArrayList<>();
    started.add(HealthBus.answerPings(vertx.eventBus(), "demo").completion());
    JsonObject mirrorConfig = config().getJsonObject("demo").getJsonObject("mirror");
    if (mirrorConfig.getBoolean("enabled")) {
      started.add(deployMirror(mirrorConfig));
    }
    JsonObject backendConfig = config().getJsonObject("demo").getJsonObject("backend");
    if (backendConfig.getBoolean("enabled")) {
      backend = new SampleBackendVerticle();
      started.add(vertx.deployVerticle(backend, new DeploymentOptions().setConfig(config()))
          .recover(e -> bindFailure("demo.backend", backendConfig.getString("host"), backendConfig.getInteger("port"), e)));
    }
    return Future.all(started);
  }

  /** {@link #MIRROR} and {@link #BACKEND} mapped to the bound base URLs of the servers that are enabled. */
  public Map<String, String> addresses() {
    Map<String, String> addresses = new HashMap<>();
    if (mirror != null) {
      addresses.put(MIRROR, mirror.baseUrl());
    }
    if (backend != null) {
      addresses.put(BACKEND, backend.baseUrl());
    }
    return addresses;
  }

  /** The archive mirror (its faults and requests seen), or null when {@code demo.mirror.enabled} is false. */
  public MirrorVerticle mirror() {
    return mirror;
  }

  /** A port that cannot be bound is a configuration problem: name the key, as for {@code http.port}. */
  private static <T> Future<T> bindFailure(String key, String host, int port, Throwable cause) {
    if (!Unbindable.is(cause)) {
      return Future.failedFuture(cause);
    }
    return Future.failedFuture(new ConfigException(key + ".port: " + port + " on " + host
        + " is already in use or cannot be bound (" + cause.getMessage() + "); choose another, or 0 for a free one"));
  }

  private Future<?> deployMirror(JsonObject mirror) {
    String dir = mirror.getString("dir");
    Path path = dir.isEmpty() ? Path.of(config().getString("dataDir"), "mirror") : Path.of(dir);
    MirrorVerticle.Options options = new MirrorVerticle.Options(mirror.getString("host"),
        mirror.getInteger("port"), path, mirror.getLong("tradesPerDay"), mirror.getLong("throttleBytesPerSecond"));
    long interval = mirror.getLong("scheduleIntervalMs");
    this.mirror = new MirrorVerticle(options);
    return vertx.deployVerticle(this.mirror)
        .recover(e -> bindFailure("demo.mirror", options.host(), options.port(), e)).onSuccess(id -> {
      if (interval > 0) {
        scheduleTimer = new DemoSchedule(vertx).start(interval);
      }
    });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(scheduleTimer);
    return Future.succeededFuture();
  }
}
