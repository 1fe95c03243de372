package dev.vigie.monitor;

import dev.vigie.bus.SecretRedactor;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The exported report ({@code GET /api/report}): snapshot, activity log, open and recent alerts, probe summaries,
 * the configuration, the version and the time, with every secret redacted, those the configuration holds included
 * (see {@link SecretRedactor#of}).
 */
public final class PerformanceReport {
  private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private PerformanceReport() {
  }

  /** The report's file name, e.g. {@code performance-report-20261123T093000Z.json}. */
  public static String fileName(Instant time) {
    return "performance-report-" + FILE_TIME.format(time) + ".json";
  }

  /**
   * @param snapshot the monitor's snapshot {@code {sections, log, alerts, ts}}
   * @param probes the probe area's summaries, or null when it is not running
   */
  public static JsonObject build(JsonObject snapshot, JsonObject probes, JsonObject config, String version, Instant time) {
    JsonArray open = new JsonArray();
    JsonArray recent = new JsonArray();
    for (Object o : snapshot.getJsonArray("alerts", new JsonArray())) {
      JsonObject alert = (JsonObject) o;
      ("raised".equals(alert.getString("state")) ? open : recent).add(alert);
    }
    JsonObject report = new JsonObject()
        .put("report", "vigie-performance-report")
        .put("version", version)
        .put("generatedAt", time.toString())
        .put("snapshot", new JsonObject().put("sections", snapshot.getJsonArray("sections", new JsonArray()))
            .put("ts", snapshot.getString("ts")))
        .put("log", snapshot.getJsonArray("log", new JsonArray()))
        .put("alerts", new JsonObject().put("open", open).put("recent", recent))
        .put("probes", probes == null ? new JsonObject().put("unavailable", "the probe area is not running") : probes)
        .put("configuration", config);
    return SecretRedactor.of(config).json(report);
  }
}
