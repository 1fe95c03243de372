package dev.vigie.download;

import dev.vigie.bus.CacheBus;
import dev.vigie.bus.Failures;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the cache verticle (another area), test sources only: answers LOOKUP from a map and, on PUT,
 * moves the verified file to {@code <dataDir>/archives/<key>} as the contract in {@link CacheBus} says.
 */
public final class TestCache extends VerticleBase {
  private final Map<String, JsonObject> index = new ConcurrentHashMap<>();

  public Map<String, JsonObject> index() {
    return index;
  }

  @Override
  public Future<?> start() {
    Path archives = Path.of(config().getString("dataDir")).resolve("archives");
    return Future.all(
        vertx.eventBus().<JsonObject>consumer(CacheBus.LOOKUP, msg -> {
          JsonObject entry = index.get(msg.body().getString("key"));
          msg.reply(entry == null ? new JsonObject().put("key", msg.body().getString("key")).put("hit", false)
              : entry.copy().put("hit", true));
        }).completion(),
        vertx.eventBus().<JsonObject>consumer(CacheBus.PUT, msg -> {
          JsonObject put = msg.body();
          Path target = archives.resolve(put.getString("key"));
          vertx.executeBlocking(() -> {
            Files.createDirectories(target.getParent());
            Files.move(Path.of(put.getString("file")), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
          }, false).onSuccess(path -> {
            index.put(put.getString("key"), new JsonObject().put("key", put.getString("key"))
                .put("path", path.toString()).put("bytes", put.getLong("bytes")).put("sha256", put.getString("sha256")));
            msg.reply(new JsonObject().put("key", put.getString("key")).put("path", path.toString()));
          }).onFailure(e -> Failures.fail(msg, Failures.INTERNAL, "IO_ERROR", "cannot store " + target + ": " + e));
        }).completion());
  }
}
