package dev.vigie.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.TestCluster;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.VigieProcess;
import dev.vigie.kit.Wait;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two clustered Vigies in their own JVMs on loopback: the survivor of a kill -9 exits on SIGTERM in under 5 s. */
class ClusteredProcessExitTest {
  @TempDir
  Path dir;

  @Test
  void theSurvivorOfAKilledMemberExitsOnSigtermInUnderFiveSeconds() {
    List<TestConfig> configs = TestCluster.configs(dir, 2, TestConfig::defaults);
    VigieProcess first = VigieProcess.start(configs.get(0));
    try (VigieProcess second = VigieProcess.start(configs.get(1))) {
      Wait.eventually("the two members to see each other", () -> members(second), n -> n == 2);
      first.kill();
      long started = System.nanoTime();
      second.close();
      long ms = (System.nanoTime() - started) / 1_000_000;
      System.out.println("survivor exit: " + ms + " ms; its output: " + String.join("\n", second.output()));
      assertTrue(ms < 5000, "the survivor took " + ms + " ms to exit");
    } finally {
      first.kill();
    }
  }

  /** The members the process's own cluster section lists (GET /api/snapshot), 0 before it has one. */
  private static int members(VigieProcess process) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + process.httpPort() + "/api/snapshot")).build(), HttpResponse.BodyHandlers.ofString());
    return new JsonObject(response.body()).getJsonArray("sections").stream().map(JsonObject.class::cast)
        .filter(s -> "cluster".equals(s.getString("section")))
        .mapToInt(s -> s.getJsonObject("details").getJsonArray("members").size()).findFirst().orElse(0);
  }
}
