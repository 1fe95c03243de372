package dev.vigie.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Lock;
import java.util.function.Consumer;

/**
 * Holds a named role for the whole cluster, or waits for it: the role is a cluster-wide lock (Vert.x shared data,
 * a Hazelcast map lock underneath), tried for {@code retryMs} at a time until it is taken. Hazelcast releases the
 * locks of a member that leaves, dead or alive, so a waiting member takes the role over. Runs on the context of the
 * verticle that started it; {@code changed} hears each change of {@link #held()}.
 */
public final class RoleHolder {
  private final Vertx vertx;
  private final String role;
  private final long retryMs;
  private final Consumer<Boolean> changed;
  private Lock lock;
  private boolean stopped;
  private long retryTimer = -1;

  public RoleHolder(Vertx vertx, String role, long retryMs, Consumer<Boolean> changed) {
    this.vertx = vertx;
    this.role = role;
    this.retryMs = retryMs;
    this.changed = changed;
  }

  /** The lock's name in the cluster's shared data. */
  static String lockName(String role) {
    return "vigie.cluster.role." + role;
  }

  public String role() {
    return role;
  }

  public boolean held() {
    return lock != null;
  }

  /** Starts trying to take the role. */
  public void start() {
    attempt();
  }

  private void attempt() {
    retryTimer = -1;
    if (stopped) {
      return;
    }
    vertx.sharedData().getLockWithTimeout(lockName(role), retryMs).onComplete(taken -> {
      if (stopped) {
        // Stopped while the attempt was under way: a lock taken now is given back at once.
        if (taken.succeeded()) {
          taken.result().release();
        }
      } else if (taken.succeeded()) {
        lock = taken.result();
        changed.accept(true);
      } else {
        // Not free within retryMs (another member holds it) or the cluster is busy: try again shortly.
        retryTimer = vertx.setTimer(Math.max(1, retryMs / 10), id -> attempt());
      }
    });
  }

  /** Gives the role back (another member takes it over) and stops trying. */
  public void stop() {
    stopped = true;
    if (retryTimer >= 0) {
      vertx.cancelTimer(retryTimer);
    }
    if (lock != null) {
      // Stop acting for the cluster before another member can start.
      Lock given = lock;
      lock = null;
      changed.accept(false);
      given.release();
    }
  }
}
