package dev.vigie.upstream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The stale-while-revalidate policy for upstream JSON answers, without I/O: it says, for each ask, whether to
 * serve the cached body, whether to start the one upstream request allowed per key, and records what happened.
 * Fresh until {@code freshMs}; served stale while one background request revalidates until {@code staleMs}; past
 * that the caller waits for the network, falling back to the old body if the upstream fails; gone at
 * {@code expireMs}. Single owner (the upstream verticle); time comes from an injectable clock.
 */
public final class UpstreamCache {
  public static final String NETWORK = "network";
  public static final String CACHE = "cache";
  public static final String FALLBACK = "stale_cache_fallback";

  /** The three windows, in milliseconds of age: fresh, served stale, hard expiry. */
  public record Windows(long freshMs, long staleMs, long expireMs) {
  }

  /** The state of a key: fresh, stale (served, revalidating), expired (must wait for the network), absent. */
  public enum State {
    FRESH, STALE, EXPIRED, ABSENT;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** An answer given to a client: the body, where it came from, and its age. */
  public record Answer(Object body, String source, long ageMs) {
  }

  /**
   * What to do for one ask: {@code serve} is the answer to give now (null: wait for the upstream request);
   * {@code fetch} says this ask must start the key's upstream request (false when one is already running).
   */
  public record Plan(State state, Answer serve, boolean fetch) {
  }

  private record Entry(Object body, long fetchedAt, boolean lastRefreshFailed) {
  }

  private final Windows windows;
  private final LongSupplier clock;
  private final Map<String, Entry> entries = new HashMap<>();
  private final Set<String> inFlight = new HashSet<>();
  private long requests;
  private long hits;
  private long misses;
  private long networkRequests;
  private long networkFailures;
  private long fallbacks;
  private String lastSource;
  private long lastAgeMs = -1;

  public UpstreamCache(Windows windows, LongSupplier clock) {
    this.windows = windows;
    this.clock = clock;
  }

  /** Decides how to answer an ask for {@code name} and counts it. */
  public Plan ask(String name) {
    requests++;
    long now = clock.getAsLong();
    Entry entry = current(name, now);
    State state = stateOf(entry, now);
    switch (state) {
      case FRESH -> {
        hits++;
        return new Plan(state, served(new Answer(entry.body(), CACHE, now - entry.fetchedAt())), false);
      }
      case STALE -> {
        hits++;
        String source = entry.lastRefreshFailed() ? FALLBACK : CACHE;
        if (source.equals(FALLBACK)) {
          fallbacks++;
        }
        return new Plan(state, served(new Answer(entry.body(), source, now - entry.fetchedAt())), startFetch(name));
      }
      default -> {
        misses++;
        return new Plan(state, null, startFetch(name));
      }
    }
  }

  /** The upstream answered: stores the body as fresh; returns the answer for those who waited. */
  public Answer completed(String name, Object body) {
    inFlight.remove(name);
    entries.put(name, new Entry(body, clock.getAsLong(), false));
    return served(new Answer(body, NETWORK, 0));
  }

  /**
   * The upstream failed: keeps the old body (marked, so later answers say {@code stale_cache_fallback}) and returns
   * it as the fallback answer for those who waited, or null when there is nothing left to serve.
   */
  public Answer failed(String name) {
    inFlight.remove(name);
    networkFailures++;
    long now = clock.getAsLong();
    Entry entry = current(name, now);
    if (entry == null) {
      return null;
    }
    entries.put(name, new Entry(entry.body(), entry.fetchedAt(), true));
    fallbacks++;
    return served(new Answer(entry.body(), FALLBACK, now - entry.fetchedAt()));
  }

  /** Empties the cache; counters stay (they describe the traffic, not the content). Returns the entries dropped. */
  public int clear() {
    int n = entries.size();
    entries.clear();
    return n;
  }

  public State state(String name) {
    long now = clock.getAsLong();
    return stateOf(current(name, now), now);
  }

  /** Age in milliseconds of the cached body for {@code name}, or -1 when there is none. */
  public long ageMs(String name) {
    long now = clock.getAsLong();
    Entry entry = current(name, now);
    return entry == null ? -1 : now - entry.fetchedAt();
  }

  public boolean revalidating(String name) {
    return inFlight.contains(name);
  }

  public int entries() {
    long now = clock.getAsLong();
    List<String> expired = new ArrayList<>();
    entries.forEach((name, e) -> {
      if (now - e.fetchedAt() >= windows.expireMs()) {
        expired.add(name);
      }
    });
    expired.forEach(entries::remove);
    return entries.size();
  }

  public long requests() {
    return requests;
  }

  public long hits() {
    return hits;
  }

  public long misses() {
    return misses;
  }

  public long networkRequests() {
    return networkRequests;
  }

  public long networkFailures() {
    return networkFailures;
  }

  public long fallbacks() {
    return fallbacks;
  }

  /** Hits over asks, 0..1; NaN before the first ask. */
  public double hitRate() {
    return requests == 0 ? Double.NaN : (double) hits / requests;
  }

  /** {@code network}, {@code cache} or {@code stale_cache_fallback}; null before the first answer. */
  public String lastSource() {
    return lastSource;
  }

  public long lastAgeMs() {
    return lastAgeMs;
  }

  public Windows windows() {
    return windows;
  }

  private Answer served(Answer answer) {
    lastSource = answer.source();
    lastAgeMs = answer.ageMs();
    return answer;
  }

  private boolean startFetch(String name) {
    if (inFlight.add(name)) {
      networkRequests++;
      return true;
    }
    return false;
  }

  private Entry current(String name, long now) {
    Entry entry = entries.get(name);
    if (entry != null && now - entry.fetchedAt() >= windows.expireMs()) {
      entries.remove(name);
      return null;
    }
    return entry;
  }

  private State stateOf(Entry entry, long now) {
    if (entry == null) {
      return State.ABSENT;
    }
    long age = now - entry.fetchedAt();
    if (age < windows.freshMs()) {
      return State.FRESH;
    }
    return age < windows.staleMs() ? State.STALE : State.EXPIRED;
  }
}
