package dev.vigie.store;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What the uptime windows of every monitor add up to over history already rolled up, kept in memory between
 * questions so that a question reads only what came since: the part of each window before today (UTC), read again
 * when the window's start or the day changes, and today's part up to the minute mark, extended as the mark moves.
 * Everything is read again when the {@link Rollups.Marks#revision history revision} changes (late results rolled up
 * again, rollups deleted by retention, in this Vigie or another one sharing the database). Used from one event loop.
 */
final class SettledHistory {
  /** The sums per monitor of what was rolled up in {@code [from, to)}. */
  interface Loader {
    Future<Map<String, PackedAggregate>> load(long from, long to);
  }

  /** Runs merging work off the event loop. */
  interface Worker {
    <T> Future<T> run(Callable<T> task);
  }

  /** Today's settled part: the sums per monitor of {@code [day, upTo)}. */
  record Today(long upTo, Map<String, PackedAggregate> sums) {
  }

  private record Key(long from, long to, long revision) {
  }

  private record Part<T>(Key key, Future<T> sums) {
  }

  private final Loader loader;
  private final Worker worker;
  private final Map<String, Part<Map<String, PackedAggregate>>> before = new HashMap<>();
  private Part<Today> today;

  SettledHistory(Loader loader, Worker worker) {
    this.loader = loader;
    this.worker = worker;
  }

  /** The sums per monitor of {@code [from, to)}, all of it rolled up, under the name of the window it belongs to. */
  Future<Map<String, PackedAggregate>> before(String window, long from, long to, long revision) {
    Key key = new Key(from, to, revision);
    Part<Map<String, PackedAggregate>> part = before.get(window);
    if (part == null || !part.key().equals(key)) {
      Part<Map<String, PackedAggregate>> loading = new Part<>(key, loader.load(from, to));
      before.put(window, loading);
      loading.sums().onFailure(e -> before.remove(window, loading));
      part = loading;
    }
    return part.sums();
  }

  /**
   * Today's part from {@code day} up to {@code settled} (the minute mark) or further: another question may have
   * extended it already. The caller reads what came after {@link Today#upTo}.
   */
  Future<Today> today(long day, long settled, long revision) {
    Key key = new Key(day, day, revision);
    Future<Today> next;
    if (today == null || !today.key().equals(key)) {
      next = loader.load(day, settled).map(sums -> new Today(settled, sums));
    } else {
      next = today.sums().compose(t -> t.upTo() >= settled ? Future.succeededFuture(t)
          : loader.load(t.upTo(), settled).compose(more -> worker.run(() -> new Today(settled, merge(t.sums(), more)))));
    }
    Part<Today> part = new Part<>(key, next);
    today = part;
    next.onFailure(e -> {
      if (today == part) {
        today = null;
      }
    });
    return next;
  }

  private static Map<String, PackedAggregate> merge(Map<String, PackedAggregate> sums, Map<String, PackedAggregate> more) {
    Map<String, PackedAggregate> merged = new HashMap<>(sums);
    try (HistogramReader reader = new HistogramReader()) {
      more.forEach((monitor, added) -> merged.merge(monitor, added, (a, b) -> {
        ResultAggregate sum = new ResultAggregate();
        sum.add(a, reader);
        sum.add(b, reader);
        return sum.pack();
      }));
    }
    return merged;
  }
}
