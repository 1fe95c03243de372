package dev.vigie.cluster;

import dev.vigie.bus.Metric;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The "cluster" section and the {@code vigie.cluster.members} answer, from what this node knows: the members the
 * cluster manager lists (the truth about who is in) and what each announced in the member map (a member that has
 * not announced yet is listed with its id alone). A role is held by the member whose announcement names it.
 */
final class ClusterSection {
  static final String NAME = "cluster";

  private ClusterSection() {
  }

  /**
   * What each member has announced once the member map is read again: its entry there; or, for a member the cluster
   * manager still lists whose entry has expired, its last announcement without roles. An entry expires when its
   * member is late to announce (a loaded machine, a slow map write), not only when it is gone, and a member gone is
   * dropped when the cluster manager says it left; until then, its areas vanishing from the section would take it
   * out of what the other areas count on (the stress form's and the API's generators). Roles come only from entries
   * read now, so a role handed over meanwhile is never named twice.
   */
  static Map<String, MemberInfo> announcements(Map<String, MemberInfo> before, Map<String, MemberInfo> read,
      Collection<String> members) {
    Map<String, MemberInfo> now = new HashMap<>(read);
    for (String id : members) {
      MemberInfo last = before.get(id);
      if (last != null && !now.containsKey(id)) {
        now.put(id, last.withoutRoles());
      }
    }
    return now;
  }

  /** {@code {nodeId, members: [...], roles: {role: nodeId|null}, changedAt}}. */
  static JsonObject members(String self, Collection<String> members, Map<String, MemberInfo> announced,
      List<String> roles, long changedAt) {
    JsonArray list = new JsonArray();
    Map<String, String> holders = new TreeMap<>();
    roles.forEach(role -> holders.put(role, null));
    for (String id : new TreeSet<>(members)) {
      MemberInfo info = announced.get(id);
      JsonObject member = info == null ? new JsonObject().put("id", id) : info.toJson();
      list.add(member.put("self", id.equals(self)));
      if (info != null) {
        info.roles().stream().filter(holders::containsKey).forEach(role -> holders.put(role, id));
      }
    }
    JsonObject held = new JsonObject();
    holders.forEach(held::put);
    return new JsonObject().put("nodeId", self).put("members", list).put("roles", held)
        .put("changedAt", Instant.ofEpochMilli(changedAt).toString());
  }

  /** The section: member count, each role's holder, the last membership change; the member list in details. */
  static SectionUpdate section(JsonObject members) {
    List<Metric> metrics = new ArrayList<>();
    JsonArray list = members.getJsonArray("members");
    metrics.add(Metric.of("Members", list.size(), null, Status.GOOD));
    JsonObject roles = members.getJsonObject("roles");
    for (String role : new TreeSet<>(roles.fieldNames())) {
      String holder = roles.getString(role);
      metrics.add(holder == null
          ? Metric.of("Role " + role, "nobody", null, Status.WARNING).withHint("no member holds it yet")
          : Metric.of("Role " + role, shortId(holder), null, Status.GOOD));
    }
    metrics.add(Metric.of("Membership changed", members.getString("changedAt"), null, Status.NEUTRAL));
    return new SectionUpdate(NAME, "Cluster", List.copyOf(metrics), members);
  }

  /** The first block of a node id (a UUID): enough to tell three members apart on a card. */
  static String shortId(String id) {
    int dash = id.indexOf('-');
    return dash > 0 ? id.substring(0, dash) : id;
  }
}
