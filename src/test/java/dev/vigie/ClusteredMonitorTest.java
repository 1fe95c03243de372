package dev.vigie;

import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.Activity;
import dev.vigie.bus.ClusterBus;
import dev.vigie.bus.MonitorBus;
import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestCluster;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three clustered Vigies in this JVM (monitor, cluster and notify areas): every node's snapshot holds every node's
 * sections, each tagged with its node, and the cluster totals; an alert on one node's section is raised and cleared
 * once for the whole cluster (counted at a real webhook receiver on loopback), also when the holder of the alerts role
 * stops while the alert is open.
 */
class ClusteredMonitorTest {
  private static final Duration CLUSTER = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  private final List<JsonObject> received = new CopyOnWriteArrayList<>();

  private static TestConfig node(Path dataDir, String hook) {
    return TestConfig.defaults(dataDir).only("monitor", "cluster", "notify").pushIntervalMs(50)
        .set("cluster.announceIntervalMs", 200).set("cluster.roleRetryMs", 200)
        .merge("notify", new JsonObject().put("groupWaitMs", 0).put("backoffMs", 20).put("maxBackoffMs", 200)
            .put("timeoutMs", 2000).put("channels", new JsonArray().add(new JsonObject().put("id", "hook")
                .put("type", "webhook").put("url", hook))))
        .with(json -> json.getJsonObject("alerts").getJsonArray("rules").add(new JsonObject().put("id", "ext-high")
            .put("section", "ext").put("metric", "Level").put("above", 10).put("clearAfter", 1)
            .put("action", "lower the level")));
  }

