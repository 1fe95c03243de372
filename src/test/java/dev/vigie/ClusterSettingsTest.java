package dev.vigie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigie.config.ConfigException;
import dev.vigie.kit.TestConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cluster.joinWaitSeconds}: checked at start, and handed to Hazelcast as its own property; {@code cluster.quorum}:
 * checked, and Hazelcast's split-brain protection of the downloads' maps.
 */
class ClusterSettingsTest {
  @TempDir
  Path dataDir;

  @Test
  void theJoinWaitIsHazelcastsDefaultUnlessSetAndReachesItsConfig() {
    assertEquals("5", joinWaitProperty(TestConfig.defaults(dataDir)));
    assertEquals("0", joinWaitProperty(TestConfig.defaults(dataDir).set("cluster.joinWaitSeconds", 0)));
    assertEquals("20", joinWaitProperty(TestConfig.defaults(dataDir).set("cluster.joinWaitSeconds", 20)));
  }

  @Test
  void aJoinWaitOutsideZeroToTwentySecondsIsRefusedNamingTheKey() {
    for (long wait : new long[] {-1, 21, 10_000_000_000L}) {
      ConfigException refused = assertThrows(ConfigException.class,
          () -> ClusterSettings.from(TestConfig.defaults(dataDir).set("cluster.joinWaitSeconds", wait).json()));
      assertEquals("cluster.joinWaitSeconds must be between 0 and 20, not " + wait, refused.getMessage());
    }
  }

  @Test
  void aQuorumGuardsTheDownloadMapsAndAnImpossibleOneIsRefusedNamingTheKey() {
    com.hazelcast.config.Config none = ClusterSettings.from(TestConfig.defaults(dataDir).json()).clusterManager().getConfig();
    assertEquals(null, none.findMapConfig("vigie.download.inflight").getSplitBrainProtectionName());
    com.hazelcast.config.Config two = ClusterSettings.from(TestConfig.defaults(dataDir).set("cluster.quorum", 2).json())
        .clusterManager().getConfig();
    String rule = two.findMapConfig("vigie.download.inflight").getSplitBrainProtectionName();
    assertEquals(2, two.getSplitBrainProtectionConfig(rule).getMinimumClusterSize());
    assertEquals(null, two.findMapConfig("vigie.monitors").getSplitBrainProtectionName(), "only the downloads' maps");
    for (long quorum : new long[] {-1, 1, 1001}) {
      ConfigException refused = assertThrows(ConfigException.class,
          () -> ClusterSettings.from(TestConfig.defaults(dataDir).set("cluster.quorum", quorum).json()));
      assertEquals("cluster.quorum must be 0 (none) or between 2 and 1000, not " + quorum, refused.getMessage());
    }
  }

  private static String joinWaitProperty(TestConfig config) {
    return ClusterSettings.from(config.json()).clusterManager().getConfig()
        .getProperty("hazelcast.wait.seconds.before.join");
  }
}
