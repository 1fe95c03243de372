package dev.vigie.quality;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Finished scans, the oldest dropped past a bound, findable by id or (latest) by key. */
final class RecentReports {
  private final int capacity;
  private final LinkedHashMap<String, ScanJob> byId = new LinkedHashMap<>();
  private final Map<String, ScanJob> latestByKey = new HashMap<>();

  RecentReports(int capacity) {
    this.capacity = capacity;
  }

  void add(ScanJob job) {
    byId.put(job.id, job);
    if (job.key != null) {
      latestByKey.put(job.key, job);
    }
    Iterator<ScanJob> oldest = byId.values().iterator();
    while (byId.size() > capacity) {
      ScanJob dropped = oldest.next();
      oldest.remove();
      if (dropped.key != null && latestByKey.get(dropped.key) == dropped) {
        latestByKey.remove(dropped.key);
      }
    }
  }

  ScanJob byId(String id) {
    return byId.get(id);
  }

  ScanJob latest(String key) {
    return latestByKey.get(key);
  }

  /** Newest first. */
  List<ScanJob> newestFirst() {
    List<ScanJob> list = new ArrayList<>(byId.values());
    java.util.Collections.reverse(list);
    return list;
  }
}
