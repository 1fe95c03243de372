package dev.vigie.monitor;

import dev.vigie.bus.Metric;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The "totals" section of a clustered Vigie: the nodes' downloads, archive caches and probes summed over every node
 * whose sections the monitor holds, and the cluster's open alerts. Read from the sections as the areas publish them
 * (the downloads section's Active, Queued, Completed and Failed cards; the cache's {@code details.entries} and
 * {@code details.bytes}; the endpoints' and freshness sources' {@code details.total}): a node that has not published a
 * section adds nothing to its figures.
 */
final class ClusterTotals {
  static final String NAME = "totals";
  /** The sections the totals are read from: a change to any other does not change them. */
  static final List<String> READ = List.of("downloads", "cache", "endpoints", "freshness");
  private static final double MB = 1024.0 * 1024.0;

  private ClusterTotals() {
  }

  /**
   * @param nodes the nodes with sections on the board
   * @param sections the board's sections of each name of {@link #READ}, by node
   * @param openAlerts the cluster's open alerts
   */
  static SectionUpdate of(Collection<String> nodes, Map<String, Map<String, JsonObject>> sections, JsonArray openAlerts) {
    Map<String, JsonObject> downloads = sections.getOrDefault("downloads", Map.of());
    Map<String, JsonObject> cache = sections.getOrDefault("cache", Map.of());
    long active = sumCards(downloads.values(), "Active");
    long queued = sumCards(downloads.values(), "Queued");
    long completed = sumCards(downloads.values(), "Completed");
    long failed = sumCards(downloads.values(), "Failed");
    long entries = sumDetails(cache.values(), "entries");
    long bytes = sumDetails(cache.values(), "bytes");
    long endpoints = sumDetails(sections.getOrDefault("endpoints", Map.of()).values(), "total");
    long sources = sumDetails(sections.getOrDefault("freshness", Map.of()).values(), "total");
    long critical = 0;
    long warning = 0;
    for (Object o : openAlerts) {
      if (o instanceof JsonObject alert) {
        if ("critical".equals(alert.getString("severity"))) {
          critical++;
        } else {
          warning++;
        }
      }
    }
    long alerts = critical + warning;
    List<Metric> metrics = new ArrayList<>();
    metrics.add(Metric.of("Nodes", nodes.size(), null, Status.NEUTRAL).withHint("members whose sections this page shows"));
    metrics.add(Metric.of("Downloads active", active, null, Status.NEUTRAL));
    metrics.add(Metric.of("Downloads queued", queued, null, Status.NEUTRAL));
    metrics.add(Metric.of("Downloads completed", completed, null, Status.NEUTRAL));
    metrics.add(Metric.of("Downloads failed", failed, null, Status.NEUTRAL));
    metrics.add(Metric.of("Cache entries", entries, null, Status.NEUTRAL));
    metrics.add(Metric.of("Cache size", Math.round(bytes / MB * 10) / 10.0, "MB", Status.NEUTRAL));
    metrics.add(Metric.of("Endpoints probed", endpoints, null, Status.NEUTRAL));
    metrics.add(Metric.of("Freshness sources", sources, null, Status.NEUTRAL));
    metrics.add(Metric.of("Open alerts", alerts, null,
        critical > 0 ? Status.CRITICAL : warning > 0 ? Status.WARNING : Status.GOOD));
    JsonObject details = new JsonObject()
        .put("nodes", new JsonArray(List.copyOf(new TreeSet<>(nodes))))
        .put("downloads", new JsonObject().put("active", active).put("queued", queued).put("completed", completed)
            .put("failed", failed))
        .put("cache", new JsonObject().put("entries", entries).put("bytes", bytes))
        .put("probes", new JsonObject().put("endpoints", endpoints).put("freshnessSources", sources))
        .put("alerts", new JsonObject().put("open", alerts).put("critical", critical).put("warning", warning));
    return new SectionUpdate(NAME, "Cluster totals", List.copyOf(metrics), details);
  }

  private static long sumCards(Collection<JsonObject> sections, String label) {
    long sum = 0;
    for (JsonObject section : sections) {
      for (Object o : section.getJsonArray("metrics", new JsonArray())) {
        if (o instanceof JsonObject m && label.equals(m.getString("label")) && m.getValue("value") instanceof Number n) {
          sum += n.longValue();
        }
      }
    }
    return sum;
  }

  private static long sumDetails(Collection<JsonObject> sections, String field) {
    long sum = 0;
    for (JsonObject section : sections) {
      if (section.getValue("details") instanceof JsonObject details && details.getValue(field) instanceof Number n) {
        sum += n.longValue();
      }
    }
    return sum;
  }
}
