package dev.vigie.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.TestCluster;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.VigieProcess;
import dev.vigie.kit.Wait;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code java -jar} Vigies with every area in one cluster on loopback: one of them, SIGTERM'd while the other
 * two run, stops every area and leaves in under 5 s (issue 17 point 6), saying so in its log, and the other two see
 * it gone.
 */
class LiveClusterExitIT {
  @TempDir
  Path temp;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aFullNodeLeavesALiveClusterOnSigtermInUnderFiveSeconds() {
    Path jar = Path.of(System.getProperty("vigie.jar", "target/vigie.jar"));
    assertTrue(Files.isRegularFile(jar), "the fat jar is built before integration tests: " + jar);
    List<VigieProcess> started = new ArrayList<>();
    try {
      for (TestConfig config : TestCluster.configs(temp, 3, TestConfig::defaults)) {
        started.add(VigieProcess.startJar(jar, config));
      }
      for (VigieProcess node : started) {
        Wait.eventually("each member to see the three", () -> members(node), n -> n == 3);
      }
      VigieProcess leaving = started.get(2);
      long signalled = System.nanoTime();
      leaving.close();
      long ms = (System.nanoTime() - signalled) / 1_000_000;
      List<String> log = leaving.output();
      System.out.println("a full node left a live cluster of three in " + ms + " ms; its stop: "
          + log.stream().filter(l -> l.contains("\"area_stopped\"") || l.contains("\"vigie_stop")).toList());
      assertTrue(ms < 5000, "exited " + ms + " ms after SIGTERM");
      assertTrue(log.stream().anyMatch(l -> l.contains("\"vigie_stopped\"")), "stopped within its bound: " + log);
      assertTrue(log.stream().filter(l -> l.contains("\"area_stopped\"")).count() >= 12, "every area stopped: " + log);
      for (VigieProcess node : started.subList(0, 2)) {
        Wait.eventually("the others to see it gone", () -> members(node), n -> n == 2);
      }
    } finally {
      started.forEach(VigieProcess::kill);
    }
  }

  /** The members the node's own cluster section lists, 0 before it has one. */
  private int members(VigieProcess node) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + node.httpPort() + "/api/snapshot")).build(), HttpResponse.BodyHandlers.ofString());
      return new JsonObject(response.body()).getJsonArray("sections").stream().map(JsonObject.class::cast)
          .filter(s -> "cluster".equals(s.getString("section")))
          .mapToInt(s -> s.getJsonObject("details").getJsonArray("members").size()).findFirst().orElse(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
