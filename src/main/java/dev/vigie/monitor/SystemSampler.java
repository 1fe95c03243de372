package dev.vigie.monitor;

import dev.vigie.bus.Thresholds;

import dev.vigie.bus.Metric;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.util.List;

/**
 * Reads the "system" section: heap, process CPU, event-loop lag, uptime and websocket clients. Event-loop lag is
 * the drift of a periodic timer on the monitor's own event loop: a busy or blocked loop fires it late.
 */
final class SystemSampler {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
  private final long startedAt = ManagementFactory.getRuntimeMXBean().getStartTime();
  private final Thresholds thresholds;
  private long worstLagNanos;

  SystemSampler(Thresholds thresholds) {
    this.thresholds = thresholds;
  }

  /** Records one tick's drift: how much later than scheduled the timer fired. */
  void recordLag(long lateNanos) {
    worstLagNanos = Math.max(worstLagNanos, Math.max(0, lateNanos));
  }

  /** The section for the interval since the last sample; resets the worst lag seen. */
  SectionUpdate sample(int clients) {
    MemoryUsage heap = memory.getHeapMemoryUsage();
    double heapMb = heap.getUsed() / 1048576.0;
    long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
    double heapPercent = 100.0 * heap.getUsed() / max;
    double cpu = processCpu();
    double lagMs = worstLagNanos / 1_000_000.0;
    worstLagNanos = 0;
    long uptimeS = (System.currentTimeMillis() - startedAt) / 1000;
    List<Metric> metrics = List.of(
        Metric.of("Heap used", round(heapMb), "MB", thresholds.evaluate("heapUsedPercent", heapPercent))
            .withHint(String.format("%.0f %% of the %.0f MB maximum heap", heapPercent, max / 1048576.0)),
        Metric.of("Process CPU", cpu < 0 ? "n/a" : round(cpu), "%", Status.NEUTRAL)
            .withHint("share of all cores used by this process over the last sample"),
        Metric.of("Event-loop lag", round(lagMs), "ms", thresholds.evaluate("eventLoopLagMs", lagMs))
            .withHint("worst delay of a periodic timer on the monitor's event loop since the last sample"),
        Metric.of("Uptime", uptimeS, "s", Status.NEUTRAL).withHint("time since the process started"),
        Metric.of("Websocket clients", clients, null, Status.NEUTRAL).withHint("browsers and tools connected to /ws"));
    return new SectionUpdate("system", "System", metrics, null);
  }

  private double processCpu() {
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      double load = sun.getProcessCpuLoad();
      return load < 0 ? -1 : load * 100.0;
    }
    return -1;
  }

  private static double round(double v) {
    return Math.round(v * 10.0) / 10.0;
  }
}
