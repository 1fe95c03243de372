package dev.vigie.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.MonitorsBus;
import dev.vigie.bus.ProbeBus;
import dev.vigie.bus.RendezvousHash;
import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestCluster;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import dev.vigie.kit.Wait;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three clustered Vigies in this JVM probing one loopback target: each endpoint is owned by exactly one member
 * (rendezvous hashing over the members) and probed by that one only (requests counted per endpoint at the target
 * against the owner's own results); an endpoint added through one member reaches its owner; a member that stops has
 * its endpoints re-owned and probed by the survivors within 5 s.
 */
class ProbesSharedInClusterTest {
  private static final int ENDPOINTS = 30;
  private static final long INTERVAL_MS = 400;

  @TempDir
  Path dir;

  /** Requests per path at the target. */
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

  @Test
  void everyEndpointHasOneOwnerProbedByItAloneAndReOwnedWhenItsMemberStops() {
    try (LoopbackServer target = LoopbackServer.start(req -> {
      requests.computeIfAbsent(req.path(), p -> new AtomicInteger()).incrementAndGet();
      req.response().end("ok");
    })) {
      JsonArray endpoints = new JsonArray();
      for (int i = 0; i < ENDPOINTS; i++) {
        endpoints.add(endpoint("ep-" + i, target));
      }
      try (TestCluster cluster = TestCluster.start(dir, 3, data -> TestConfig.defaults(data)
          .only("monitor", "store", "probe", "cluster").set("cluster.announceIntervalMs", 200)
          .set("cluster.roleRetryMs", 200).set("probe.endpoints", endpoints))) {
        List<String> names = new ArrayList<>();
        endpoints.forEach(e -> names.add(((JsonObject) e).getString("name")));
        settled(cluster, names);

        // Probed by its owner alone: the target's count of each endpoint grows as the owner's results do.
        Map<String, Integer> before = samples(cluster);
        Map<String, Integer> atTargetBefore = atTarget(names);
        Wait.eventually("every endpoint probed five more times", () -> samples(cluster),
            now -> names.stream().allMatch(n -> now.get(n) >= before.get(n) + 5));
        Map<String, Integer> atTargetAfter = atTarget(names);
        Map<String, Integer> after = samples(cluster);
        for (String name : names) {
          int results = after.get(name) - before.get(name);
          int arrived = atTargetAfter.get(name) - atTargetBefore.get(name);
          // One check of an endpoint is in flight at most on its owner: a second prober would double the arrivals.
          assertTrue(arrived <= results + 1 && arrived >= results - 2,
              name + ": " + arrived + " requests at the target for " + results + " results of its owner");
        }

        // Added through one member: its definition reaches the owner, which probes it.
        cluster.node(0).ask(MonitorsBus.CHANGE, new JsonObject().put("op", "add")
            .put("monitor", endpoint("added", target).put("type", "endpoint")));
        names.add("added");
        String addedOwner = settled(cluster, names).get("added");
        Wait.eventually("the added endpoint probed", () -> requests.getOrDefault("/ep/added", new AtomicInteger()).get(),
            n -> n > 0);

        // Its owner stops: the survivors share its endpoints out and probe them within 5 s.
        int leaving = indexOf(cluster, addedOwner);
        List<String> orphaned = owned(cluster.node(leaving)).keySet().stream().toList();
        assertTrue(orphaned.contains("added"));
        cluster.stop(leaving);
        long stopped = System.nanoTime();
        Map<String, Integer> atStop = atTarget(orphaned);
        Wait.eventually("every endpoint of the stopped member probed again", Duration.ofSeconds(20),
            () -> atTarget(orphaned), now -> orphaned.stream().allMatch(n -> now.get(n) > atStop.get(n)));
        Duration reowned = Duration.ofNanos(System.nanoTime() - stopped);
        System.out.printf("%d endpoints of the stopped member probed again %d ms after its stop%n", orphaned.size(),
            reowned.toMillis());
        assertTrue(reowned.toMillis() < 5000, "re-owned and probed in " + reowned);
        settled(cluster, names);
      }
    }
  }

  private static JsonObject endpoint(String name, LoopbackServer target) {
    return new JsonObject().put("name", name).put("url", target.url("/ep/" + name)).put("intervalMs", INTERVAL_MS);
  }

  /**
   * Waits until the running members' probes hold every endpoint exactly once, each on the member rendezvous hashing
   * names among the running members, and say so in their sections; returns each endpoint's owner.
   */
  private static Map<String, String> settled(TestCluster cluster, List<String> names) {
    List<String> members = new ArrayList<>(new TreeSet<>(cluster.nodes().stream().map(TestVigie::nodeId).toList()));
    Map<String, String> expected = new HashMap<>();
    names.forEach(n -> expected.put(n, RendezvousHash.owner("endpoint:" + n, members)));
    Wait.eventually("every endpoint on exactly the member that owns it, " + cluster.nodes().size() + " members",
        () -> {
          Map<String, String> seen = new HashMap<>();
          int listed = 0;
          for (TestVigie node : cluster.nodes()) {
            for (String name : owned(node).keySet()) {
              seen.put(name, node.nodeId());
              listed++;
            }
          }
          return listed == names.size() && seen.equals(expected);
        });
    for (TestVigie node : cluster.nodes()) {
      long mine = expected.values().stream().filter(node.nodeId()::equals).count();
      Wait.eventually("the endpoints section of " + node.nodeId() + " to say it checks " + mine + " of " + names.size(),
          () -> share(node), s -> s != null && s.getInteger("owned") == mine && s.getInteger("of") == names.size()
              && s.getJsonArray("members").size() == members.size());
    }
    return expected;
  }

  /** The endpoints a member's probe checks, with the results it kept of each. */
  private static Map<String, Integer> owned(TestVigie node) {
    Map<String, Integer> samples = new HashMap<>();
    node.ask(ProbeBus.LIST, new JsonObject()).getJsonArray("endpoints").forEach(e ->
        samples.put(((JsonObject) e).getString("name"), ((JsonObject) e).getInteger("samples")));
    return samples;
  }

  private static Map<String, Integer> samples(TestCluster cluster) {
    Map<String, Integer> all = new HashMap<>();
    cluster.nodes().forEach(node -> all.putAll(owned(node)));
    return all;
  }

  private Map<String, Integer> atTarget(List<String> names) {
    Map<String, Integer> counts = new HashMap<>();
    names.forEach(n -> counts.put(n, requests.getOrDefault("/ep/" + n, new AtomicInteger()).get()));
    return counts;
  }

  /** The member's own endpoints section's share (its snapshot holds every member's endpoints section). */
  private static JsonObject share(TestVigie node) {
    return node.ask(MonitorBus.SNAPSHOT, new JsonObject()).getJsonArray("sections").stream()
        .map(JsonObject.class::cast).filter(s -> "endpoints".equals(s.getString("section")))
        .map(s -> s.getJsonObject("details").getJsonObject("share"))
        .filter(s -> s != null && node.nodeId().equals(s.getString("nodeId"))).findFirst().orElse(null);
  }

  private static int indexOf(TestCluster cluster, String nodeId) {
    for (int i = 0; i < cluster.nodes().size(); i++) {
      if (cluster.node(i).nodeId().equals(nodeId)) {
        return i;
      }
    }
    throw new AssertionError(nodeId + " is not a running member");
  }
}
