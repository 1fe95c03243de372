package dev.vigie.cache;

import static net.logstash.logback.argument.StructuredArguments.entries;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start: checks that the data directory is usable, reads the index file and reconciles it with the archives
 * directory (rebuilding it from the files when the index file is missing or unreadable). Lookups wait for it.
 */
final class IndexLoad {
  private static final Logger LOG = LoggerFactory.getLogger("cache");

  private IndexLoad() {
  }

  static Future<Void> run(Vertx vertx, CacheSettings settings, ArchiveDisk disk, ArchiveIndex index,
      Reconciler reconciler, IndexSaver saver) {
    return vertx.executeBlocking(() -> {
      try {
        disk.createDirectories();
      } catch (IOException e) {
        throw new IllegalStateException("cache: cannot create " + settings.archivesDir() + " (" + e + ")", e);
      }
      if (!Files.isWritable(disk.archives()) || !Files.isWritable(settings.tmpDir())) {
        throw new IllegalStateException("cache: " + settings.dataDir() + " is not writable: archives cannot be stored");
      }
      return IndexFile.read(settings.indexFile());
    }, false).compose(read -> {
      read.ifPresent(list -> list.forEach(index::restore));
      List<ArchiveEntry> known = index.entries();
      return vertx.executeBlocking(() -> ArchiveScan.run(disk.archives(), known, false), false).map(report -> {
        JsonObject summary = reconciler.apply(report, read.isPresent() ? "start" : "rebuild");
        if (read.isEmpty() || report.indexDiffers()) {
          LOG.info("cache_index_rebuilt", entries(summary.getMap()));
          saver.changed();
          saver.saveIfChanged();
        }
        return null;
      });
    });
  }
}
