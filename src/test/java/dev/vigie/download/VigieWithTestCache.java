package dev.vigie.download;

import dev.vigie.Vigie;
import dev.vigie.config.ConfigLoader;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The whole Vigie in its own process, as {@code VigieMain} starts it, plus the stand-in cache while the branch has
 * no cache verticle of its own. Prints {@code VIGIE_READY <port>} once it listens.
 */
public final class VigieWithTestCache {
  private VigieWithTestCache() {
  }

  public static void main(String[] args) throws Exception {
    JsonObject config = ConfigLoader.load(ConfigLoader.Arguments.parse(args), Map.of());
    Vigie vigie = Vigie.start(config).await();
    if (!realCacheExists()) {
      vigie.vertx().deployVerticle(new TestCache(), new DeploymentOptions().setConfig(config)).await();
    }
    System.out.println("VIGIE_READY " + vigie.httpPort());
    System.out.flush();
  }

  private static boolean realCacheExists() {
    try {
      Class.forName("dev.vigie.cache.CacheVerticle");
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
