package dev.vigie.download;

import dev.vigie.bus.Activity;
import java.util.LinkedHashMap;
import java.util.Map;
import net.logstash.logback.argument.StructuredArguments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the log and the activity log say of finished and corrupted downloads. */
final class DownloadLog {
  private static final Logger LOG = LoggerFactory.getLogger(DownloadVerticle.COMPONENT);

  private final Activity activity;

  DownloadLog(Activity activity) {
    this.activity = activity;
  }

  void completed(Job job) {
    double sizeMb = Math.round(job.bytes / 10_485.76) / 100.0;
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("symbol", job.spec.symbol());
    context.put("date", job.spec.date());
    context.put("size_mb", sizeMb);
    context.put("duration_ms", job.durationMs());
    context.put("key", job.key);
    context.put("resumed", job.resumed);
    LOG.info("download_completed", StructuredArguments.entries(context));
    activity.info("downloaded " + job.spec.fileName() + " (" + sizeMb + " MB in " + job.durationMs() + " ms"
        + (job.resumed ? ", resumed" : "") + ")");
  }

  void failed(Job job) {
    LOG.warn("download_failed", StructuredArguments.entries(Map.of("key", job.key, "error", job.error,
        "message", job.message, "attempts", job.attempts, "duration_ms", job.durationMs())));
    if (job.error.equals(DownloadFailure.MISSING)) {
      activity.warning("missing at the source: " + job.spec.fileName());
    } else {
      activity.error("download failed: " + job.spec.fileName() + " (" + job.error + ": " + job.message + ")");
    }
  }

  /** The {@code times}-th download of {@code job}'s archive did not match its CHECKSUM and was deleted. */
  void corrupted(Job job, int times) {
    activity.warning("corrupted archive " + job.key + " (SHA-256 mismatch), deleted"
        + (RetryRules.retriesAfterMismatch(times) ? "; downloading it once more" : ""));
  }
}
