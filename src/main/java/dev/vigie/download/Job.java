package dev.vigie.download;

import dev.vigie.vision.ArchiveSpec;

import io.vertx.core.json.JsonObject;

/**
 * One archive to download, and what the monitor and {@code GET /api/downloads} show of it. Only {@link DownloadQueue}
 * writes it.
 */
final class Job {
  enum State { QUEUED, ACTIVE, DONE, FAILED }

  /** Increases with every job queued: pages of {@code GET /api/downloads} run from the newest down. */
  final long seq;
  final String id;
  final String key;
  final ArchiveSpec spec;
  final boolean force;
  /**
   * Restored after a restart, taken over from a departed member, or queued in a cluster: the cache (this node's or
   * another member's) may hold it by the time it starts, so it asks before downloading.
   */
  final boolean checkCacheFirst;
  State state = State.QUEUED;
  final long queuedAt;
  long startedAt;
  long finishedAt;
  long bytes;
  long total = -1;
  double bytesPerSecond;
  int attempts;
  int corrupted;
  boolean resumed;
  String error;
  String message;
  String path;
  String sha256;
  /** Why the transfer waits, or null while it does not. */
  String waiting;
  /** What it waits for: {@code source} (its breaker is open) or {@code cluster} (the fence, a quorum lost). */
  String waitingFor;

  Job(long seq, String key, ArchiveSpec spec, boolean force, boolean checkCacheFirst, long now) {
    this.seq = seq;
    this.id = "d" + seq;
    this.key = key;
    this.spec = spec;
    this.force = force;
    this.checkCacheFirst = checkCacheFirst;
    this.queuedAt = now;
  }

  /** From start to finish; meaningful once finished. */
  long durationMs() {
    return finishedAt - startedAt;
  }

  long etaSeconds() {
    return total > 0 && bytesPerSecond > 0 ? (long) Math.ceil((total - bytes) / bytesPerSecond) : -1;
  }

  JsonObject progress() {
    return new JsonObject().put("id", id).put("key", key).put("bytes", bytes).put("total", total)
        .put("bytesPerSecond", Math.round(bytesPerSecond)).put("etaSeconds", etaSeconds());
  }

  /** What {@code DownloadBus.DONE} says of a completed job. */
  JsonObject doneEvent() {
    return new JsonObject().put("id", id).put("key", key).put("path", path).put("bytes", bytes).put("sha256", sha256)
        .put("durationMs", durationMs()).put("resumed", resumed);
  }

  /** What {@code DownloadBus.FAILED} says of a failed job. */
  JsonObject failedEvent() {
    return new JsonObject().put("id", id).put("key", key).put("error", error).put("message", message)
        .put("attempts", attempts);
  }

  JsonObject toJson() {
    // An active job whose source is down says so: it is waiting, not failing and not transferring.
    String shown = waiting != null ? "waiting" : state.name().toLowerCase(java.util.Locale.ROOT);
    JsonObject json = progress().put("state", shown)
        .put("attempts", attempts).put("resumed", resumed).put("queuedAt", queuedAt);
    if (startedAt > 0) {
      json.put("startedAt", startedAt);
    }
    if (finishedAt > 0) {
      json.put("finishedAt", finishedAt).put("durationMs", durationMs());
    }
    if (waiting != null) {
      json.put("waitingFor", waitingFor).put("reason", waiting);
    }
    if (corrupted > 0) {
      json.put("corrupted", corrupted);
    }
    if (error != null) {
      json.put("error", error).put("message", message);
    }
    if (path != null) {
      json.put("path", path).put("sha256", sha256);
    }
    return json;
  }
}
