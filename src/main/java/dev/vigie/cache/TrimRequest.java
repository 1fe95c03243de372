package dev.vigie.cache;

import dev.vigie.bus.Refusal;
import dev.vigie.bus.RequestField;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * A {@code vigie.cache.trim} request: {@code {targetBytes?, all?, dryRun?}}. Without a target the cache trims to
 * {@code cache.trimTargetPercent} of {@code cache.maxBytes}; emptying it takes {@code "all": true}, so a target that
 * reads as 0 by mistake cannot evict every archive. A dry run says what a trim would evict and evicts nothing.
 */
record TrimRequest(long targetBytes, boolean dryRun) {
  /** Evicted archives listed one by one in the answer; past it only counted. */
  static final int LISTED = 100;
  private static final Set<String> FIELDS = Set.of("targetBytes", "all", "dryRun");

  /** The trim asked for; a Refusal (400 {@code BAD_PARAMETER}) naming the field when it cannot be honoured as written. */
  static TrimRequest from(JsonObject body, long defaultTargetBytes) {
    JsonObject ask = body == null ? new JsonObject() : body;
    for (String field : ask.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw Refusal.badField(field, "unknown field (known: all, dryRun, targetBytes)");
      }
    }
    boolean all = RequestField.flag(ask, "all", false);
    boolean dryRun = RequestField.flag(ask, "dryRun", false);
    long target = RequestField.whole(ask, "targetBytes", -1, 0, Long.MAX_VALUE);
    if (all && target > 0) {
      throw Refusal.badField("all", "empties the cache: leave targetBytes out (it is " + target + ")");
    }
    if (target == 0 && !all) {
      throw Refusal.badField("targetBytes", "0 evicts every archive: send {\"all\": true} to empty the cache");
    }
    return new TrimRequest(all ? 0 : target < 0 ? defaultTargetBytes : target, dryRun);
  }

  /** {@code {targetBytes, dryRun, evicted, freedBytes, removed: [{key, bytes}], entries, bytes}}. */
  JsonObject answer(List<ArchiveEntry> evicted, ArchiveIndex index) {
    long freed = 0;
    JsonArray removed = new JsonArray();
    for (ArchiveEntry e : evicted) {
      freed += e.bytes();
      if (removed.size() < LISTED) {
        removed.add(new JsonObject().put("key", e.key()).put("bytes", e.bytes()));
      }
    }
    return new JsonObject().put("targetBytes", targetBytes).put("dryRun", dryRun).put("evicted", evicted.size())
        .put("freedBytes", freed).put("removed", removed).put("removedListed", removed.size())
        .put("entries", index.size() - (dryRun ? evicted.size() : 0))
        .put("bytes", index.totalBytes() - (dryRun ? freed : 0));
  }
}
