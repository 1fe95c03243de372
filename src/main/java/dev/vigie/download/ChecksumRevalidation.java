package dev.vigie.download;

import dev.vigie.vision.ArchiveSpec;
import dev.vigie.vision.VisionPath;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * One revalidation run: pages through the archives the cache holds, asks the source for each one's published
 * SHA-256 ({@code .CHECKSUM}) at most {@code concurrency} at a time, and sorts them into unchanged, changed (Binance
 * re-published the file) and failed. Knows no address and no client: the verticle hands it the two questions.
 */
final class ChecksumRevalidation {
  /** One archive the cache holds, with the SHA-256 of its file. */
  record Held(String key, String sha256) {
  }

  /** One page of what the cache holds; {@code next} is where the following page starts, or null after the last. */
  record Page(List<Held> archives, String next) {
    /** Reads a {@code CacheBus.HELD} reply: {@code {archives: [{key, sha256, bytes}], next?}}. */
    static Page from(JsonObject reply) {
      List<Held> held = new ArrayList<>();
      for (Object o : reply.getJsonArray("archives", new JsonArray())) {
        JsonObject archive = (JsonObject) o;
        held.add(new Held(archive.getString("key"), archive.getString("sha256")));
      }
      return new Page(held, reply.getString("next"));
    }
  }

  /** The sorted archives: {@code failed} holds {@code {key, error, message}}. */
  record Outcome(int checked, List<String> unchanged, List<ArchiveSpec> changed, JsonArray failed) {
  }

  private final Function<String, Future<Page>> pages;
  private final Function<ArchiveSpec, Future<String>> published;
  private final int concurrency;
  private final Outcome outcome = new Outcome(0, new ArrayList<>(), new ArrayList<>(), new JsonArray());
  private int checked;

  /**
   * @param pages the page of held archives after a key (null for the first page)
   * @param published the SHA-256 the source publishes for an archive; fails with a {@link DownloadFailure}
   */
  ChecksumRevalidation(Function<String, Future<Page>> pages, Function<ArchiveSpec, Future<String>> published,
      int concurrency) {
    this.pages = pages;
    this.published = published;
    this.concurrency = concurrency;
  }

  /** Checks every held archive, a page at a time; fails only when the cache cannot say what it holds. */
  Future<Outcome> run() {
    return page(null).map(v -> new Outcome(checked, outcome.unchanged(), outcome.changed(), outcome.failed()));
  }

  private Future<Void> page(String after) {
    return pages.apply(after).compose(page -> checkAll(page.archives())
        .compose(v -> page.next() == null || page.archives().isEmpty() ? Future.succeededFuture() : page(page.next())));
  }

  private Future<Void> checkAll(List<Held> archives) {
    Promise<Void> done = Promise.promise();
    Iterator<Held> pending = archives.iterator();
    int[] running = {0};
    Runnable pump = new Runnable() {
      @Override
      public void run() {
        while (running[0] < concurrency && pending.hasNext()) {
          running[0]++;
          check(pending.next()).onComplete(ar -> {
            running[0]--;
            run();
          });
        }
        if (running[0] == 0 && !pending.hasNext()) {
          done.tryComplete();
        }
      }
    };
    pump.run();
    return done.future();
  }

  private Future<Void> check(Held held) {
    checked++;
    ArchiveSpec spec;
    try {
      spec = VisionPath.parse(held.key());
    } catch (IllegalArgumentException e) {
      fail(held.key(), DownloadFailure.UNSUPPORTED_KEY, "the downloader cannot fetch this layout");
      return Future.succeededFuture();
    }
    return published.apply(spec).transform(ar -> {
      if (ar.failed()) {
        DownloadFailure failure = DownloadFailure.from(ar.cause());
        fail(held.key(), failure.code(), failure.getMessage());
      } else if (ar.result().equalsIgnoreCase(held.sha256())) {
        outcome.unchanged().add(held.key());
      } else {
        outcome.changed().add(spec);
      }
      return Future.succeededFuture();
    });
  }

  private void fail(String key, String error, String message) {
    outcome.failed().add(new JsonObject().put("key", key).put("error", error).put("message", message));
  }
}
