package dev.vigie.probe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * When each monitor is checked next. Each has a stable phase within its interval (a hash of its name), so ten
 * thousand endpoints at one interval are spread evenly over it instead of all firing together. Monitors loaded
 * together (at start, from the store) have their first check within {@code count / probe.startRatePerSecond} seconds
 * ({@link #firstCheck}: the phases squeezed into that spread, so the first checks come at the start rate, evenly); the
 * next check is one interval after the phase point, and every interval after that (so no monitor is checked twice in
 * its first interval, and from the second interval on the checks are as even as the phases).
 * A check that could not run before its next one was due is skipped, not piled up. Plain logic, no timers: the
 * verticle asks {@link #due} from one timer armed at {@link #nextDueMs}.
 */
final class ProbeSchedule<T> {
  /** One scheduled check: {@code scheduledMs} is when it should have started (its lateness is measured from it). */
  record Due<T>(T target, long scheduledMs) {
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

  private final PriorityQueue<Slot<T>> queue = new PriorityQueue<>((a, b) -> Long.compare(a.dueMs, b.dueMs));
  private final Map<String, Slot<T>> byKey = new HashMap<>();
  private long skipped;

  /** A stable offset within the interval for this name (the same on every node and every start). */
  static long phase(String name, long intervalMs) {
    int h = name.hashCode() * 0x9E3779B9;
    return Math.floorMod(h ^ (h >>> 16), intervalMs);
  }

  /**
   * The first check of a monitor loaded with others over {@code spreadMs} (the count over the start rate): its phase
   * scaled into the spread, or its phase point itself when the interval is shorter than the spread.
   */
  static long firstCheck(String key, long intervalMs, long nowMs, long spreadMs) {
    long phase = phase(key, intervalMs);
    return spreadMs >= intervalMs ? nowMs + phase : nowMs + (long) ((double) phase * spreadMs / intervalMs);
  }

  /**
   * Schedules {@code target} under {@code key} (replacing what was there): its checks land on
   * {@code nowMs + phase + k * interval}, and the first one at {@code firstMs} (at most that phase).
   */
  void add(String key, T target, long intervalMs, long nowMs, long firstMs) {
    remove(key);
    long anchor = nowMs + phase(key, intervalMs);
    Slot<T> slot = new Slot<>(target, anchor, intervalMs, Math.min(firstMs, anchor));
    byKey.put(key, slot);
    queue.add(slot);
  }

  void remove(String key) {
    Slot<T> slot = byKey.remove(key);
    if (slot != null) {
      slot.cancelled = true;
    }
  }

  int size() {
    return byKey.size();
  }

  /** Checks skipped because they could not start before the next one of the same monitor was due. */
  long skipped() {
    return skipped;
  }

  /** When the earliest check is due, or {@code Long.MAX_VALUE} when none is scheduled. */
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
      // After the early first check, the next is one interval past its phase point: never two checks in one interval.
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
