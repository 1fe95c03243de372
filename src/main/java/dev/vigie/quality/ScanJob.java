package dev.vigie.quality;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** One requested scan: what to scan, where it stands, and its report once finished. Owned by the verticle. */
final class ScanJob {
  enum State {
    QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED;

    String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  final String id;
  final String key;
  final Path path;
  final String trigger;
  /** Read by the scanning thread between buffers. */
  final AtomicBoolean cancelled = new AtomicBoolean();
  State state = State.QUEUED;
  JsonObject report;

  ScanJob(String id, String key, Path path, String trigger) {
    this.id = id;
    this.key = key;
    this.path = path;
    this.trigger = trigger;
  }

  /** The name whose Binance Vision layout tells the data type, market and period. */
  String name() {
    return key != null ? key : path.toString();
  }

  boolean finished() {
    return state == State.COMPLETED || state == State.FAILED || state == State.CANCELLED;
  }

  void finish(JsonObject scanned) {
    report = identity().mergeIn(scanned);
    state = switch (scanned.getString("state")) {
      case "completed" -> State.COMPLETED;
      case "cancelled" -> State.CANCELLED;
      default -> State.FAILED;
    };
  }

  /** The full report when finished, else where the scan stands. */
  JsonObject toJson() {
    return report != null ? report.copy() : identity().put("state", state.wire());
  }

  /** The few fields a list or the monitor section shows. */
  JsonObject summary() {
    JsonObject s = identity().put("state", state.wire());
    if (report != null) {
      s.put("file", report.getString("file")).put("dataType", report.getString("dataType"))
          .put("rows", report.getLong("rows")).put("badRows", report.getLong("badRows"))
          .put("scorePercent", report.getDouble("scorePercent"))
          .put("gaps", report.getJsonObject("gaps", new JsonObject()).getLong("count"))
          .put("durationMs", report.getDouble("durationMs")).put("mbPerSecond", report.getDouble("mbPerSecond"))
          .put("finishedAt", report.getString("finishedAt"));
      JsonObject coverage = report.getJsonObject("coverage");
      if (coverage != null) {
        s.put("coveragePercent", coverage.getDouble("percent"));
      }
      JsonObject failure = report.getJsonObject("failure");
      if (failure != null) {
        s.put("failure", failure.getString("code"));
      }
    }
    return s;
  }

  /** The finished scan in one sentence, for the activity log. */
  String headline() {
    String file = report.getString("file", path.getFileName().toString());
    if (state == State.FAILED) {
      JsonObject failure = report.getJsonObject("failure");
      return "quality scan of " + file + " failed: " + failure.getString("code") + " (" + failure.getString("message") + ")";
    }
    if (state == State.CANCELLED) {
      return "quality scan of " + file + " cancelled";
    }
    long gaps = report.getJsonObject("gaps").getLong("count");
    JsonObject coverage = report.getJsonObject("coverage");
    return String.format("quality %s: %.2f %% of %d rows valid, %d gap%s%s", file, report.getDouble("scorePercent", 0.0),
        report.getLong("rows"), gaps, gaps == 1 ? "" : "s",
        coverage == null ? "" : String.format(", coverage %.2f %%", coverage.getDouble("percent")));
  }

  /** The fields the finished scan's log line carries. */
  Map<String, Object> logContext() {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("scan_id", id);
    context.put("file", report.getString("file"));
    context.put("state", state.wire());
    context.put("rows", report.getLong("rows"));
    context.put("score_percent", report.getDouble("scorePercent"));
    context.put("gaps", report.getJsonObject("gaps", new JsonObject()).getLong("count"));
    context.put("duration_ms", report.getDouble("durationMs"));
    context.put("mb_per_s", report.getDouble("mbPerSecond"));
    JsonObject failure = report.getJsonObject("failure");
    if (failure != null) {
      context.put("failure", failure.getString("code"));
    }
    return context;
  }

  private JsonObject identity() {
    JsonObject json = new JsonObject().put("id", id);
    if (key != null) {
      json.put("key", key);
    }
    return json.put("path", path.toString()).put("trigger", trigger);
  }
}
