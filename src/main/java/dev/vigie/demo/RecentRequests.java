package dev.vigie.demo;

import java.util.ArrayDeque;
import java.util.List;

/** The mirror's request log: the newest requests up to a bound, the oldest dropped; read from test threads. */
final class RecentRequests {
  private final int capacity;
  private final ArrayDeque<MirrorVerticle.Seen> requests = new ArrayDeque<>();

  RecentRequests(int capacity) {
    this.capacity = capacity;
  }

  synchronized void add(MirrorVerticle.Seen request) {
    if (requests.size() == capacity) {
      requests.removeFirst();
    }
    requests.addLast(request);
  }

  /** Oldest first. */
  synchronized List<MirrorVerticle.Seen> list() {
    return List.copyOf(requests);
  }
}
