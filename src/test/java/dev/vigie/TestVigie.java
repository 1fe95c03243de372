package dev.vigie;

import dev.vigie.config.ConfigLoader;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Starts a whole Vigie on a free loopback port with a data directory of the test's own. */
public final class TestVigie {
  private TestVigie() {
  }

  /** The built-in defaults with port 0, {@code dataDir} set, and a fast push interval. */
  public static JsonObject config(Path dataDir) {
    JsonObject config = ConfigLoader.defaults();
    config.getJsonObject("http").put("port", 0);
    config.put("dataDir", dataDir.toString());
    config.getJsonObject("monitor").put("pushIntervalMs", 100);
    return config;
  }

  public static Vigie start(JsonObject config) {
    return await(Vigie.start(config));
  }

  /** Waits for a future from a test thread (never from an event loop). */
  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }
}
