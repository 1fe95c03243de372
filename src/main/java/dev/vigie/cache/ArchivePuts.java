package dev.vigie.cache;

import static net.logstash.logback.argument.StructuredArguments.entries;

import dev.vigie.bus.Activity;
import dev.vigie.bus.Failures;
import dev.vigie.bus.Refusal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.NoSuchFileException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores verified files ({@code vigie.cache.put}): checks the file on a worker, moves it in on the disk worker, then
 * indexes it on the event loop and evicts what no longer fits. One PUT per key at a time; the keys in flight are
 * what a scan must leave alone.
 */
final class ArchivePuts {
  private static final Logger LOG = LoggerFactory.getLogger("cache");

  private final Vertx vertx;
  private final CacheSettings settings;
  private final ArchiveIndex index;
  private final ArchiveDisk disk;
  private final WorkerExecutor diskWriter;
  private final IndexEffects effects;
  private final Activity activity;
  private final Set<String> inFlight = new HashSet<>();

  ArchivePuts(Vertx vertx, CacheSettings settings, ArchiveIndex index, ArchiveDisk disk, WorkerExecutor diskWriter,
      IndexEffects effects, Activity activity) {
    this.vertx = vertx;
    this.settings = settings;
    this.index = index;
    this.disk = disk;
    this.diskWriter = diskWriter;
    this.effects = effects;
    this.activity = activity;
  }

  boolean inFlight(String key) {
    return inFlight.contains(key);
  }

  /** The reply {@code {key, path, bytes, sha256, replaced, evicted}}, or a failure with a {@link Refusal}. */
  Future<JsonObject> store(JsonObject message) {
    PutRequest put;
    try {
      put = PutRequest.from(message, settings);
    } catch (Refusal refusal) {
      return Future.failedFuture(refusal);
    }
    String key = put.key();
    if (!inFlight.add(key)) {
      return Future.failedFuture(new Refusal(Failures.CONFLICT, "PUT_IN_PROGRESS", key + " is being stored already"));
    }
    return vertx.executeBlocking(() -> {
      put.verify(settings.verifyOnPut());
      return null;
    }, false).compose(v -> diskWriter.executeBlocking(() -> disk.moveIn(put.file(), key), true))
        .andThen(ar -> inFlight.remove(key))
        .map(modifiedMs -> indexed(put, modifiedMs))
        .recover(cause -> Future.failedFuture(refusal(key, cause)));
  }

  private JsonObject indexed(PutRequest put, long modifiedMs) {
    String key = put.key();
    ArchiveEntry previous = index.peek(key);
    List<ArchiveEntry> evicted = index.put(new ArchiveEntry(key, put.bytes(), put.sha256(), modifiedMs, 0));
    effects.changed(key, previous == null ? "added" : "replaced", put.bytes());
    effects.evicted(evicted);
    LOG.info("cache_put", entries(Map.of("key", key, "bytes", put.bytes(), "replaced", previous != null,
        "evicted", evicted.size())));
    if (previous != null && !previous.sha256().equals(put.sha256())) {
      activity.info("Cache: " + key + " replaced by a re-published version");
    }
    return new JsonObject().put("key", key).put("path", disk.pathOf(key).toString()).put("bytes", put.bytes())
        .put("sha256", put.sha256()).put("replaced", previous != null)
        .put("evicted", new JsonArray(evicted.stream().map(ArchiveEntry::key).toList()));
  }

  private Refusal refusal(String key, Throwable cause) {
    if (cause instanceof Refusal refusal) {
      LOG.warn("cache_put_refused", entries(Map.of("key", key, "error", refusal.code(), "reason", refusal.getMessage())));
      return refusal;
    }
    if (cause instanceof NoSuchFileException) {
      return new Refusal(Failures.BAD_REQUEST, "NO_SUCH_FILE", "no file at " + cause.getMessage());
    }
    LOG.error("cache_put_failed", entries(Map.of("key", key, "reason", String.valueOf(cause))));
    activity.error("Cache could not store " + key + ": " + cause.getMessage());
    return new Refusal(Failures.INTERNAL, "IO_ERROR", "could not store " + key + ": " + cause.getMessage());
  }
}
