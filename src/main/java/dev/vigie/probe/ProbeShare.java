package dev.vigie.probe;

import dev.vigie.bus.RendezvousHash;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Which monitors this node checks. Alone (no {@code --cluster}, or no cluster area), every one. In a cluster, the
 * monitors {@link RendezvousHash} gives this node among the current members ({@code vigie.cluster.membership}): every
 * member computes the same owner from the same list, so each monitor is checked by exactly one of them, and a member
 * joining or leaving moves only the monitors it must. Until the members are known, none: a node that has just
 * joined checks nothing twice.
 */
final class ProbeShare {
  /** Alone, or clustered with no cluster area: every monitor is this node's. */
  private boolean everything;
  private String nodeId;
  private List<String> members = List.of();

  /** @param clustered whether this node is a member of a cluster (then it waits for the member list) */
  ProbeShare(boolean clustered) {
    this.everything = !clustered;
  }

  /** This node in a cluster whose members are {@code members}; returns whether the list changed. */
  boolean members(String nodeId, List<String> members) {
    boolean changed = everything || !nodeId.equals(this.nodeId) || !members.equals(this.members);
    everything = false;
    this.nodeId = nodeId;
    this.members = List.copyOf(members);
    return changed;
  }

  /** A clustered node that learnt it has no cluster area: it checks everything, as alone. */
  void alone() {
    everything = true;
  }

  /** Whether the member list is known (always, alone). */
  boolean known() {
    return everything || nodeId != null;
  }

  /** Whether this node checks the monitor of this key ({@code type:name}). */
  boolean owns(String key) {
    return everything || nodeId != null && nodeId.equals(RendezvousHash.owner(key, members));
  }

  /** {@code {nodeId, members, owned, of}} for the sections; null alone. */
  JsonObject toJson(int owned, int of) {
    if (everything || nodeId == null) {
      return null;
    }
    return new JsonObject().put("nodeId", nodeId).put("members", new JsonArray(members)).put("owned", owned).put("of", of);
  }
}
