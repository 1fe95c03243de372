package dev.vigie.download;

import dev.vigie.meters.AreaMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The download area's meters, moved by the verticle on its event loop. */
final class DownloadMeters implements AutoCloseable {
  private final AreaMeters meters = new AreaMeters();
  /** What the gauges read: scrapes run on other threads, so they never touch the queue itself. */
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger queued = new AtomicInteger();
  private final Counter completed;
  private final Counter bytes;
  private final Counter corrupted;
  private final Map<String, Counter> failed = new HashMap<>();

  DownloadMeters() {
    completed = meters.counter("vigie.download.completed", "archives downloaded and verified");
    bytes = meters.counter("vigie.download.bytes", "archive bytes received", "bytes");
    corrupted = meters.counter("vigie.download.corrupted", "archives whose SHA-256 did not match their CHECKSUM");
    meters.gauge("vigie.download.active", "transfers running", active, AtomicInteger::get);
    meters.gauge("vigie.download.queued", "archives waiting for a transfer", queued, AtomicInteger::get);
  }

  /** Takes the queue's current sizes for the gauges. */
  void sizes(DownloadQueue jobs) {
    active.set(jobs.active().size());
    queued.set(jobs.queued().size());
  }

  void received(long count) {
    bytes.increment(count);
  }

  void completed() {
    completed.increment();
  }

  void corrupted() {
    corrupted.increment();
  }

  void failed(String code) {
    failed.computeIfAbsent(code, c -> meters.counter("vigie.download.failed",
        "downloads that ended in an error, by error code", Tags.of("error", c))).increment();
  }

  @Override
  public void close() {
    meters.close();
  }
}
