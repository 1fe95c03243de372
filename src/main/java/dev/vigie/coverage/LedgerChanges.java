package dev.vigie.coverage;

import dev.vigie.vision.ArchiveSpec;
import dev.vigie.vision.VisionPath;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * The ledger change each fact makes ({@code StoreBus.COVERAGE_SAVE} rows): a verified download, a failed one (a 404
 * is absent upstream), a quality report (score, gaps, coverage; a scan that failed marks the archive failed), a
 * re-publication found by revalidation, a listing, a queued request. Keys outside the Binance Vision layout make none.
 */
final class LedgerChanges {
  private LedgerChanges() {
  }

  /** The entry's identity, from its key: market, type, symbol, interval, period and date. */
  static Optional<JsonObject> entry(String key) {
    if (key == null) {
      return Optional.empty();
    }
    try {
      ArchiveSpec spec = VisionPath.parse(key);
      JsonObject row = new JsonObject().put("key", key).put("market", spec.market().wire())
          .put("dataType", spec.dataType().wire()).put("symbol", spec.symbol()).put("period", spec.period().wire())
          .put("date", spec.date());
      return Optional.of(spec.interval() == null ? row : row.put("interval", spec.interval().wire()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static Optional<JsonObject> downloaded(JsonObject done) {
    return entry(done.getString("key")).map(row -> row.put("state", LedgerState.VERIFIED.wire())
        .put("sha256", done.getString("sha256")).putNull("reason"));
  }

  static Optional<JsonObject> failed(JsonObject failed) {
    boolean missing = "MISSING".equals(failed.getString("error"));
    return entry(failed.getString("key")).map(row -> row
        .put("state", (missing ? LedgerState.ABSENT : LedgerState.FAILED).wire())
        .put("reason", failed.getString("error") + ": " + failed.getString("message")));
  }

  static Optional<JsonObject> scored(JsonObject report) {
    return entry(report.getString("key")).map(row -> {
      JsonObject gaps = report.getJsonObject("gaps", new JsonObject());
      JsonObject coverage = report.getJsonObject("coverage");
      row.put("scorePercent", report.getDouble("scorePercent")).put("gaps", gaps.getLong("count"))
          .put("missing", gaps.getLong("missing"))
          .put("coveragePercent", coverage == null ? null : coverage.getDouble("percent"));
      JsonObject failure = report.getJsonObject("failure");
      if ("failed".equals(report.getString("state")) && failure != null) {
        row.put("state", LedgerState.FAILED.wire()).put("reason", "scan " + failure.getString("code") + ": "
            + failure.getString("message"));
      }
      return row;
    });
  }

  static Optional<JsonObject> republished(JsonObject fact, long now) {
    return entry(fact.getString("key")).map(row -> row.put("state", LedgerState.REPUBLISHED.wire())
        .put("republishedAt", now).put("reason", "the upstream checksum changed after the download: re-fetching"));
  }

  /** Listed upstream: a new entry only; what Vigie already knows of it stands. */
  static JsonObject listed(JsonObject entry) {
    return entry.copy().put("state", LedgerState.LISTED.wire()).put("onlyIfNew", true);
  }

  /** Not listed between listed ones: absent, unless Vigie holds it (then the listing is what is wrong). */
  static JsonObject absent(JsonObject entry) {
    return entry.copy().put("state", LedgerState.ABSENT.wire()).put("reason", "not in the upstream listing")
        .put("keep", new JsonArray().add(LedgerState.VERIFIED.wire()).add(LedgerState.REPUBLISHED.wire()));
  }

  static JsonObject queued(JsonObject entry) {
    return entry.copy().put("state", LedgerState.QUEUED.wire()).putNull("reason")
        .put("keep", new JsonArray().add(LedgerState.VERIFIED.wire()));
  }

  /** Asked for and found in the cache: downloaded and verified earlier. */
  static JsonObject cached(JsonObject entry) {
    return entry.copy().put("state", LedgerState.VERIFIED.wire()).putNull("reason");
  }
}
