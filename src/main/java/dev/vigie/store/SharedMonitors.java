package dev.vigie.store;

import dev.vigie.bus.Failures;
import dev.vigie.bus.MonitorsBus;
import dev.vigie.bus.Refusal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * In a cluster, the monitors added through the API are the same in every member's store. The cluster's copy is the
 * cluster-wide map {@link MonitorsBus#DEFINITIONS} (with the removals in {@value #REMOVALS}, so that a member that
 * missed a removal drops its row); a change is decided against that copy under the cluster-wide lock {@value #LOCK}
 * (two members never both add one name, and a monitor's revision goes up one change at a time, whichever member is
 * asked), written to this store's table, then to the map. Every other store, hearing the change published, makes its
 * row what the map then holds ({@link #mirror}): applying a change twice, or late, or two in another order, ends in
 * the same rows. A store that starts (or comes back) joins: what its table holds and the cluster lacks, or holds in an
 * older revision, goes into the map; then its table takes the map's rows. Steps run one at a time in a store.
 */
final class SharedMonitors {
  static final String REMOVALS = "vigie.monitors.removed";
  static final String LOCK = "vigie.monitors.lock";
  private static final long LOCK_WAIT_MS = 10_000;
  /** How long a removal is remembered: a member down longer than this brings back what was removed meanwhile. */
  static final long REMOVAL_TTL_MS = 7 * StoreSettings.DAY_MS;

  private final Vertx vertx;
  private final MonitorRows rows;
  private Future<?> queue = Future.succeededFuture();

  SharedMonitors(Vertx vertx, MonitorRows rows) {
    this.vertx = vertx;
    this.rows = rows;
  }

  /** Applies a change ({@code {op, id, ...}}, as {@link MonitorRows#save}) for the cluster; replies {@code {monitor?}}. */
  Future<JsonObject> save(JsonObject change, long now) {
    String id = change.getString("id");
    return step(() -> locked(() -> maps().compose(maps -> maps.definitions.get(id)
        .compose(current -> maps.removals.get(id).compose(removal -> {
          JsonObject next = MonitorVersions.next(change, current, removal, now);
          if (MonitorVersions.isRemoval(next)) {
            return rows.delete(id).compose(v -> maps.definitions.remove(id))
                .compose(v -> maps.removals.put(id, next, REMOVAL_TTL_MS)).map(new JsonObject());
          }
          return rows.put(next).compose(v -> maps.definitions.put(id, next)).compose(v -> maps.removals.remove(id))
              .map(new JsonObject().put("monitor", next));
        })))));
  }

  /** Makes this store's row for {@code id} the cluster's: its newest copy, or none. */
  Future<Void> mirror(String id) {
    return step(() -> maps().compose(maps -> maps.definitions.get(id)
        .compose(row -> maps.removals.get(id).compose(removal -> {
          JsonObject newest = MonitorVersions.newest(row, removal);
          return newest == null || MonitorVersions.isRemoval(newest) ? rows.delete(id) : rows.put(newest);
        }))));
  }

  /**
   * Merges this store's rows with the cluster's and takes the result; returns the rows this store added to the
   * cluster's copy (for the other members to apply).
   */
  Future<List<JsonObject>> join() {
    // The table is read before the lock is taken: a database that is down fails the join without holding the cluster.
    return step(() -> rows.all().compose(table -> locked(() -> maps().compose(maps -> maps.definitions.entries()
        .compose(shared -> maps.removals.entries().compose(removed -> {
          Map<String, JsonObject> local = new HashMap<>();
          table.getJsonArray("monitors").forEach(r -> local.put(((JsonObject) r).getString("id"), (JsonObject) r));
          List<JsonObject> seeded = new ArrayList<>();
          local.values().forEach(r -> {
            if (MonitorVersions.newer(r, MonitorVersions.newest(shared.get(r.getString("id")), removed.get(r.getString("id"))))) {
              seeded.add(r);
            }
          });
          Map<String, JsonObject> target = new HashMap<>(shared);
          seeded.forEach(r -> target.put(r.getString("id"), r));
          Future<Void> writes = Future.succeededFuture();
          for (JsonObject r : seeded) {
            String id = r.getString("id");
            writes = writes.compose(v -> maps.definitions.put(id, r)).compose(v -> maps.removals.remove(id)).mapEmpty();
          }
          for (JsonObject r : target.values()) {
            if (!r.equals(local.get(r.getString("id")))) {
              writes = writes.compose(v -> rows.put(r));
            }
          }
          for (String id : local.keySet()) {
            if (!target.containsKey(id)) {
              writes = writes.compose(v -> rows.delete(id));
            }
          }
          return writes.map(seeded);
        }))))));
  }

  /** Runs {@code task} after the previous step of this store, whatever its outcome. */
  private <T> Future<T> step(Supplier<Future<T>> task) {
    Future<T> next = queue.transform(ignored -> {
      try {
        return task.get();
      } catch (Refusal refusal) {
        return Future.failedFuture(refusal);
      }
    });
    queue = next;
    return next;
  }

  /** Runs {@code task} holding the cluster's lock on the monitors; released however it ends. */
  private <T> Future<T> locked(Supplier<Future<T>> task) {
    return vertx.sharedData().getLockWithTimeout(LOCK, LOCK_WAIT_MS)
        .recover(e -> Future.failedFuture(new Refusal(Failures.UNAVAILABLE, "STORE_DOWN",
            "the cluster's monitors could not be locked (" + e.getMessage() + "): try again")))
        .compose(lock -> {
          Future<T> done;
          try {
            done = task.get();
          } catch (Refusal refusal) {
            done = Future.failedFuture(refusal);
          }
          return done.eventually(() -> {
            lock.release();
            return Future.succeededFuture();
          });
        });
  }

  private Future<Maps> maps() {
    return vertx.sharedData().<String, JsonObject>getClusterWideMap(MonitorsBus.DEFINITIONS).compose(definitions ->
        vertx.sharedData().<String, JsonObject>getClusterWideMap(REMOVALS).map(removals -> new Maps(definitions, removals)));
  }

  private record Maps(AsyncMap<String, JsonObject> definitions, AsyncMap<String, JsonObject> removals) {
  }
}
