package dev.vigie.download;

import dev.vigie.vision.ArchiveSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The download jobs and what became of them: the FIFO queue (at most {@code maxQueued} pending, running ones included), the transfers
 * running (at most {@code maxConcurrent}), one pending job per archive key, the last finished ones, and the counts
 * per outcome. Writes every job: transfers report through it. Plain state, owned by the verticle and only touched on
 * its event loop.
 */
final class DownloadQueue {
  /** What {@link #enqueue} did: {@code added} is false when the archive was already queued or running. */
  record Enqueued(Job job, boolean added) {
  }

  private final int maxConcurrent;
  private final int maxQueued;
  private final int recentSize;
  private final LongSupplier clock;

  private final Deque<Job> queued = new ArrayDeque<>();
  private final Map<String, Job> active = new LinkedHashMap<>();
  private final Map<String, Job> pendingByKey = new HashMap<>();
  private final Deque<Job> recent = new ArrayDeque<>();
  private long nextId;
  private long completed;
  private long failed;
  private long missing;
  private long corrupted;
  /** The last storage failure, cleared by the next completed download; null while the data directory is fine. */
  private String storageError;

  /**
   * @param clock epoch milliseconds, for the jobs' timestamps
   */
  DownloadQueue(int maxConcurrent, int maxQueued, int recentSize, LongSupplier clock) {
    this.maxConcurrent = maxConcurrent;
    this.maxQueued = maxQueued;
    this.recentSize = recentSize;
    this.clock = clock;
  }

  /** Queues {@code spec} unless a job for its key is already queued or running, which is then answered instead. */
  Enqueued enqueue(ArchiveSpec spec, boolean force, boolean checkCacheFirst) {
    Job existing = pendingByKey.get(spec.key());
    if (existing != null) {
      return new Enqueued(existing, false);
    }
    Job job = new Job(++nextId, spec.key(), spec, force, checkCacheFirst, clock.getAsLong());
    queued.add(job);
    pendingByKey.put(job.key, job);
    return new Enqueued(job, true);
  }

  /** True when {@code spec}'s archive is already queued or running (asking for it again adds nothing). */
  boolean pending(ArchiveSpec spec) {
    return pendingByKey.containsKey(spec.key());
  }

  /** How many more jobs may be taken before the queue is full: {@code download.maxQueued} pending (queued or running). */
  int room() {
    return Math.max(0, maxQueued - pendingByKey.size());
  }

  /** Takes jobs off the front of the queue while fewer than {@code maxConcurrent} run; the caller starts them. */
  List<Job> next() {
    List<Job> started = new ArrayList<>();
    while (active.size() < maxConcurrent && !queued.isEmpty()) {
      Job job = queued.poll();
      job.state = Job.State.ACTIVE;
      job.startedAt = clock.getAsLong();
      active.put(job.id, job);
      started.add(job);
    }
    return started;
  }

  /** {@code job}'s transfer waits for the source ({@code why}), or no longer does ({@code null}). */
  /** The job waits for {@code on} ({@code source} or {@code cluster}) because of {@code why}; null: no longer. */
  void waiting(Job job, String on, String why) {
    job.waiting = why;
    job.waitingFor = why == null ? null : on;
  }

  /** The running jobs that wait for the source's breaker. */
  long waitingForSource() {
    return active.values().stream().filter(job -> "source".equals(job.waitingFor)).count();
  }

  /**
   * One page of every job known (running, queued and recently finished), newest first: at most {@code limit} jobs
   * queued before job number {@code before} (exclusive; {@code Long.MAX_VALUE} for the first page). Stable while
   * jobs come and go: a new job never shifts the pages after the first.
   */
  List<Job> page(long before, int limit) {
    List<Job> all = new ArrayList<>(active.size() + queued.size() + recent.size());
    all.addAll(active.values());
    all.addAll(queued);
    all.addAll(recent);
    return all.stream().filter(job -> job.seq < before)
        .sorted(Comparator.comparingLong((Job job) -> job.seq).reversed()).limit(limit).toList();
  }

  void attempt(Job job, int number) {
    job.attempts = number;
  }

  void progress(Job job, TransferProgress now) {
    job.bytes = now.bytes();
    job.total = now.total();
    job.bytesPerSecond = now.bytesPerSecond();
    job.resumed = now.resumed();
  }

  /** The {@code times}-th download of {@code job}'s archive did not match its CHECKSUM. */
  void corrupted(Job job, int times) {
    job.corrupted = times;
    corrupted++;
  }

  /** Ends a running job with its transfer's outcome, counts it, and keeps it among the recent ones. */
  void finish(Job job, TransferOutcome outcome) {
    active.remove(job.id);
    job.waiting = null;
    pendingByKey.remove(job.key);
    job.finishedAt = clock.getAsLong();
    if (outcome instanceof TransferOutcome.Completed done) {
      job.state = Job.State.DONE;
      job.path = done.path();
      job.sha256 = done.sha256();
      job.bytes = done.bytes();
      completed++;
      storageError = null;
    } else if (outcome instanceof TransferOutcome.Failed failure) {
      DownloadFailure cause = failure.cause();
      job.state = Job.State.FAILED;
      job.error = cause.code();
      job.message = cause.getMessage();
      if (cause.code().equals(DownloadFailure.MISSING)) {
        missing++;
      } else {
        failed++;
      }
      if (cause.code().equals(DownloadFailure.IO_ERROR)) {
        storageError = cause.getMessage();
      }
    }
    recent.addFirst(job);
    while (recent.size() > recentSize) {
      recent.removeLast();
    }
  }

  /** Waiting for a transfer, oldest first. */
  Collection<Job> queued() {
    return Collections.unmodifiableCollection(queued);
  }

  /** Running, in the order they started. */
  Collection<Job> active() {
    return Collections.unmodifiableCollection(active.values());
  }

  /** Finished, newest first, at most {@code recentSize}. */
  Collection<Job> recent() {
    return Collections.unmodifiableCollection(recent);
  }

  /** What the journal keeps: the running jobs, then the queued ones. */
  List<Job> pending() {
    List<Job> pending = new ArrayList<>(active.values());
    pending.addAll(queued);
    return pending;
  }

  long completed() {
    return completed;
  }

  /** Failed downloads, archives missing at the source apart. */
  long failed() {
    return failed;
  }

  long missing() {
    return missing;
  }

  long corrupted() {
    return corrupted;
  }

  String storageError() {
    return storageError;
  }
}
