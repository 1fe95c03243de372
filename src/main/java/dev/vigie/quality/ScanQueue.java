package dev.vigie.quality;

import dev.vigie.bus.Failures;
import dev.vigie.bus.Refusal;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every scan the area knows: waiting in arrival order (at most {@code maxQueued}), running (at most
 * {@code maxConcurrent} at once), and the recently finished ones. One archive file is scanned once at a time: asking
 * again while its scan waits or runs finds that scan ({@link #pending}). The verticle runs what {@link #startable()} hands it and brings each result back through
 * {@link #finish}; nothing here runs a scan.
 */
final class ScanQueue {
  private final int maxConcurrent;
  private final int maxQueued;
  private final Map<String, ScanJob> queued = new LinkedHashMap<>();
  private final Map<String, ScanJob> running = new LinkedHashMap<>();
  private final RecentReports recent;
  private long sequence;

  ScanQueue(int maxConcurrent, int maxQueued, int recentReports) {
    this.maxConcurrent = maxConcurrent;
    this.maxQueued = maxQueued;
    this.recent = new RecentReports(recentReports);
  }

  /** The scan of file {@code path} that waits or runs (and is not being cancelled), or null. */
  ScanJob pending(Path path) {
    Path file = path.toAbsolutePath().normalize();
    for (Map<String, ScanJob> jobs : List.of(queued, running)) {
      for (ScanJob job : jobs.values()) {
        if (!job.cancelled.get() && job.path.toAbsolutePath().normalize().equals(file)) {
          return job;
        }
      }
    }
    return null;
  }

  /**
   * Queues a scan of {@code path}; {@code key} is its cache key, or null for a file named by path. Throws a Refusal
   * (429 {@code QUEUE_FULL}) when {@code maxQueued} scans already wait.
   */
  ScanJob add(String key, Path path, String trigger) {
    if (queued.size() >= maxQueued) {
      throw new Refusal(Failures.TOO_MANY, "QUEUE_FULL", queued.size() + " scans already wait (quality.maxQueued = "
          + maxQueued + "): ask again once some have run");
    }
    ScanJob job = new ScanJob("scan-" + Long.toString(System.currentTimeMillis(), 36) + "-" + (++sequence), key, path, trigger);
    queued.put(job.id, job);
    return job;
  }

  /** The oldest waiting scans that fit under {@code maxConcurrent}, now counted as running. */
  List<ScanJob> startable() {
    List<ScanJob> started = new ArrayList<>();
    while (running.size() < maxConcurrent && !queued.isEmpty()) {
      ScanJob job = queued.values().iterator().next();
      queued.remove(job.id);
      job.state = ScanJob.State.RUNNING;
      running.put(job.id, job);
      started.add(job);
    }
    return started;
  }

  /** Ends a running scan with what its scanner returned; it joins the recent reports. */
  void finish(ScanJob job, JsonObject scanned) {
    running.remove(job.id);
    job.finish(scanned);
    recent.add(job);
  }

  /**
   * Cancels scan {@code id}: a waiting one ends at once (cancelled, among the recent reports), a running one is asked
   * to stop and ends when its scanner sees the flag. Throws a Refusal when the scan is unknown or already ended.
   */
  ScanJob cancel(String id) {
    ScanJob job = id == null ? null : find(id, null);
    if (job == null) {
      throw new Refusal(Failures.NOT_FOUND, "UNKNOWN_SCAN", "no scan known as " + id);
    }
    if (job.finished()) {
      throw new Refusal(Failures.CONFLICT, "ALREADY_FINISHED", "scan " + id + " already ended: " + job.state.wire());
    }
    if (job.state == ScanJob.State.QUEUED) {
      queued.remove(id);
      job.finish(new JsonObject().put("state", "cancelled")
          .put("failure", Failures.body("CANCELLED", "the scan was cancelled before it started")));
      recent.add(job);
    } else {
      job.cancelled.set(true);
    }
    return job;
  }

  /** Asks every running scan to stop. */
  void cancelRunning() {
    running.values().forEach(job -> job.cancelled.set(true));
  }

  /** The scan known as {@code id}, else the latest one of cache key {@code key} (waiting, running, then finished). */
  ScanJob find(String id, String key) {
    if (id != null) {
      ScanJob job = running.get(id);
      if (job == null) {
        job = queued.get(id);
      }
      return job != null ? job : recent.byId(id);
    }
    if (key != null) {
      ScanJob latest = latestOf(queued.values(), key);
      if (latest == null) {
        latest = latestOf(running.values(), key);
      }
      return latest != null ? latest : recent.latest(key);
    }
    return null;
  }

  private static ScanJob latestOf(Collection<ScanJob> jobs, String key) {
    ScanJob latest = null;
    for (ScanJob job : jobs) {
      latest = key.equals(job.key) ? job : latest;
    }
    return latest;
  }

  int maxConcurrent() {
    return maxConcurrent;
  }

  int maxQueued() {
    return maxQueued;
  }

  Collection<ScanJob> queued() {
    return queued.values();
  }

  Collection<ScanJob> running() {
    return running.values();
  }

  List<ScanJob> recentNewestFirst() {
    return recent.newestFirst();
  }
}
