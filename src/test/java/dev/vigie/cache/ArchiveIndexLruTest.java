package dev.vigie.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The index's policy without Vert.x: LRU order, limits by bytes and by count, trim, statistics. */
class ArchiveIndexLruTest {
  private final AtomicLong clock = new AtomicLong(1_000);

  private static ArchiveEntry entry(String name, long bytes) {
    return new ArchiveEntry("data/spot/daily/klines/BTCUSDT/1m/" + name + ".zip", bytes, "a".repeat(64), 0, 0);
  }

  private static List<String> names(List<ArchiveEntry> entries) {
    return entries.stream().map(e -> e.key().substring(e.key().lastIndexOf('/') + 1).replace(".zip", "")).toList();
  }

  @Test
  void lookupMakesAnEntryMostRecentlyUsed() {
    ArchiveIndex index = new ArchiveIndex(1_000, 10, clock::get);
    index.put(entry("a", 1));
    index.put(entry("b", 1));
    index.put(entry("c", 1));
    clock.set(5_000);
    assertEquals(5_000, index.lookup(entry("a", 1).key()).lastAccessMs());
    assertEquals(List.of("b", "c", "a"), names(index.entries()));
    index.peek(entry("b", 1).key());
    assertEquals(List.of("b", "c", "a"), names(index.entries()), "peek neither counts nor reorders");
  }

  @Test
  void evictsLeastRecentlyUsedWhenOverTheByteLimit() {
    ArchiveIndex index = new ArchiveIndex(300, 100, clock::get);
    index.put(entry("a", 100));
    index.put(entry("b", 100));
    index.put(entry("c", 100));
    index.lookup(entry("a", 100).key());
    List<ArchiveEntry> evicted = index.put(entry("d", 150));
    assertEquals(List.of("b", "c"), names(evicted));
    assertEquals(List.of("a", "d"), names(index.entries()));
    assertEquals(250, index.totalBytes());
    assertEquals(2, index.stats().evictions());
  }

  @Test
  void evictsLeastRecentlyUsedWhenOverTheEntryLimit() {
    ArchiveIndex index = new ArchiveIndex(1_000_000, 2, clock::get);
    index.put(entry("a", 1));
    index.put(entry("b", 1));
    index.lookup(entry("a", 1).key());
    assertEquals(List.of("b"), names(index.put(entry("c", 1))));
    assertEquals(List.of("a", "c"), names(index.entries()));
  }

  @Test
  void replacingAnEntryAdjustsTheTotalAndNeverEvictsItself() {
    ArchiveIndex index = new ArchiveIndex(100, 10, clock::get);
    index.put(entry("a", 40));
    index.put(entry("b", 40));
    assertEquals(List.of("b"), names(index.put(entry("a", 90))));
    assertEquals(90, index.totalBytes());
    assertEquals(1, index.size());
  }

  @Test
  void trimEvictsDownToTheTarget() {
    ArchiveIndex index = new ArchiveIndex(1_000, 10, clock::get);
    for (String name : List.of("a", "b", "c", "d")) {
      index.put(entry(name, 100));
    }
    index.lookup(entry("a", 100).key());
    assertEquals(List.of("b", "c"), names(index.trimTo(250)));
    assertEquals(200, index.totalBytes());
    assertEquals(List.of("d", "a"), names(index.entries()));
  }

  @Test
  void statisticsCountHitsMissesAndCorruption() {
    ArchiveIndex index = new ArchiveIndex(1_000, 10, clock::get);
    assertTrue(Double.isNaN(index.stats().hitRate()), "no lookups yet is no data, not 0 %");
    index.put(entry("a", 10));
    index.lookup(entry("a", 10).key());
    index.lookup(entry("a", 10).key());
    index.lookup(entry("a", 10).key());
    assertNull(index.lookup(entry("z", 10).key()));
    assertEquals(0.75, index.stats().hitRate());
    index.removeCorrupted(entry("a", 10).key());
    ArchiveStats stats = index.stats();
    assertEquals(1, stats.corruptedRemoved());
    assertEquals(0, stats.entries());
    assertEquals(0, stats.bytes());
  }

  @Test
  void newestModificationFollowsAdditionsAndRemovals() {
    ArchiveIndex index = new ArchiveIndex(1_000, 10, clock::get);
    assertEquals(-1, index.newestModifiedMs());
    index.put(new ArchiveEntry(entry("a", 1).key(), 1, "a".repeat(64), 500, 0));
    index.put(new ArchiveEntry(entry("b", 1).key(), 1, "a".repeat(64), 900, 0));
    assertEquals(900, index.newestModifiedMs());
    index.remove(entry("b", 1).key());
    assertEquals(500, index.newestModifiedMs());
  }
}
