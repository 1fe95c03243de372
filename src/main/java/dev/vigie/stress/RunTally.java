package dev.vigie.stress;

import java.util.List;

/**
 * What a run's generator threads have recorded, copied on each thread's own event loop and added together on the
 * run's: counts are summed and histograms merged (HdrHistogram add), so percentiles always come from the merged
 * histogram, never from an average of per-thread percentiles.
 */
record RunTally(RunCounters counters, LatencyRecorder latency, GeneratorHealth health) {

  static RunTally merge(List<RunTally> tallies, long saturationLagMs) {
    RunTally total = new RunTally(new RunCounters(), new LatencyRecorder(), new GeneratorHealth(saturationLagMs));
    for (RunTally t : tallies) {
      total.counters.add(t.counters);
      total.latency.add(t.latency);
      total.health.add(t.health);
    }
    return total;
  }
}
