package dev.vigie.kit;

import static dev.vigie.kit.Wait.await;

import io.vertx.core.Future;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Several clustered Vigies in this JVM, on loopback only: each joins Hazelcast over TCP on 127.0.0.1 at a port that
 * was free (multicast off), listing the others' ports, with its own data directory ({@code <dir>/node-<i>}). Started
 * one after the other, so that they form one cluster; close it to stop the nodes still running, last first.
 */
public final class TestCluster implements AutoCloseable {
  private final List<TestVigie> nodes = new ArrayList<>();
  /** Each member's configuration, in start order: {@link #startAgain} restarts one with its data directory. */
  private final List<TestConfig> configs = new ArrayList<>();
  private final List<Future<Void>> killed = new ArrayList<>();
  private final List<TestVigie> cutOff = new ArrayList<>();

  private TestCluster() {
  }

  /**
   * Starts {@code size} nodes; {@code config} gives each node's configuration from its data directory (the cluster
   * keys are set here). Returns once every node is up and sees all the others.
   */
  public static TestCluster start(Path dir, int size, Function<Path, TestConfig> config) {
    TestCluster cluster = new TestCluster();
    try {
      cluster.configs.addAll(configs(dir, size, config));
      for (TestConfig node : cluster.configs) {
        cluster.nodes.add(TestVigie.start(node));
      }
      cluster.awaitMembers(size);
    } catch (RuntimeException | AssertionError e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /**
   * The configurations of {@code size} members of one cluster, for a test that starts them itself (in child JVMs with
   * {@link VigieProcess}): {@code config}'s, clustered on 127.0.0.1 at ports that were free, each listing them all.
   */
  public static List<TestConfig> configs(Path dir, int size, Function<Path, TestConfig> config) {
    List<Integer> ports = freePorts(size);
    JsonArray members = new JsonArray();
    ports.forEach(port -> members.add("127.0.0.1:" + port));
    List<TestConfig> configs = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      configs.add(config.apply(dir.resolve("node-" + i)).cluster()
          .set("cluster.host", "127.0.0.1").set("cluster.port", ports.get(i)).set("cluster.members", members.copy()));
    }
    return configs;
  }

  /** Waits until every running node sees {@code count} members. */
  public void awaitMembers(int count) {
    for (TestVigie node : nodes) {
      Wait.eventually("node " + nodes.indexOf(node) + " to see " + count + " members",
          () -> node.clusterNodes().size(), size -> size == count);
    }
  }

  /** The running node at {@code index} (in start order; a stopped node is no longer listed). */
  public TestVigie node(int index) {
    return nodes.get(index);
  }

  public List<TestVigie> nodes() {
    return List.copyOf(nodes);
  }

  /** Stops the node at {@code index} and returns how long its close took (Vert.x closed, the cluster left). */
  public Duration stop(int index) {
    TestVigie node = nodes.remove(index);
    long started = System.nanoTime();
    node.close();
    return Duration.ofNanos(System.nanoTime() - started);
  }

  /**
   * Kills the node at {@code index} as {@code kill -9} would, as far as the others can tell: its Hazelcast member is
   * terminated without leaving (its connections drop, no goodbye, no partition hand-off). Its Vert.x is then closed
   * in the background; {@link #close} waits for that.
   */
  public void kill(int index) {
    TestVigie node = nodes.remove(index);
    ((HazelcastClusterManager) ((VertxInternal) node.vertx()).clusterManager()).getHazelcastInstance()
        .getLifecycleService().terminate();
    killed.add(node.vertx().close());
  }

  /**
   * Cuts the node at {@code index} off from the others, alive: its Hazelcast member is terminated as in {@link #kill},
   * but its Vert.x and areas go on running (the others see it go; it can reach none of the cluster's maps), as a member
   * on the wrong side of a network split would. It is no longer listed; its Vert.x is returned, and closed by
   * {@link #close}.
   */
  public io.vertx.core.Vertx cutOff(int index) {
    TestVigie node = nodes.remove(index);
    ((HazelcastClusterManager) ((VertxInternal) node.vertx()).clusterManager()).getHazelcastInstance()
        .getLifecycleService().terminate();
    cutOff.add(node);
    return node.vertx();
  }

  /**
   * Starts the member first started as number {@code member} again, with its data directory and cluster port (after
   * a {@link #stop} or {@link #kill}); it is listed last among the running nodes. Returns it once its areas are up.
   */
  public TestVigie startAgain(int member) {
    TestVigie node = TestVigie.start(configs.get(member));
    nodes.add(node);
    return node;
  }

  @Override
  public void close() {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      nodes.remove(i).close();
    }
    cutOff.forEach(node -> killed.add(node.vertx().close()));
    cutOff.clear();
    killed.forEach(closing -> Wait.await("a killed node's Vert.x to close", closing.recover(e -> Future.succeededFuture())));
  }

  private static List<Integer> freePorts(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // A port that fails to close is still reported free; Hazelcast moves to the next one if it is taken.
        }
      }
    }
  }
}