  @Test
  void everyNodeShowsEveryNodesSectionsTaggedAndOneAlertIsRaisedAndClearedOnceThroughAHandover() {
    try (LoopbackServer hook = LoopbackServer.start(req -> req.body().onSuccess(body -> {
          received.add(body.toJsonObject());
          req.response().end();
        }));
         TestCluster cluster = TestCluster.start(dir, 3, data -> node(data, hook.url("/hook")))) {
      List<TestVigie> nodes = cluster.nodes();
      Set<String> ids = nodes.stream().map(TestVigie::nodeId).collect(Collectors.toSet());
      for (int i = 0; i < nodes.size(); i++) {
        publish(nodes.get(i), downloads(i + 1));
        publish(nodes.get(i), cache(10 * (i + 1), 1024L * 1024 * (i + 1)));
      }
      for (TestVigie node : nodes) {
        JsonObject snapshot = eventually("node " + node.nodeId() + " to hold the three nodes' sections and totals",
            CLUSTER, () -> node.ask(MonitorBus.SNAPSHOT, null), s -> nodesOf(s, "system").equals(ids)
                && nodesOf(s, "downloads").equals(ids) && nodesOf(s, "cache").equals(ids)
                && totals(s) != null && totals(s).getJsonObject("details").getJsonArray("nodes").size() == 3
                && totals(s).getJsonObject("details").getJsonObject("cache").getLong("entries") == 60);
        assertEquals(node.nodeId(), snapshot.getString("node"), "the snapshot names its own node");
        JsonObject details = totals(snapshot).getJsonObject("details");
        assertEquals(1 + 2 + 3, details.getJsonObject("downloads").getLong("active"), details.encode());
        assertEquals(2 * (1 + 2 + 3), details.getJsonObject("downloads").getLong("completed"), details.encode());
        assertEquals(6L * 1024 * 1024, details.getJsonObject("cache").getLong("bytes"), details.encode());
        assertEquals(nodesOf(snapshot, "cluster"), Set.of(node.nodeId()), "each node shows its own view of the cluster");
        assertTrue(sectionOf(snapshot, "downloads", nodes.get(1).nodeId()).getJsonArray("metrics").encode()
            .contains("\"value\":2"), "node 1's downloads are node 1's");
      }
      // Every node's activity reaches every node's log, named with the node it comes from.
      for (int i = 0; i < nodes.size(); i++) {
        new Activity(nodes.get(i).vertx().eventBus(), "feeder").info("feeder " + i + " refilled");
      }
      for (TestVigie node : nodes) {
        eventually("node " + node.nodeId() + "'s log to hold every node's entry, each naming its node", CLUSTER,
            () -> node.ask(MonitorBus.SNAPSHOT, null).getJsonArray("log"),
            log -> IntStream.range(0, nodes.size()).allMatch(i -> log.stream().map(JsonObject.class::cast)
                .anyMatch(e -> e.getString("message").equals("feeder " + i + " refilled")
                    && nodes.get(i).nodeId().equals(e.getString("node")))));
      }

      int holder = holderIndex(cluster);
      int watched = (holder + 1) % 3;
      String watchedId = cluster.node(watched).nodeId();
      String alertId = "ext-high@" + watchedId;
      publish(cluster.node(watched), ext(50));
      eventually("the raise at the webhook", CLUSTER, () -> count(alertId, "raised") >= 1);
      for (TestVigie node : cluster.nodes()) {
        JsonObject alert = eventually("node " + node.nodeId() + " to show the open alert", CLUSTER,
            () -> alertOf(node.ask(MonitorBus.SNAPSHOT, null), alertId), a -> a != null && "raised".equals(a.getString("state")));
        assertEquals(watchedId, alert.getString("node"), "the alert says which node it is about");
      }

      String leaving = cluster.node(holder).nodeId();
      cluster.stop(holder);
      int next = eventually("a survivor to take the alerts role over", CLUSTER, () -> holderOrMinusOne(cluster), i -> i >= 0);
      TestVigie newHolder = cluster.node(next);
      assertNotEquals(leaving, newHolder.nodeId());
      eventually("the new holder to have taken the open alert over", CLUSTER,
          () -> newHolder.ask(MonitorBus.SNAPSHOT, null),
          s -> s.getJsonArray("log").encode().contains("now evaluates and notifies the cluster's alerts (1 open"));
      TestVigie source = cluster.nodes().stream().filter(n -> n.nodeId().equals(watchedId)).findFirst().orElseThrow();
      publish(source, ext(60));
      publish(source, ext(1));
      eventually("the clear at the webhook", CLUSTER, () -> count(alertId, "cleared") >= 1);
      for (TestVigie node : cluster.nodes()) {
        eventually("node " + node.nodeId() + " to drop the sections of the node that left", CLUSTER,
            () -> node.ask(MonitorBus.SNAPSHOT, null), s -> !nodesOf(s, "system").contains(leaving)
                && totals(s).getJsonObject("details").getJsonArray("nodes").size() == 2);
      }
      // A raise and a clear sent by all three nodes, or raised again by the new holder, would be here by now: the
      // clear went out after them.
      assertEquals(1, count(alertId, "raised"), "raised once for the cluster: " + received);
      assertEquals(1, count(alertId, "cleared"), "cleared once for the cluster: " + received);
    }
  }

  /** POST /api/sections on one node: every node's page shows the section under that node; a refused one goes nowhere. */
  @Test
  void aSectionPostedToOneNodesApiShowsOnEveryNodesPage() {
    try (TestCluster cluster = TestCluster.start(dir, 2, data -> TestConfig.defaults(data)
        .only("monitor", "cluster", "web").pushIntervalMs(50).set("cluster.announceIntervalMs", 200))) {
      TestVigie posting = cluster.node(0);
      HttpResponse<Buffer> taken = posting.http().post("/api/sections", new JsonObject().put("section", "backfill")
          .put("title", "Backfill job").put("metrics", new JsonArray().add(card("Days left", 12))));
      assertEquals(200, taken.statusCode(), taken.bodyAsString());
      HttpResponse<Buffer> refused = posting.http().post("/api/sections", new JsonObject().put("section", "cache")
          .put("title", "Not the cache").put("metrics", new JsonArray().add(card("Entries", 1))));
      assertEquals(409, refused.statusCode(), refused.bodyAsString());
      for (TestVigie node : cluster.nodes()) {
        JsonObject snapshot = eventually("node " + node.nodeId() + "'s page to show the posted section", CLUSTER,
            () -> node.http().get("/api/snapshot").bodyAsJsonObject(),
            s -> nodesOf(s, "backfill").equals(Set.of(posting.nodeId())));
        assertEquals("Backfill job", sectionOf(snapshot, "backfill", posting.nodeId()).getString("title"));
        assertTrue(snapshot.getJsonArray("sections").stream().map(JsonObject.class::cast)
            .noneMatch(sec -> "Not the cache".equals(sec.getString("title"))), "the refused one shows nowhere");
      }
    }
  }

