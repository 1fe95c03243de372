package dev.vigie.cache;

import static net.logstash.logback.argument.StructuredArguments.entries;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the index file ({@link IndexFile}) on a worker when the index changed, one write at a time; a failed write
 * leaves the index marked as changed so the next call tries again. Used from the cache verticle's event loop.
 */
final class IndexSaver {
  private static final Logger LOG = LoggerFactory.getLogger("cache");

  private final Vertx vertx;
  private final Path file;
  private final Supplier<List<ArchiveEntry>> snapshot;
  private boolean dirty;
  private boolean running;
  private Future<Void> saving = Future.succeededFuture();

  IndexSaver(Vertx vertx, Path file, Supplier<List<ArchiveEntry>> snapshot) {
    this.vertx = vertx;
    this.file = file;
    this.snapshot = snapshot;
  }

  /** The index changed: the next {@link #saveIfChanged} writes it. */
  void changed() {
    dirty = true;
  }

  Future<Void> saveIfChanged() {
    if (!dirty || running) {
      return saving;
    }
    dirty = false;
    running = true;
    saving = write(snapshot.get()).onComplete(ar -> {
      running = false;
      if (ar.failed()) {
        dirty = true;
        LOG.error("cache_index_save_failed", entries(Map.of("reason", String.valueOf(ar.cause().getMessage()))));
      }
    });
    return saving;
  }

  /** At stop: waits for a running write, then writes the index as it is now (recency included). */
  Future<Void> saveLast() {
    List<ArchiveEntry> last = snapshot.get();
    return saving.transform(ar -> write(last));
  }

  private Future<Void> write(List<ArchiveEntry> entries) {
    return vertx.executeBlocking(() -> {
      IndexFile.write(file, entries);
      return null;
    }, false);
  }
}
