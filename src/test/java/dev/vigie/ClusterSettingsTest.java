package dev.vigie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigie.config.ConfigException;
import dev.vigie.kit.TestConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cluster.joinWaitSeconds}: checked at start, and handed to Hazelcast as its own property. */
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

  private static String joinWaitProperty(TestConfig config) {
    return ClusterSettings.from(config.json()).clusterManager().getConfig()
        .getProperty("hazelcast.wait.seconds.before.join");
  }
}