  private static void publish(TestVigie node, JsonObject section) {
    node.vertx().eventBus().publish(MonitorBus.SECTION, section);
  }

  private static JsonObject downloads(int active) {
    return new JsonObject().put("section", "downloads").put("title", "Downloads").put("metrics", new JsonArray()
        .add(card("Active", active)).add(card("Queued", 0)).add(card("Completed", 2 * active)).add(card("Failed", 0)));
  }

  private static JsonObject cache(int entries, long bytes) {
    return new JsonObject().put("section", "cache").put("title", "Archive cache")
        .put("metrics", new JsonArray().add(card("Entries", entries)))
        .put("details", new JsonObject().put("entries", entries).put("bytes", bytes));
  }

  private static JsonObject ext(int level) {
    return new JsonObject().put("section", "ext").put("title", "Ext").put("metrics", new JsonArray()
        .add(new JsonObject().put("label", "Level").put("value", level).put("status", level > 10 ? "critical" : "good")));
  }

  private static JsonObject card(String label, long value) {
    return new JsonObject().put("label", label).put("value", value).put("status", "neutral");
  }

  private static Set<String> nodesOf(JsonObject snapshot, String section) {
    return snapshot.getJsonArray("sections").stream().map(JsonObject.class::cast)
        .filter(s -> section.equals(s.getString("section")) && s.getString("node") != null)
        .map(s -> s.getString("node")).collect(Collectors.toSet());
  }

  private static JsonObject sectionOf(JsonObject snapshot, String section, String node) {
    return snapshot.getJsonArray("sections").stream().map(JsonObject.class::cast)
        .filter(s -> section.equals(s.getString("section")) && node.equals(s.getString("node"))).findFirst().orElseThrow();
  }

  private static JsonObject totals(JsonObject snapshot) {
    return snapshot.getJsonArray("sections").stream().map(JsonObject.class::cast)
        .filter(s -> "totals".equals(s.getString("section"))).findFirst().orElse(null);
  }

  private static JsonObject alertOf(JsonObject snapshot, String id) {
    return snapshot.getJsonArray("alerts").stream().map(JsonObject.class::cast)
        .filter(a -> id.equals(a.getString("id"))).findFirst().orElse(null);
  }

  private long count(String alertId, String state) {
    return received.stream().flatMap(body -> body.getJsonArray("alerts", new JsonArray()).stream())
        .map(JsonObject.class::cast).filter(a -> alertId.equals(a.getString("id")) && state.equals(a.getString("state")))
        .count();
  }

  private static int holderIndex(TestCluster cluster) {
    return eventually("a node to hold the alerts role", CLUSTER, () -> holderOrMinusOne(cluster), i -> i >= 0);
  }

  private static int holderOrMinusOne(TestCluster cluster) {
    for (int i = 0; i < cluster.nodes().size(); i++) {
      if (cluster.node(i).ask(ClusterBus.HOLDS, new JsonObject().put("role", ClusterBus.ALERTS)).getBoolean("held")) {
        return i;
      }
    }
    return -1;
  }
}
