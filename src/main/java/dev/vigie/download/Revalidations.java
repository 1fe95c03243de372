package dev.vigie.download;

import dev.vigie.bus.Activity;
import dev.vigie.bus.Failures;
import dev.vigie.vision.ArchiveSpec;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import net.logstash.logback.argument.StructuredArguments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checksum revalidations, one at a time: starts a {@link ChecksumRevalidation}, hands what changed back to be
 * re-queued, and keeps the last run's summary ({@code lastRevalidation}). The verticle binds it to the bus and timer.
 */
final class Revalidations {
  private static final Logger LOG = LoggerFactory.getLogger(DownloadVerticle.COMPONENT);

  private final Supplier<ChecksumRevalidation> newRun;
  private final Function<List<ArchiveSpec>, Future<List<String>>> requeue;
  private final Activity activity;
  private Future<JsonObject> running;
  private JsonObject last;

  /**
   * @param newRun a fresh run over what the cache holds
   * @param requeue queues the changed archives again (forced) and answers the keys queued here (in a cluster, an
   *     archive another member is fetching is left to it)
   */
  Revalidations(Supplier<ChecksumRevalidation> newRun, Function<List<ArchiveSpec>, Future<List<String>>> requeue,
      Activity activity) {
    this.newRun = newRun;
    this.requeue = requeue;
    this.activity = activity;
  }

  boolean running() {
    return running != null;
  }

  /** The last run's summary {@code {at, checked, unchanged, changed, requested, failed, durationMs}} (counts), or null. */
  JsonObject last() {
    return last;
  }

  /**
   * Runs one revalidation, or answers the one already running: {@code {at, checked, unchanged, changed: [key],
   * requested: [key], failed: [{key, error, message}], durationMs}}.
   */
  Future<JsonObject> run() {
    if (running != null) {
      return running;
    }
    long started = System.nanoTime();
    running = newRun.get().run().compose(outcome -> requeue.apply(outcome.changed()).map(requeued -> {
      JsonArray changed = new JsonArray(outcome.changed().stream().map(ArchiveSpec::key).toList());
      return new JsonObject().put("at", Instant.now().toString())
          .put("checked", outcome.checked()).put("unchanged", outcome.unchanged().size())
          .put("changed", changed).put("requested", new JsonArray(requeued)).put("failed", outcome.failed())
          .put("durationMs", (System.nanoTime() - started) / 1_000_000);
    })).onComplete(ar -> {
      running = null;
      if (ar.succeeded()) {
        done(ar.result());
      } else {
        activity.warning("revalidation could not ask the cache what it holds: "
            + Failures.bodyOf(ar.cause()).getString("message"));
      }
    });
    return running;
  }

  private void done(JsonObject result) {
    int changed = result.getJsonArray("changed").size();
    int requested = result.getJsonArray("requested").size();
    int failures = result.getJsonArray("failed").size();
    last = result.copy().put("changed", changed).put("requested", requested).put("failed", failures);
    LOG.info("download_revalidated", StructuredArguments.entries(last.getMap()));
    String text = "Cache revalidated " + result.getInteger("checked") + " archive(s): " + changed
        + " re-published (" + requested + " re-download(s) requested), " + failures + " could not be checked";
    if (changed == 0 && failures == 0) {
      activity.info(text);
    } else {
      activity.warning(text);
    }
  }
}
