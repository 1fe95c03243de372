package dev.vigie.cache;

import static net.logstash.logback.argument.StructuredArguments.entries;

import dev.vigie.bus.CacheBus;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows a change of the index outside it: files are deleted on the single disk worker (so a deletion and a
 * replacement of the same key never interleave), subscribers hear of the change, and the index is saved later.
 */
final class IndexEffects {
  private static final Logger LOG = LoggerFactory.getLogger("cache");

  private final ArchiveDisk disk;
  private final WorkerExecutor diskWriter;
  private final EventBus bus;
  private final IndexSaver saver;
  /** Told the key of every change (the cluster's index of held archives), after the change is published. */
  private Consumer<String> follower = key -> { };

  IndexEffects(ArchiveDisk disk, WorkerExecutor diskWriter, EventBus bus, IndexSaver saver) {
    this.disk = disk;
    this.diskWriter = diskWriter;
    this.bus = bus;
    this.saver = saver;
  }

  /** Deletes {@code <archives>/<path>} on the disk worker if it is still the file observed (size, mtime). */
  void deleteLater(String path, long bytes, long modifiedMs) {
    diskWriter.executeBlocking(() -> disk.deletePath(disk.pathOf(path), bytes, modifiedMs), true)
        .onFailure(e -> LOG.error("cache_delete_failed", entries(Map.of("path", path,
            "reason", String.valueOf(e.getMessage())))));
  }

  /**
   * Completes once every deletion queued before this call is done: the disk worker runs its tasks in order. A scan
   * started after it never sees a file the index already let go of (and would adopt it again, or call it broken).
   */
  Future<Void> pendingDeletesDone() {
    return diskWriter.executeBlocking(() -> null, true);
  }

  /** Publishes {@code {key, change, bytes}} on {@link CacheBus#CHANGED}; the index is saved with the next save. */
  void changed(String key, String change, long bytes) {
    saver.changed();
    bus.publish(CacheBus.CHANGED, new JsonObject().put("key", key).put("change", change).put("bytes", bytes));
    follower.accept(key);
  }

  /** Tells {@code follower} the key of each change from now on. */
  void follow(Consumer<String> follower) {
    this.follower = follower;
  }

  /** Evicted entries: each file goes, each eviction is published. */
  void evicted(List<ArchiveEntry> evicted) {
    for (ArchiveEntry e : evicted) {
      deleteLater(e.key(), e.bytes(), e.modifiedMs());
      changed(e.key(), "evicted", e.bytes());
    }
    if (!evicted.isEmpty()) {
      LOG.info("cache_evicted", entries(Map.of("archives", evicted.size(),
          "bytes", evicted.stream().mapToLong(ArchiveEntry::bytes).sum())));
    }
  }
}
