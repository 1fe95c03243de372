package dev.vigie.download;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;

/**
 * The queued and active downloads, kept on disk ({@code <dataDir>/tmp/pending.json}) so that a killed process picks
 * them up again when it restarts. Written as a temporary file then renamed, so a crash never leaves half a journal;
 * writes are coalesced, the latest state wins.
 */
final class PendingJournal {
  private final Vertx vertx;
  private final Path file;
  private final Path temporary;
  private boolean writing;
  private JsonArray next;
  /** Completes when the writes asked so far are done; replaced as each run of writes starts. */
  private Promise<Void> idle;

  PendingJournal(Vertx vertx, Path file) {
    this.vertx = vertx;
    this.file = file;
    this.temporary = file.resolveSibling(file.getFileName() + ".tmp");
  }

  /** The entries {@code {key, force}} saved last, or none. */
  Future<JsonArray> load() {
    return vertx.fileSystem().exists(file.toString()).compose(exists -> exists
        ? vertx.fileSystem().readFile(file.toString()).map(buffer -> new JsonArray(buffer))
        : Future.succeededFuture(new JsonArray()));
  }

  /** Records {@code pending} as the pending downloads, each as {@code {key, force}}. */
  void save(List<Job> pending) {
    JsonArray entries = new JsonArray();
    pending.forEach(job -> entries.add(new JsonObject().put("key", job.key).put("force", job.force)));
    next = entries;
    if (!writing) {
      idle = Promise.promise();
      writeNext();
    }
  }

  /** Completes once every save asked so far is on disk (or failed): a stop waits for it. */
  Future<Void> flushed() {
    return writing ? idle.future() : Future.succeededFuture();
  }

  private void writeNext() {
    JsonArray entries = next;
    next = null;
    if (entries == null) {
      writing = false;
      idle.complete();
      return;
    }
    writing = true;
    vertx.fileSystem().mkdirs(file.getParent().toString())
        .compose(v -> vertx.fileSystem().writeFile(temporary.toString(), entries.toBuffer()))
        .compose(v -> vertx.fileSystem().move(temporary.toString(), file.toString(),
            new CopyOptions().setReplaceExisting(true).setAtomicMove(true)))
        // A data directory that cannot be written is reported by the transfers themselves.
        .onComplete(ignored -> writeNext());
  }
}
