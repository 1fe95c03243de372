package dev.vigie.demo;

import dev.vigie.bus.HealthBus;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The offline demo ({@code --demo}): deploys the loopback servers the demo configuration points Vigie at, so every
 * section of the monitor has something real to watch without the internet.
 */
public final class DemoVerticle extends VerticleBase {
  private long scheduleTimer = -1;

  @Override
  public Future<?> start() {
    List<Future<?>> started = new ArrayList<>();
    started.add(HealthBus.answerPings(vertx.eventBus(), "demo").completion());
    JsonObject mirror = config().getJsonObject("demo").getJsonObject("mirror");
    if (mirror.getBoolean("enabled")) {
      started.add(deployMirror(mirror));
    }
    if (config().getJsonObject("demo").getJsonObject("backend").getBoolean("enabled")) {
      started.add(vertx.deployVerticle(new SampleBackendVerticle(), new DeploymentOptions().setConfig(config())));
    }
    return Future.all(started);
  }

  private Future<?> deployMirror(JsonObject mirror) {
    String dir = mirror.getString("dir");
    Path path = dir.isEmpty() ? Path.of(config().getString("dataDir"), "mirror") : Path.of(dir);
    MirrorVerticle.Options options = new MirrorVerticle.Options(mirror.getString("host"),
        mirror.getInteger("port"), path, mirror.getLong("tradesPerDay"), mirror.getLong("throttleBytesPerSecond"));
    long interval = mirror.getLong("scheduleIntervalMs");
    return vertx.deployVerticle(new MirrorVerticle(options)).onSuccess(id -> {
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
