package dev.vigie.web;

import dev.vigie.Vigie;
import dev.vigie.config.ConfigLoader;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A whole Vigie in this JVM, in demo mode, on loopback: port 0 unless a port is given (to restart in place). */
final class RunningVigie implements AutoCloseable {
  final Vigie vigie;

  private RunningVigie(Vigie vigie) {
    this.vigie = vigie;
  }

  static RunningVigie start(Path dataDir, int port) {
    return start(dataDir, port, config -> { });
  }

  /** Starts with {@code conf/demo.json} over the defaults, then {@code adjust} applied to the configuration. */
  static RunningVigie start(Path dataDir, int port, Consumer<JsonObject> adjust) {
    JsonObject config = ConfigLoader.load(ConfigLoader.Arguments.parse("--demo", "--port", String.valueOf(port)), Map.of());
    config.put("dataDir", dataDir.toString());
    config.getJsonObject("monitor").put("pushIntervalMs", 200).put("sampleIntervalMs", 500);
    adjust.accept(config);
    return new RunningVigie(await(Vigie.start(config)));
  }

  String url() {
    return "http://127.0.0.1:" + vigie.httpPort() + "/";
  }

  int port() {
    return vigie.httpPort();
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }

  @Override
  public void close() {
    await(vigie.close());
  }
}
