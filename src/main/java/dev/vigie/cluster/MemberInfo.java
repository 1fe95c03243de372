package dev.vigie.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What a member announces about itself in the cluster-wide member map, keyed by its node id: its cluster address,
 * when it started and its uptime then, the areas it runs, its load (the system's one-minute load average per
 * core, -1 where the system gives none) and the roles it holds.
 */
record MemberInfo(String id, String address, long startedAt, long uptimeMs, List<String> areas, double load,
    List<String> roles) {

  /** This announcement without its roles: kept while its member is late to announce again, it names no holder. */
  MemberInfo withoutRoles() {
    return new MemberInfo(id, address, startedAt, uptimeMs, areas, load, List.of());
  }

  JsonObject toJson() {
    return new JsonObject().put("id", id).put("address", address).put("startedAt", startedAt)
        .put("uptimeMs", uptimeMs).put("areas", new JsonArray(areas)).put("load", load)
        .put("roles", new JsonArray(roles));
  }

  static MemberInfo fromJson(JsonObject json) {
    return new MemberInfo(json.getString("id"), json.getString("address"), json.getLong("startedAt", 0L),
        json.getLong("uptimeMs", 0L), strings(json.getJsonArray("areas")), json.getDouble("load", -1.0),
        strings(json.getJsonArray("roles")));
  }

  private static List<String> strings(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }
}
