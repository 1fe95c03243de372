package dev.vigie.cluster;

import com.hazelcast.config.Config;
import io.vertx.core.spi.cluster.NodeListener;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Vert.x's Hazelcast cluster manager, whose membership events Vigie hears too. A cluster manager has one node
 * listener, and Vert.x takes it (its HA manager) when it joins: this one hands each event to Vert.x's listener
 * first, then to every listener {@link #addNodeListener added} here. Listeners run on a Hazelcast event thread:
 * they must only hand the event over (to a verticle's context).
 */
public final class ObservedClusterManager extends HazelcastClusterManager {
  private final List<NodeListener> listeners = new CopyOnWriteArrayList<>();
  private volatile NodeListener vertxListener;

  public ObservedClusterManager(Config config) {
    super(config);
    super.nodeListener(new NodeListener() {
      @Override
      public void nodeAdded(String nodeId) {
        NodeListener first = vertxListener;
        if (first != null) {
          first.nodeAdded(nodeId);
        }
        listeners.forEach(listener -> listener.nodeAdded(nodeId));
      }

      @Override
      public void nodeLeft(String nodeId) {
        NodeListener first = vertxListener;
        if (first != null) {
          first.nodeLeft(nodeId);
        }
        listeners.forEach(listener -> listener.nodeLeft(nodeId));
      }
    });
  }

  /** Vert.x's own listener: it keeps hearing every event, before Vigie's. */
  @Override
  public void nodeListener(NodeListener listener) {
    vertxListener = listener;
  }

  /** Hears members join and leave from now on (not the members already there: see {@link #getNodes()}). */
  public void addNodeListener(NodeListener listener) {
    listeners.add(listener);
  }

  public void removeNodeListener(NodeListener listener) {
    listeners.remove(listener);
  }
}
