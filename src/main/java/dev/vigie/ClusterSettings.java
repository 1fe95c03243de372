package dev.vigie;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import dev.vigie.config.ConfigException;
import io.vertx.core.json.JsonObject;
import dev.vigie.cluster.ObservedClusterManager;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;

/**
 * {@code cluster.*}: a Hazelcast cluster joined over TCP to listed members (no multicast, which most networks
 * drop), so verticles on other machines can publish sections on Vigie's event bus. With a {@code quorum}, the
 * downloads' maps answer only on a side of a network split that has that many members (Hazelcast's split-brain
 * protection), the second guard of the download area's own (docs/cluster.md, "A network split").
 */
record ClusterSettings(boolean enabled, String host, int port, java.util.List<String> members, int joinWaitSeconds,
    int quorum) {
  /**
   * Hazelcast's {@code hazelcast.max.wait.seconds.before.join} default, how long a master goes on holding joins for
   * more: a longer wait than this would not batch anything more.
   */
  static final int MAX_JOIN_WAIT_SECONDS = 20;
  /** More members than one cluster of Vigies would have; a larger quorum is a typing error. */
  static final int MAX_QUORUM = 1000;
  private static final String QUORUM_RULE = "vigie-quorum";

  static ClusterSettings from(JsonObject config) {
    JsonObject c = config.getJsonObject("cluster");
    long joinWait = c.getLong("joinWaitSeconds");
    if (joinWait < 0 || joinWait > MAX_JOIN_WAIT_SECONDS) {
      throw new ConfigException("cluster.joinWaitSeconds must be between 0 and " + MAX_JOIN_WAIT_SECONDS + ", not "
          + joinWait);
    }
    long quorum = c.getLong("quorum", 0L);
    if (quorum != 0 && (quorum < 2 || quorum > MAX_QUORUM)) {
      throw new ConfigException("cluster.quorum must be 0 (none) or between 2 and " + MAX_QUORUM + ", not " + quorum);
    }
    return new ClusterSettings(c.getBoolean("enabled"), c.getString("host"), c.getInteger("port"),
        c.getJsonArray("members").stream().map(String::valueOf).toList(), (int) joinWait, (int) quorum);
  }

  ObservedClusterManager clusterManager() {
    Config hazelcast = ConfigUtil.loadConfig();
    hazelcast.setProperty("hazelcast.logging.type", "slf4j");
    hazelcast.setProperty("hazelcast.phone.home.enabled", "false");
    // Leaving the cluster should not hold a shutdown for a minute of partition migration.
    hazelcast.setProperty("hazelcast.graceful.shutdown.max.wait", "5");
    // How long the master holds a join request for more to arrive (one partition rebalance for all of them): every
    // member but the first starts that much later.
    hazelcast.setProperty("hazelcast.wait.seconds.before.join", String.valueOf(joinWaitSeconds));
    hazelcast.getNetworkConfig().setPort(port).setPortAutoIncrement(true).getInterfaces()
        .setEnabled(true).addInterface(host);
    hazelcast.setProperty("hazelcast.local.localAddress", host);
    JoinConfig join = hazelcast.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(members);
    if (quorum > 0) {
      hazelcast.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(QUORUM_RULE, true, quorum));
      hazelcast.getMapConfig("vigie.download.*").setSplitBrainProtectionName(QUORUM_RULE);
    }
    return new ObservedClusterManager(hazelcast);
  }
}
