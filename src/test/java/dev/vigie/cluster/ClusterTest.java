package dev.vigie.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.ClusterBus;
import dev.vigie.bus.MonitorBus;
import dev.vigie.kit.Heard;
import dev.vigie.kit.TestCluster;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import dev.vigie.kit.Wait;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three clustered Vigies in this JVM, on loopback: the members they show, the role they share, how fast they stop. */
class ClusterTest {
  @TempDir
  Path dir;

  private static TestConfig node(Path dataDir) {
    return TestConfig.defaults(dataDir).only("monitor", "cluster").set("cluster.announceIntervalMs", 200)
        .set("cluster.roleRetryMs", 200);
  }

  @Test
  void everyNodeShowsTheMembersAndOneHoldsTheAlertsRoleHandedOverWhenItLeaves() {
    try (TestCluster cluster = TestCluster.start(dir, 3, ClusterTest::node)) {
      Set<String> ids = cluster.nodes().stream().map(TestVigie::nodeId).collect(Collectors.toCollection(TreeSet::new));
      String holder = null;
      for (TestVigie node : cluster.nodes()) {
        JsonObject view = Wait.eventually("node " + node.nodeId() + " to see every member announced with the role held",
            () -> node.ask(ClusterBus.MEMBERS, new JsonObject()),
            v -> announced(v).size() == 3 && v.getJsonObject("roles").getString(ClusterBus.ALERTS) != null);
        assertEquals(ids, new TreeSet<>(announced(view)));
        for (Object o : view.getJsonArray("members")) {
          JsonObject member = (JsonObject) o;
          assertTrue(member.getString("address").startsWith("127.0.0.1:"), member.encode());
          assertEquals(List.of("monitor", "cluster"), member.getJsonArray("areas").getList());
          assertTrue(member.getLong("uptimeMs") >= 0, member.encode());
          assertEquals(member.getString("id").equals(node.nodeId()), member.getBoolean("self"));
        }
        String seen = view.getJsonObject("roles").getString(ClusterBus.ALERTS);
        if (holder != null) {
          assertEquals(holder, seen, "every node names the same holder");
        }
        holder = seen;
        // The section reaches this node's monitor.
        Wait.eventually("the cluster section on the monitor of " + node.nodeId(),
            () -> section(node), s -> s != null && s.getJsonObject("details").getJsonArray("members").size() == 3);
      }
      int holderIndex = indexOf(cluster, holder);
      assertTrue(cluster.node(holderIndex).ask(ClusterBus.HOLDS, new JsonObject().put("role", "alerts")).getBoolean("held"));

      Map<String, Heard> membership = new HashMap<>();
      cluster.nodes().forEach(node -> membership.put(node.nodeId(), node.listen(ClusterBus.MEMBERSHIP)));
      long left = System.nanoTime();
      cluster.stop(holderIndex);
      String leaver = holder;
      for (TestVigie node : cluster.nodes()) {
        JsonObject view = Wait.eventually("node " + node.nodeId() + " to see the holder gone and the role taken over",
            () -> node.ask(ClusterBus.MEMBERS, new JsonObject()),
            v -> v.getJsonArray("members").size() == 2 && announced(v).size() == 2
                && v.getJsonObject("roles").getString(ClusterBus.ALERTS) != null);
        assertNotEquals(leaver, view.getJsonObject("roles").getString(ClusterBus.ALERTS));
        JsonObject change = membership.get(node.nodeId()).await("node " + node.nodeId() + " to publish the leave",
            body -> !body.getJsonArray("members").contains(leaver));
        assertEquals(2, change.getJsonArray("members").size(), change.encode());
      }
      Duration handover = Duration.ofNanos(System.nanoTime() - left);
      assertTrue(handover.toMillis() < 10_000, "the role was handed over in " + handover);
      long holders = cluster.nodes().stream()
          .filter(n -> n.ask(ClusterBus.HOLDS, new JsonObject().put("role", "alerts")).getBoolean("held")).count();
      assertEquals(1, holders, "one holder among the survivors");
    }
  }

  @Test
  void aNodeStopsInUnderFiveSecondsEvenWhenTheOthersHaveLeft() {
    try (TestCluster cluster = TestCluster.start(dir, 3, ClusterTest::node)) {
      Duration graceful = cluster.stop(2);
      cluster.awaitMembers(2);
      // The other one dies: no goodbye, its partitions are lost with it.
      cluster.kill(1);
      Duration last = cluster.stop(0);
      System.out.printf("cluster stops: %d ms graceful, %d ms for the last one after the other died%n",
          graceful.toMillis(), last.toMillis());
      assertTrue(graceful.toMillis() < 5000, "a graceful stop took " + graceful);
      assertTrue(last.toMillis() < 5000, "the last node's stop took " + last);
    }
  }

  private static List<String> announced(JsonObject view) {
    return view.getJsonArray("members").stream().map(JsonObject.class::cast)
        .filter(m -> m.containsKey("address")).map(m -> m.getString("id")).toList();
  }

  private static JsonObject section(TestVigie node) {
    JsonArray sections = node.ask(MonitorBus.SNAPSHOT, new JsonObject()).getJsonArray("sections");
    return sections.stream().map(JsonObject.class::cast).filter(s -> "cluster".equals(s.getString("section")))
        .findFirst().orElse(null);
  }

  private static int indexOf(TestCluster cluster, String nodeId) {
    for (int i = 0; i < cluster.nodes().size(); i++) {
      if (cluster.node(i).nodeId().equals(nodeId)) {
        return i;
      }
    }
    throw new AssertionError(nodeId + " is not a running node");
  }
}
