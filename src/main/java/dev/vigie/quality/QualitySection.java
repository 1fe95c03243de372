package dev.vigie.quality;

import dev.vigie.bus.Metric;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import dev.vigie.bus.Threshold;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The monitor's "Data quality" section, drawn from the recent reports and the scans under way. */
final class QualitySection {
  static final String SECTION = "quality";
  private static final int DETAIL_REPORTS = 20;

  private final Threshold score;

  QualitySection(Threshold score) {
    this.score = score;
  }

  SectionUpdate build(List<ScanJob> recent, Collection<ScanJob> running, Collection<ScanJob> queued) {
    List<Metric> metrics = new ArrayList<>();
    ScanJob last = recent.stream().filter(j -> j.state == ScanJob.State.COMPLETED).findFirst().orElse(null);
    long failed = recent.stream().filter(j -> j.state == ScanJob.State.FAILED).count();
    String threshold = "good at or above " + fmt(score.warning()) + " %, critical below " + fmt(score.critical()) + " %";
    if (last != null) {
      double value = last.report.getDouble("scorePercent", 0.0);
      metrics.add(Metric.of("Last score", value, "%", score.evaluate(value))
          .withHint(last.report.getString("file") + ": valid rows / rows; " + threshold));
      long gaps = last.report.getJsonObject("gaps").getLong("count");
      metrics.add(Metric.of("Gaps (last scan)", gaps, null, gaps == 0 ? Status.GOOD : Status.WARNING)
          .withHint("missing intervals (klines) or jumps in trade ids, in " + last.report.getString("file")));
      JsonObject coverage = last.report.getJsonObject("coverage");
      if (coverage != null) {
        double percent = coverage.getDouble("percent");
        metrics.add(Metric.of("Coverage (last scan)", percent, "%", percent >= 100 ? Status.GOOD : Status.WARNING)
            .withHint("rows present / rows a full period holds"));
      }
    } else {
      metrics.add(Metric.of("Last score", "—", null, Status.NEUTRAL).withHint("no completed scan yet; " + threshold));
    }
    double lowest = recent.stream().filter(j -> j.state == ScanJob.State.COMPLETED)
        .mapToDouble(j -> j.report.getDouble("scorePercent", 0.0)).min().orElse(Double.NaN);
    if (!Double.isNaN(lowest)) {
      metrics.add(Metric.of("Lowest recent score", lowest, "%", score.evaluate(lowest)));
    }
    metrics.add(Metric.of("Failed scans", failed, null, failed == 0 ? Status.GOOD : Status.CRITICAL)
        .withHint("archives that are broken: not a ZIP, truncated, CRC mismatch, zip bomb..."));
    metrics.add(Metric.of("Recent scans", recent.size(), null, Status.NEUTRAL));
    metrics.add(Metric.of("Running / queued", running.size() + " / " + queued.size(), null, Status.NEUTRAL));

    JsonArray reports = new JsonArray();
    recent.stream().limit(DETAIL_REPORTS).forEach(j -> reports.add(j.summary()));
    JsonArray active = new JsonArray();
    running.forEach(j -> active.add(j.summary()));
    queued.forEach(j -> active.add(j.summary()));
    JsonObject details = new JsonObject().put("recent", reports).put("active", active)
        .put("threshold", new JsonObject().put("warning", score.warning()).put("critical", score.critical()));
    return new SectionUpdate(SECTION, "Data quality", List.copyOf(metrics), details);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
