package dev.vigie.cache;

import static net.logstash.logback.argument.StructuredArguments.entries;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sweep: re-hashes every archive file against the index on a worker, then applies the result on the event loop
 * ({@link Reconciler}). One at a time: asking while one runs joins it. The walk starts once the deletions decided
 * before the index was read are done, so an archive just evicted is neither adopted again nor called broken.
 */
final class ArchiveSweep {
  private static final Logger LOG = LoggerFactory.getLogger("cache");

  private final Vertx vertx;
  private final ArchiveDisk disk;
  private final ArchiveIndex index;
  private final Reconciler reconciler;
  private final IndexEffects effects;
  private Future<JsonObject> running;
  private JsonObject last;

  ArchiveSweep(Vertx vertx, ArchiveDisk disk, ArchiveIndex index, Reconciler reconciler, IndexEffects effects) {
    this.vertx = vertx;
    this.effects = effects;
    this.disk = disk;
    this.index = index;
    this.reconciler = reconciler;
  }

  /**
   * {@code {reason: "sweep", at, checked, hashed, corruptedRemoved, orphansRemoved, vanished, adopted, removed: [{key,
   * why}], durationMs}}.
   */
  Future<JsonObject> run() {
    if (running != null) {
      return running;
    }
    running = scan()
        .map(report -> reconciler.apply(report, "sweep"))
        .onComplete(ar -> {
          running = null;
          if (ar.succeeded()) {
            // The statistics and the section keep the counts; the list of files is the caller's answer.
            last = ar.result().copy();
            last.remove("removed");
            LOG.info("cache_sweep_completed", entries(last.getMap()));
          } else {
            LOG.error("cache_sweep_failed", entries(Map.of("reason", String.valueOf(ar.cause()))));
          }
        });
    return running;
  }

  /** What a sweep would remove now ({@link Reconciler#preview}), removing nothing. */
  Future<JsonObject> preview() {
    return scan().map(Reconciler::preview);
  }

  /** The index as it is now against the disk once the deletions it already decided are done. */
  private Future<ArchiveScan.Report> scan() {
    List<ArchiveEntry> snapshot = index.entries();
    return effects.pendingDeletesDone()
        .compose(v -> vertx.executeBlocking(() -> ArchiveScan.run(disk.archives(), snapshot, true), false));
  }

  /** The last sweep's summary, or null before the first one ends. */
  JsonObject last() {
    return last;
  }
}
