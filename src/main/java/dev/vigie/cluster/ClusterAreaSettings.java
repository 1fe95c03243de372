package dev.vigie.cluster;

import dev.vigie.config.ConfigException;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * {@code cluster.*} as the cluster area reads it: how often a member announces itself in the cluster-wide member map
 * (an entry not refreshed for five intervals expires: a member that died without leaving), the roles held once for
 * the cluster, how long one attempt to take a role waits before the next, and the quorum (the fewest members a side
 * of a network split needs to go on downloading; 0: none asked), which the launcher has checked.
 */
record ClusterAreaSettings(long announceIntervalMs, List<String> roles, long roleRetryMs, int quorum) {

  static ClusterAreaSettings from(JsonObject config) {
    JsonObject cluster = config.getJsonObject("cluster");
    List<String> roles = cluster.getJsonArray("roles").stream().map(String::valueOf).toList();
    for (String role : roles) {
      if (!role.matches("[a-z][a-z0-9-]{0,31}")) {
        throw new ConfigException("cluster.roles: '" + role + "' must be 1-32 characters of [a-z0-9-], a letter first");
      }
    }
    return new ClusterAreaSettings(positive(cluster, "announceIntervalMs"), List.copyOf(roles),
        positive(cluster, "roleRetryMs"), cluster.getInteger("quorum", 0));
  }

  /** How long a member's entry outlives its last announcement. */
  long memberTtlMs() {
    return announceIntervalMs * 5;
  }

  private static long positive(JsonObject cluster, String key) {
    long value = cluster.getLong(key);
    if (value <= 0) {
      throw new ConfigException("cluster." + key + " must be positive, not " + value);
    }
    return value;
  }
}
