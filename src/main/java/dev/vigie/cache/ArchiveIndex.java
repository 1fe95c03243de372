package dev.vigie.cache;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * The in-memory index of cached archives: key to entry, least recently used first, bounded by total bytes and by
 * entry count. Pure Java and single-owner (the cache verticle), so lookups are a hash probe and two pointer moves,
 * and the policy is testable without Vert.x. Statistics are read as an {@link ArchiveStats} value. The keys are also
 * kept sorted, so what the cache holds can be listed a page at a time.
 */
public final class ArchiveIndex {
  private final Map<String, Node> byKey = new HashMap<>();
  private final NavigableSet<String> keys = new TreeSet<>();
  private final long maxBytes;
  private final long maxEntries;
  private final LongSupplier clock;
  /** Sentinel of the circular recency list: {@code head.next} is the least recently used entry. */
  private final Node head = new Node(null);
  private long totalBytes;
  private long hits;
  private long misses;
  private long evictions;
  private long corruptedRemoved;
  /** Newest file modification time; -1 when unknown and to be recomputed (after its entry left). */
  private long newestModifiedMs = -1;
  private boolean newestKnown = true;

  public ArchiveIndex(long maxBytes, long maxEntries, LongSupplier clock) {
    if (maxBytes <= 0 || maxEntries <= 0) {
      throw new IllegalArgumentException("maxBytes and maxEntries must be positive");
    }
    this.maxBytes = maxBytes;
    this.maxEntries = maxEntries;
    this.clock = clock;
    head.prev = head;
    head.next = head;
  }

  /** A client's existence check: counts a hit or a miss and, on a hit, marks the entry as just used. */
  public ArchiveEntry lookup(String key) {
    Node node = byKey.get(key);
    if (node == null) {
      misses++;
      return null;
    }
    hits++;
    node.entry = node.entry.withLastAccess(clock.getAsLong());
    moveToMostRecent(node);
    return node.entry;
  }

  /** The entry for {@code key} without counting a lookup or changing the order. */
  public ArchiveEntry peek(String key) {
    Node node = byKey.get(key);
    return node == null ? null : node.entry;
  }

  /**
   * Adds or replaces an entry as the most recently used one, then evicts least recently used entries (never this
   * one) while the index is over a limit. Returns the evicted entries, whose files the caller deletes.
   */
  public List<ArchiveEntry> put(ArchiveEntry entry) {
    insert(entry.withLastAccess(clock.getAsLong()));
    return evictOverLimits();
  }

  /**
   * Evicts least recently used entries while the index is over a limit, keeping at least the most recent one (the
   * caller refuses archives larger than the byte limit). Returns them.
   */
  public List<ArchiveEntry> evictOverLimits() {
    List<ArchiveEntry> evicted = new ArrayList<>();
    while ((totalBytes > maxBytes || byKey.size() > maxEntries) && byKey.size() > 1) {
      evicted.add(evict(head.next));
    }
    return evicted;
  }

  /** Puts back an entry read from the persisted index, keeping its last access; entries come least recent first. */
  public void restore(ArchiveEntry entry) {
    insert(entry);
  }

  /** Forgets an entry without counting it as an eviction (its file vanished, or is being replaced). */
  public ArchiveEntry remove(String key) {
    Node node = byKey.remove(key);
    if (node == null) {
      return null;
    }
    keys.remove(key);
    unlink(node);
    forget(node.entry);
    return node.entry;
  }

  /** Forgets an entry whose file failed its SHA-256 check, and counts it. */
  public ArchiveEntry removeCorrupted(String key) {
    ArchiveEntry removed = remove(key);
    if (removed != null) {
      corruptedRemoved++;
    }
    return removed;
  }

  /** Counts a corrupted file found on disk that was never indexed (e.g. a truncated archive). */
  public void countCorrupted(int files) {
    corruptedRemoved += files;
  }

  /** Evicts least recently used entries until the total is at most {@code targetBytes}; returns them. */
  public List<ArchiveEntry> trimTo(long targetBytes) {
    List<ArchiveEntry> evicted = new ArrayList<>();
    while (totalBytes > targetBytes && head.next != head) {
      evicted.add(evict(head.next));
    }
    return evicted;
  }

  /** What {@link #trimTo} would evict, least recently used first; evicts nothing. */
  public List<ArchiveEntry> wouldTrimTo(long targetBytes) {
    List<ArchiveEntry> evicted = new ArrayList<>();
    long remaining = totalBytes;
    for (Node n = head.next; n != head && remaining > targetBytes; n = n.next) {
      evicted.add(n.entry);
      remaining -= n.entry.bytes();
    }
    return evicted;
  }

  /** Every entry, least recently used first. */
  public List<ArchiveEntry> entries() {
    List<ArchiveEntry> list = new ArrayList<>(byKey.size());
    for (Node n = head.next; n != head; n = n.next) {
      list.add(n.entry);
    }
    return list;
  }

  /** Up to {@code limit} entries in key order, starting after {@code after} (null: from the first). */
  public List<ArchiveEntry> held(String after, int limit) {
    List<ArchiveEntry> page = new ArrayList<>(Math.min(limit, byKey.size()));
    for (String key : after == null ? keys : keys.tailSet(after, false)) {
      if (page.size() == limit) {
        break;
      }
      page.add(byKey.get(key).entry);
    }
    return page;
  }

  public int size() {
    return byKey.size();
  }

  public long totalBytes() {
    return totalBytes;
  }

  /** The newest archive's file modification time (epoch ms), or -1 when the index is empty. */
  public long newestModifiedMs() {
    if (!newestKnown) {
      newestModifiedMs = -1;
      for (Node n = head.next; n != head; n = n.next) {
        newestModifiedMs = Math.max(newestModifiedMs, n.entry.modifiedMs());
      }
      newestKnown = true;
    }
    return newestModifiedMs;
  }

  public long maxBytes() {
    return maxBytes;
  }

  public ArchiveStats stats() {
    return new ArchiveStats(byKey.size(), totalBytes, maxBytes, maxEntries, hits, misses, evictions, corruptedRemoved);
  }

  private void insert(ArchiveEntry entry) {
    Node node = byKey.get(entry.key());
    if (node == null) {
      node = new Node(entry);
      byKey.put(entry.key(), node);
      keys.add(entry.key());
      linkLast(node);
    } else {
      forget(node.entry);
      node.entry = entry;
      moveToMostRecent(node);
    }
    totalBytes += entry.bytes();
    if (newestKnown) {
      newestModifiedMs = Math.max(newestModifiedMs, entry.modifiedMs());
    }
  }

  private ArchiveEntry evict(Node node) {
    byKey.remove(node.entry.key());
    keys.remove(node.entry.key());
    unlink(node);
    forget(node.entry);
    evictions++;
    return node.entry;
  }

  private void forget(ArchiveEntry entry) {
    totalBytes -= entry.bytes();
    if (entry.modifiedMs() >= newestModifiedMs) {
      newestKnown = false;
    }
  }

  private void moveToMostRecent(Node node) {
    if (head.prev != node) {
      unlink(node);
      linkLast(node);
    }
  }

  private void linkLast(Node node) {
    node.prev = head.prev;
    node.next = head;
    head.prev.next = node;
    head.prev = node;
  }

  private static void unlink(Node node) {
    node.prev.next = node.next;
    node.next.prev = node.prev;
  }

  private static final class Node {
    ArchiveEntry entry;
    Node prev;
    Node next;

    Node(ArchiveEntry entry) {
      this.entry = entry;
    }
  }
}
