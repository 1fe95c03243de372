package dev.vigie.cache;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A data directory the cache cannot use fails its start with a sentence naming the directory. */
@ExtendWith(VertxExtension.class)
class UnusableDataDirectoryTest {
  @TempDir
  Path dir;

  @AfterEach
  void closeVertx(Vertx vertx) throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aDataDirectoryThatIsAFileFailsTheStart(Vertx vertx) throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
    JsonObject config = CacheFixture.config(notADirectory, new JsonObject());
    Future<String> deployed = vertx.deployVerticle(new CacheVerticle(), new DeploymentOptions().setConfig(config));
    Throwable cause = CacheFixture.failureOf(deployed);
    assertTrue(cause.getMessage().contains("cannot create") && cause.getMessage().contains("plain-file"),
        cause.getMessage());
  }

  @Test
  void aBadSettingFailsTheStartNamingTheKey(Vertx vertx) throws Exception {
    JsonObject config = CacheFixture.config(dir, new JsonObject().put("maxBytes", 0));
    Throwable cause = CacheFixture.failureOf(vertx.deployVerticle(new CacheVerticle(),
        new DeploymentOptions().setConfig(config)));
    assertTrue(cause.getMessage().contains("cache.maxBytes"), cause.getMessage());
  }
}
