package dev.vigie.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigie.bus.MonitorsBus;
import dev.vigie.kit.TestCluster;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import dev.vigie.kit.Wait;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three clustered Vigies, each with its own H2 store: a monitor added through member 0 is replaced through member 1
 * and another removed through member 2 (none answered 404 by a store that never saw it), and every member's own store
 * then holds the same rows. A member restarted on its data directory after missing an add and a remove holds them too,
 * and its probe runs what the cluster runs.
 */
class MonitorsSharedInClusterTest {
  @TempDir
  Path dir;

  @Test
  void everyStoreHoldsTheSameMonitorsWhicheverMemberIsAskedAndAfterARestart() {
    List<TestConfig> configs = TestCluster.configs(dir, 3, data -> TestConfig.defaults(data)
        .only("store", "probe").set("store.sectionIntervalMs", 200));
    List<TestVigie> nodes = new ArrayList<>();
    try {
      long started = System.nanoTime();
      configs.forEach(config -> nodes.add(TestVigie.start(config)));
      awaitMembers(nodes);
      long up = System.nanoTime();

      nodes.get(0).ask(MonitorsBus.CHANGE, add("alpha"));
      nodes.get(0).ask(MonitorsBus.CHANGE, add("beta"));
      JsonObject replaced = nodes.get(1).ask(MonitorsBus.CHANGE, new JsonObject().put("op", "replace").put("id", "alpha")
          .put("monitor", endpoint("alpha").put("intervalMs", 7000)));
      assertEquals(2, replaced.getLong("revision"), "replaced through member 1: " + replaced);
      assertEquals(new JsonObject().put("removed", "beta"),
          nodes.get(2).ask(MonitorsBus.CHANGE, new JsonObject().put("op", "remove").put("id", "beta")));
      Map<String, JsonObject> expected = sameInEveryStore(nodes, "alpha");
      assertEquals(7000, expected.get("alpha").getJsonObject("definition").getInteger("intervalMs"));
      long changed = System.nanoTime();

      // Member 2 stops; meanwhile one monitor is added and the other removed; it comes back on its data directory.
      nodes.remove(2).close();
      nodes.get(0).ask(MonitorsBus.CHANGE, add("gamma"));
      nodes.get(1).ask(MonitorsBus.CHANGE, new JsonObject().put("op", "remove").put("id", "alpha"));
      nodes.add(TestVigie.start(configs.get(2)));
      awaitMembers(nodes);
      long rejoined = System.nanoTime();
      sameInEveryStore(nodes, "gamma");
      Wait.eventually("the restarted member's probe to run the cluster's monitors",
          () -> ids(local(nodes.get(2), MonitorsBus.LIST)), ids -> ids.equals(List.of("gamma")));
      System.out.printf("cluster up in %d ms; four changes seen by every store in %d ms; a member stopped, two changes"
          + " and its restart in %d ms; its store and probe caught up %d ms after it was back%n", ms(up - started),
          ms(changed - up), ms(rejoined - changed), ms(System.nanoTime() - rejoined));
    } finally {
      for (int i = nodes.size() - 1; i >= 0; i--) {
        nodes.get(i).close();
      }
    }
  }

  /**
   * The probe asks its own node's store (one on a member that is leaving may still be listed, and took a change with it
   * until the send timed out); a member with no store of its own has its change kept by another member's.
   */
  @Test
  void aMemberWithoutAStoreOfItsOwnHasItsChangeKeptByAnothers() {
    List<TestConfig> configs = TestCluster.configs(dir, 2, data -> TestConfig.defaults(data).only("store", "probe"));
    configs.get(0).only("probe");
    List<TestVigie> nodes = new ArrayList<>();
    try {
      configs.forEach(config -> nodes.add(TestVigie.start(config)));
      awaitMembers(nodes);
      nodes.get(0).ask(MonitorsBus.CHANGE, add("delta"));
      assertEquals(List.of("delta"), ids(local(nodes.get(1), MonitorsBus.STORED)), "kept by the other member's store");
      Wait.eventually("the probe without a store to run it", () -> ids(local(nodes.get(0), MonitorsBus.LIST)),
          ids -> ids.contains("delta"));
    } finally {
      for (int i = nodes.size() - 1; i >= 0; i--) {
        nodes.get(i).close();
      }
    }
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  /** Waits until every member's own store holds exactly the rows {@code ids}, the same rows in each; returns them. */
  private static Map<String, JsonObject> sameInEveryStore(List<TestVigie> nodes, String... ids) {
    return Wait.eventually("every member's store to hold exactly " + List.of(ids) + ", the same rows",
        () -> {
          List<Map<String, JsonObject>> stores = new ArrayList<>();
          nodes.forEach(node -> stores.add(byId(local(node, MonitorsBus.STORED))));
          return stores;
        },
        stores -> stores.get(0).keySet().equals(new java.util.TreeSet<>(List.of(ids)))
            && stores.stream().allMatch(stores.get(0)::equals)).get(0);
  }

  /** Asks this member's own consumer (the stores and probes answer any member's question otherwise). */
  private static JsonObject local(TestVigie node, String address) {
    return Wait.await("a reply from " + address, node.vertx().eventBus().<JsonObject>request(address, new JsonObject(),
        new DeliveryOptions().setLocalOnly(true))).body();
  }

  private static Map<String, JsonObject> byId(JsonObject reply) {
    Map<String, JsonObject> rows = new TreeMap<>();
    reply.getJsonArray("monitors").forEach(r -> rows.put(((JsonObject) r).getString("id"), (JsonObject) r));
    return rows;
  }

  private static List<String> ids(JsonObject reply) {
    JsonArray monitors = reply.getJsonArray("monitors");
    return monitors.stream().map(m -> ((JsonObject) m).getString("id")).sorted().toList();
  }

  private static void awaitMembers(List<TestVigie> nodes) {
    for (TestVigie node : nodes) {
      Wait.eventually("every member to see " + nodes.size(), () -> node.clusterNodes().size(), n -> n == nodes.size());
    }
  }

  private static JsonObject add(String name) {
    return new JsonObject().put("op", "add").put("monitor", endpoint(name).put("type", "endpoint"));
  }

  /** Paused: nothing is probed, the test is about what is kept. */
  private static JsonObject endpoint(String name) {
    return new JsonObject().put("name", name).put("url", "http://127.0.0.1:9/" + name).put("intervalMs", 5000)
        .put("paused", true);
  }
}
