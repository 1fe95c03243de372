package dev.vigie.download;

import dev.vigie.bus.RendezvousHash;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One archive in flight in the cluster: the member running its download (queued or active), when it was asked for,
 * and whether it was forced. Kept in the cluster-wide map {@value SharedJobs#MAP} under the archive's key, as a JSON
 * string (strings compare byte for byte, which the map's compare-and-set operations need).
 */
record InFlight(String node, long requestedAt, boolean force) {

  String encode() {
    return new JsonObject().put("node", node).put("requestedAt", requestedAt).put("force", force).encode();
  }

  static InFlight decode(String value) {
    JsonObject json = new JsonObject(value);
    return new InFlight(json.getString("node"), json.getLong("requestedAt", 0L), json.getBoolean("force", false));
  }

  /**
   * The keys among {@code entries} (archive key to encoded entry) that {@code self} takes over: those whose member has
   * left, and that rendezvous hashing over {@code members} gives to {@code self}. Every survivor computes the same
   * split, so each orphan has one taker (the map's compare-and-set settles any disagreement between two views of the
   * members). A member has left when it is in {@code departed} (seen to leave); a member this node never saw, and
   * that is not among {@code members}, counts as left only once its claim is older than {@code unseenGraceMs}: it may
   * have just joined, ahead of this node's view.
   */
  static List<String> orphansFor(String self, Map<String, String> entries, Set<String> members, Set<String> departed,
      long now, long unseenGraceMs) {
    List<String> taken = new ArrayList<>();
    entries.forEach((key, value) -> {
      InFlight entry = decode(value);
      boolean left = !members.contains(entry.node())
          && (departed.contains(entry.node()) || now - entry.requestedAt() > unseenGraceMs);
      if (left && self.equals(RendezvousHash.owner(key, members))) {
        taken.add(key);
      }
    });
    taken.sort(null);
    return taken;
  }
}
