package dev.vigie.cache;

import static net.logstash.logback.argument.StructuredArguments.entries;

import dev.vigie.bus.MembershipView;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's index of held archives, this node's part of it ({@code --cluster} only): each member writes what its
 * cache holds into its own cluster-wide map, {@code vigie.cache.held.<nodeId>} (archive key to {@code {bytes,
 * sha256}}), so no two members ever write the same entry. The map is filled from the index once the node knows its
 * id, then follows every change of the index; a restarted member (a new node id) announces its archives again. A
 * member that leaves, dead or alive, has its map cleared by the survivors, and only the current members' maps are
 * read, so a departed member is never named as a holder.
 */
final class HeldArchives {
  static final String MAP_PREFIX = "vigie.cache.held.";
  private static final Logger LOG = LoggerFactory.getLogger("cache");
  /** Writes to this node's map in flight at once (the announcement of a whole index goes through them too). */
  private static final int WRITES_AT_ONCE = 32;
  /** How long a lookup waits for the other members' maps before it answers a miss. */
  private static final long WHERE_TIMEOUT_MS = 2000;

  private final Vertx vertx;
  private final ArchiveIndex index;
  private final Map<String, Future<AsyncMap<String, String>>> maps = new HashMap<>();
  private final MembershipView view;
  private AsyncMap<String, String> own;
  /** Keys whose entry in this node's map may differ from the index, bounded by the keys the index held. */
  private final Set<String> dirty = new LinkedHashSet<>();
  private final Set<String> writing = new HashSet<>();

  HeldArchives(Vertx vertx, ArchiveIndex index) {
    this.vertx = vertx;
    this.index = index;
    this.view = MembershipView.follow(vertx, this::membershipChanged);
  }

  /** Another member holding {@code key}: {@code {node, bytes, sha256}}, or null when none does (or none answers). */
  Future<JsonObject> elsewhere(String key) {
    if (!view.known()) {
      // Just started: the members are not known yet, and a miss now would have the archive fetched again.
      return view.whenKnown().timeout(WHERE_TIMEOUT_MS, TimeUnit.MILLISECONDS).transform(known ->
          known.succeeded() ? elsewhere(key) : Future.succeededFuture());
    }
    List<String> others = view.members().stream().filter(id -> !id.equals(view.self())).sorted().toList();
    List<Future<JsonObject>> asked = new ArrayList<>();
    for (String node : others) {
      asked.add(mapOf(node).compose(map -> map.get(key))
          .map(value -> value == null ? null : new JsonObject(value).put("node", node)));
    }
    return Future.join(asked).timeout(WHERE_TIMEOUT_MS, TimeUnit.MILLISECONDS).transform(done -> {
      for (Future<JsonObject> answer : asked) {
        if (answer.succeeded() && answer.result() != null) {
          return Future.succeededFuture(answer.result());
        }
      }
      return Future.succeededFuture();
    });
  }

  /** This node's id in the cluster, or null until known. */
  String self() {
    return view.self();
  }

  /** The index changed for {@code key}: this node's map is brought to what the index holds now. */
  void changed(String key) {
    if (own == null) {
      return; // The announcement, once the map is open, reads the index as it is then.
    }
    dirty.add(key);
    drain();
  }

  void close() {
    view.close();
  }

  private void membershipChanged(MembershipView.Change change) {
    if (own == null && !maps.containsKey(change.self())) {
      mapOf(change.self()).onSuccess(map -> {
        own = map;
        index.entries().forEach(entry -> dirty.add(entry.key()));
        if (!dirty.isEmpty()) {
          LOG.info("cache_held_announced", entries(Map.of("archives", dirty.size())));
        }
        drain();
      });
    }
    for (String gone : change.departed()) {
      // Every survivor clears it: the first clear counts, the others find it empty.
      Future<AsyncMap<String, String>> map = mapOf(gone);
      maps.remove(gone);
      map.compose(AsyncMap::clear).onFailure(e -> LOG.warn("cache_held_clear_failed", entries(Map.of("node", gone,
          "reason", String.valueOf(e.getMessage())))));
    }
  }

  /**
   * Writes the keys marked dirty, {@link #WRITES_AT_ONCE} at a time and never one key twice at once, each as the index
   * holds it when its write starts: the map's operations run on worker threads in no set order, so two writes of one
   * key in flight could land the older last.
   */
  private void drain() {
    List<String> starting = new ArrayList<>();
    Iterator<String> keys = dirty.iterator();
    while (writing.size() + starting.size() < WRITES_AT_ONCE && keys.hasNext()) {
      String key = keys.next();
      if (!writing.contains(key)) {
        keys.remove();
        starting.add(key);
      }
    }
    writing.addAll(starting);
    for (String key : starting) {
      ArchiveEntry entry = index.peek(key);
      (entry == null ? own.remove(key).<Void>mapEmpty() : own.put(key, value(entry))).onComplete(done -> {
        if (done.failed()) {
          LOG.warn("cache_held_update_failed", entries(Map.of("key", key, "reason", String.valueOf(done.cause().getMessage()))));
        }
        writing.remove(key);
        drain();
      });
    }
  }

  private Future<AsyncMap<String, String>> mapOf(String node) {
    return maps.computeIfAbsent(node, id -> vertx.sharedData().getClusterWideMap(MAP_PREFIX + id));
  }

  private static String value(ArchiveEntry entry) {
    return new JsonObject().put("bytes", entry.bytes()).put("sha256", entry.sha256()).encode();
  }
}
