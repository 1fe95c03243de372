package dev.vigie.cache;

import static net.logstash.logback.argument.StructuredArguments.entries;

import dev.vigie.bus.Activity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies an {@link ArchiveScan} to the index, on the event loop: corrupted files and vanished entries leave the
 * index, complete unknown archives are adopted, broken and orphaned files are deleted. What changed since the scan
 * started (a PUT in progress, an eviction, a replacement) is left alone.
 */
final class Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger("cache");

  private final ArchiveIndex index;
  private final Predicate<String> putInFlight;
  private final IndexEffects effects;
  private final Activity activity;
  private long orphansRemoved;
  private long adopted;

  Reconciler(ArchiveIndex index, Predicate<String> putInFlight, IndexEffects effects, Activity activity) {
    this.index = index;
    this.putInFlight = putInFlight;
    this.effects = effects;
    this.activity = activity;
  }

  /** Applies the report; returns {@code {reason, at, checked, hashed, corruptedRemoved, orphansRemoved, ...}}. */
  JsonObject apply(ArchiveScan.Report report, String reason) {
    int corrupted = 0;
    int removed = 0;
    int orphans = 0;
    int adoptedNow = 0;
    JsonArray removedKeys = new JsonArray();
    for (ArchiveScan.Mismatch m : report.corrupted()) {
      String key = m.file().key();
      ArchiveEntry current = index.peek(key);
      if (!putInFlight.test(key) && current != null && current.sha256().equals(m.expectedSha256())) {
        index.removeCorrupted(key);
        effects.deleteLater(key, m.file().bytes(), m.file().modifiedMs());
        effects.changed(key, "corrupted", m.file().bytes());
        LOG.warn("cache_corrupted_removed", entries(Map.of("key", key, "expected", m.expectedSha256(),
            "actual", m.file().sha256())));
        corrupted++;
        listed(removedKeys, key, "corrupted");
      }
    }
    for (ArchiveEntry gone : report.missing()) {
      ArchiveEntry current = index.peek(gone.key());
      if (!putInFlight.test(gone.key()) && current != null && gone.equals(current.withLastAccess(gone.lastAccessMs()))) {
        index.remove(gone.key());
        effects.changed(gone.key(), "removed", gone.bytes());
        removed++;
        listed(removedKeys, gone.key(), "vanished");
      }
    }
    for (ArchiveScan.Observed found : report.adoptable()) {
      if (!putInFlight.test(found.key()) && index.peek(found.key()) == null) {
        index.restore(new ArchiveEntry(found.key(), found.bytes(), found.sha256(), found.modifiedMs(), found.modifiedMs()));
        effects.changed(found.key(), "added", found.bytes());
        adoptedNow++;
      }
    }
    for (ArchiveScan.Observed broken : report.broken()) {
      if (!putInFlight.test(broken.key()) && index.peek(broken.key()) == null) {
        effects.deleteLater(broken.key(), broken.bytes(), broken.modifiedMs());
        index.countCorrupted(1);
        LOG.warn("cache_corrupted_removed", entries(Map.of("key", broken.key(), "reason", "not a complete ZIP")));
        corrupted++;
        listed(removedKeys, broken.key(), "broken");
      }
    }
    for (ArchiveScan.Observed orphan : report.orphans()) {
      effects.deleteLater(orphan.key(), orphan.bytes(), orphan.modifiedMs());
      LOG.warn("cache_orphan_removed", entries(Map.of("path", orphan.key())));
      orphans++;
      listed(removedKeys, orphan.key(), "orphan");
    }
    effects.evicted(index.evictOverLimits());
    orphansRemoved += orphans;
    adopted += adoptedNow;
    tell(reason, corrupted, orphans, adoptedNow, removed);
    return new JsonObject().put("reason", reason).put("at", Instant.now().toString())
        .put("checked", report.verified().size() + report.corrupted().size()).put("hashed", report.hashed())
        .put("corruptedRemoved", corrupted).put("orphansRemoved", orphans).put("vanished", removed)
        .put("adopted", adoptedNow).put("removed", removedKeys).put("durationMs", report.durationMs());
  }

  /**
   * What applying {@code report} would remove, changing nothing: {@code {reason: "sweep", dryRun: true, checked,
   * hashed, corrupted, broken, orphans, vanished, removed: [{key, why}] (the first 100), durationMs}}. A file a PUT is
   * writing at that moment would be spared by the real sweep; the preview cannot know that far ahead.
   */
  static JsonObject preview(ArchiveScan.Report report) {
    JsonArray removed = new JsonArray();
    report.corrupted().forEach(m -> listed(removed, m.file().key(), "corrupted"));
    report.broken().forEach(b -> listed(removed, b.key(), "broken"));
    report.orphans().forEach(o -> listed(removed, o.key(), "orphan"));
    report.missing().forEach(m -> listed(removed, m.key(), "vanished"));
    return new JsonObject().put("reason", "sweep").put("dryRun", true)
        .put("checked", report.verified().size() + report.corrupted().size()).put("hashed", report.hashed())
        .put("corrupted", report.corrupted().size()).put("broken", report.broken().size())
        .put("orphans", report.orphans().size()).put("vanished", report.missing().size())
        .put("removed", removed).put("durationMs", report.durationMs());
  }

  /** Lists a removed file in an answer, up to {@link TrimRequest#LISTED} of them. */
  private static void listed(JsonArray removed, String key, String why) {
    if (removed.size() < TrimRequest.LISTED) {
      removed.add(new JsonObject().put("key", key).put("why", why));
    }
  }

  long orphansRemoved() {
    return orphansRemoved;
  }

  long adopted() {
    return adopted;
  }

  private void tell(String reason, int corrupted, int orphans, int adoptedNow, int removed) {
    if (corrupted + orphans > 0) {
      activity.warning("Cache " + reason + ": removed " + corrupted + " corrupted and " + orphans + " orphaned file(s)");
    }
    if (adoptedNow + removed > 0) {
      activity.info("Cache " + reason + ": index rebuilt from disk (" + adoptedNow + " archive(s) adopted, "
          + removed + " vanished)");
    }
  }
}
