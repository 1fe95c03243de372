package dev.vigie;

import static dev.vigie.kit.Wait.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigie.kit.LiveSocket;
import dev.vigie.kit.TestCluster;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A verticle on another node of a clustered event bus adds a section that Vigie's /ws clients receive. */
class ClusteredSectionTest {
  @TempDir
  Path dataDir;

  @Test
  void sectionPublishedOnAnotherNodeReachesTheWebsocket() {
    // Two members on free loopback ports, each listing both: Vigie, and a bare Vert.x node standing for another program.
    List<TestConfig> members = TestCluster.configs(dataDir, 2, TestConfig::defaults);
    ClusterSettings settings = ClusterSettings.from(members.get(1).json());
    VertxOptions options = new VertxOptions();
    options.getEventBusOptions().setHost(settings.host());
    try (TestVigie vigie = TestVigie.start(members.get(0))) {
      Vertx otherNode = await("another cluster node",
          Vertx.builder().with(options).withClusterManager(settings.clusterManager()).buildClustered());
      try (LiveSocket ws = vigie.live()) {
        otherNode.setPeriodic(200, id -> otherNode.eventBus().publish("vigie.monitor.section", new JsonObject()
            .put("section", "remote").put("title", "Remote node")
            .put("metrics", new JsonArray().add(new JsonObject().put("label", "jobs").put("value", 7).put("status", "good")))));
        JsonObject remote = LiveSocket.section(ws.await("the remote node's section", LiveSocket.carries("remote"), 30_000),
            "remote");
        assertEquals("Remote node", remote.getString("title"));
        assertEquals(7, remote.getJsonArray("metrics").getJsonObject(0).getInteger("value"));
        assertEquals(List.of("good"), List.of(remote.getString("status")));
      } finally {
        await("the other node to close", otherNode.close());
      }
    }
  }
}
