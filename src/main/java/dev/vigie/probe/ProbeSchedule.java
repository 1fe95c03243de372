package dev.vigie.probe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * When each monitor is checked next. Each has a stable phase within its interval (a hash of its name), so ten
 * thousand endpoints at one interval are spread evenly over it instead of all firing together.
 *
 * <p>Nothing is due before {@link #start}: the verticle starts the schedule once every area of Vigie is up, so no
 * check is scheduled (and found late) while the process is still starting. Monitors loaded together (those waiting
 * at start, the store's list) have their first round spread over {@code count / probe.startRatePerSecond} seconds, at
 * most one interval, and <em>ramped</em> ({@link #firstCheck}): over its first {@code probe.startRampMs} the rate of
 * first checks rises evenly from nothing, then stays flat, so a cold process (JIT, connections, caches) warms up on a
 * few checks before it has to keep up with many. The next check is one interval after the monitor's phase point ({@code now + phase + interval}, always after the
 * first round), and every interval after it (so no monitor is checked twice in its first interval, and from the
 * second interval on the checks are as even as the phases).
 * A check that could not run before its next one was due is skipped, not piled up. Plain logic, no timers: the
 * verticle asks {@link #due} from one timer armed at {@link #nextDueMs}.
 */
final class ProbeSchedule<T> {
  /** One scheduled check: {@code scheduledMs} is when it should have started (its lateness is measured from it). */
  record Due<T>(T target, long scheduledMs) {
  }

  private record Waiting<T>(T target, long intervalMs) {
  }

  private static final class Slot<T> {
    final T target;
    final long anchorMs;
    final long intervalMs;
    long dueMs;
    boolean cancelled;

    Slot(T target, long anchorMs, long intervalMs, long dueMs) {
      this.target = target;
      this.anchorMs = anchorMs;
      this.intervalMs = intervalMs;
      this.dueMs = dueMs;
    }
  }

  private final long startRatePerSecond;
  private final long rampMs;
  private final PriorityQueue<Slot<T>> queue = new PriorityQueue<>((a, b) -> Long.compare(a.dueMs, b.dueMs));
  private final Map<String, Slot<T>> byKey = new HashMap<>();
  /** Monitors added before {@link #start}, in the order they came. */
  private final Map<String, Waiting<T>> waiting = new LinkedHashMap<>();
  private boolean started;
  private long skipped;

  /**
   * @param startRatePerSecond the mean rate of a first round ({@code probe.startRatePerSecond})
   * @param rampMs how long the rate of a first round takes to rise from nothing ({@code probe.startRampMs})
   */
  ProbeSchedule(long startRatePerSecond, long rampMs) {
    this.startRatePerSecond = startRatePerSecond;
    this.rampMs = rampMs;
  }

  /** A stable offset within the interval for this name (the same on every node and every start). */
  static long phase(String name, long intervalMs) {
    int h = name.hashCode() * 0x9E3779B9;
    return Math.floorMod(h ^ (h >>> 16), intervalMs);
  }

  /**
   * The first check of a monitor loaded with others over {@code spreadMs} (0: alone, checked at once). The round takes
   * {@code W = min(spreadMs, intervalMs)}; its rate rises linearly from nothing over {@code R = min(rampMs, W)}, then
   * stays flat (at {@code W / (W - R/2)} times the mean, at most twice). The phases being even, a monitor whose phase is
   * the fraction {@code u} of its interval is first checked where that share of the round is done: at
   * {@code √(2R(W - R/2)u)} in the ramp, {@code R/2 + u(W - R/2)} after it. The result is before {@code now + W}, so
   * before the monitor's second phase point ({@code now + phase + interval}).
   */
  static long firstCheck(String key, long intervalMs, long nowMs, long spreadMs, long rampMs) {
    double round = Math.min(spreadMs, intervalMs);
    double ramp = Math.min(rampMs, round);
    double share = (double) phase(key, intervalMs) / intervalMs;
    double flat = round - ramp / 2;
    double at = share * flat < ramp / 2 ? Math.sqrt(2 * ramp * flat * share) : ramp / 2 + share * flat;
    return nowMs + (long) at;
  }

  /** How long {@code count} monitors loaded together take to have their first check at the start rate. */
  long spreadOf(int count) {
    return count * 1000L / startRatePerSecond;
  }

  boolean started() {
    return started;
  }

  /**
   * Starts the clock at {@code nowMs}: every monitor added so far has its first round ramped over
   * {@link #spreadOf}(their count). Once only; later calls change nothing.
   */
  void start(long nowMs) {
    if (started) {
      return;
    }
    started = true;
    long spreadMs = spreadOf(waiting.size());
    waiting.forEach((key, w) -> place(key, w.target(), w.intervalMs(), nowMs, spreadMs));
    waiting.clear();
  }

  /**
   * Schedules {@code target} under {@code key} (replacing what was there): one of {@code spreadMs / rate} monitors
   * loaded together ({@link #firstCheck}), or alone when {@code spreadMs} is 0. Before {@link #start} it waits.
   */
  void add(String key, T target, long intervalMs, long nowMs, long spreadMs) {
    remove(key);
    if (started) {
      place(key, target, intervalMs, nowMs, spreadMs);
    } else {
      waiting.put(key, new Waiting<>(target, intervalMs));
    }
  }

  /** Its checks land on {@code nowMs + phase + k × interval}, the first one at {@link #firstCheck}. */
  private void place(String key, T target, long intervalMs, long nowMs, long spreadMs) {
    Slot<T> slot = new Slot<>(target, nowMs + phase(key, intervalMs), intervalMs,
        firstCheck(key, intervalMs, nowMs, spreadMs, rampMs));
    byKey.put(key, slot);
    queue.add(slot);
  }

  void remove(String key) {
    waiting.remove(key);
    Slot<T> slot = byKey.remove(key);
    if (slot != null) {
      slot.cancelled = true;
    }
  }

  int size() {
    return byKey.size() + waiting.size();
  }

  /** Checks skipped because they could not start before the next one of the same monitor was due. */
  long skipped() {
    return skipped;
  }

  /** When the earliest check is due, or {@code Long.MAX_VALUE} when none is scheduled (or not started). */
  long nextDueMs() {
    while (!queue.isEmpty() && queue.peek().cancelled) {
      queue.poll();
    }
    return queue.isEmpty() ? Long.MAX_VALUE : queue.peek().dueMs;
  }

  /** The checks due by {@code nowMs}, each rescheduled on its next phase point after now. */
  List<Due<T>> due(long nowMs) {
    List<Due<T>> due = new ArrayList<>();
    while (nextDueMs() <= nowMs) {
      Slot<T> slot = queue.poll();
      due.add(new Due<>(slot.target, slot.dueMs));
      // After a first check before the phase point, the next is one interval past that point; after one on or past
      // it (a ramped first round, or any later check), the next phase point: never two checks in one interval.
      long next = slot.dueMs < slot.anchorMs ? slot.anchorMs + slot.intervalMs
          : slot.anchorMs + ((slot.dueMs - slot.anchorMs) / slot.intervalMs + 1) * slot.intervalMs;
      if (next <= nowMs) {
        long missed = (nowMs - next) / slot.intervalMs + 1;
        skipped += missed;
        next += missed * slot.intervalMs;
      }
      slot.dueMs = next;
      queue.add(slot);
    }
    return due;
  }
}
