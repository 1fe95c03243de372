package dev.vigie.download;

import dev.vigie.vision.VisionPath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.demo.MirrorFaults;
import dev.vigie.demo.MirrorVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vigie in a separate JVM, killed with SIGKILL mid-download and started again on the same data directory. */
class KilledProcessResumeTest {
  @TempDir
  Path temp;
  private Vertx vertx;
  private MirrorVerticle mirror;
  private Process vigie;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    mirror = new MirrorVerticle(new MirrorVerticle.Options("127.0.0.1", 0, temp.resolve("mirror"), 40_000, 0));
    vertx.deployVerticle(mirror).await(20, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    if (vigie != null) {
      vigie.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  @Test
  void aDownloadKilledWithSigkillResumesAfterRestartAndCompletesVerified() throws Exception {
    String key = DownloadHarness.tradesKey("ETHUSDT", "2024-06-01");
    String sha = mirror.archive(key).await(60, TimeUnit.SECONDS).sha256();
    long size = mirror.archive(key).await().size();
    mirror.faults().set(key, MirrorFaults.Fault.throttle(250_000));
    Path data = temp.resolve("data");
    Path part = data.resolve("tmp").resolve(VisionPath.partName(key));
    Path archive = data.resolve("archives").resolve(key);

    int port = launch(data);
    WebClient web = WebClient.create(vertx);
    int status = web.post(port, "127.0.0.1", "/api/downloads").sendJsonObject(DownloadHarness.trades("ETHUSDT", "2024-06-01"))
        .await(20, TimeUnit.SECONDS).statusCode();
    assertEquals(200, status);
    waitUntil(() -> Files.exists(part) && Files.size(part) > 150_000, "the .part grows");
    vigie.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    long partAtKill = Files.size(part);
    assertTrue(partAtKill < size, "killed mid-download: " + partAtKill + " of " + size);
    assertFalse(Files.exists(archive));
    int requestsBeforeRestart = mirror.seen().size();

    mirror.faults().set(key, MirrorFaults.Fault.throttle(2_000_000));
    launch(data);
    waitUntil(() -> Files.exists(archive), "the archive reaches the cache after the restart");

    assertEquals(sha, ResumeAfterDropTest.sha256(archive));
    List<MirrorVerticle.Seen> after = mirror.seen().subList(requestsBeforeRestart, mirror.seen().size());
    assertTrue(after.stream().anyMatch(s -> s.path().endsWith(".zip") && s.range() != null
        && s.range().matches("bytes=[1-9]\\d*-")), "resumed with a Range request: " + after);
    assertFalse(Files.exists(part), "no partial file left");
    waitUntil(() -> new JsonArray(Files.readString(data.resolve("tmp").resolve("pending.json"))).isEmpty(),
        "nothing left pending");
  }

  private int launch(Path data) throws Exception {
    JsonObject config = new JsonObject().put("dataDir", data.toString())
        .put("http", new JsonObject().put("port", 0))
        .put("source", new JsonObject().put("baseUrl", mirror.baseUrl()))
        .put("download", new JsonObject().put("retryBaseMs", 50).put("retryMaxMs", 500));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    vigie = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        VigieWithTestCache.class.getName(), "-conf", config.encode())
        .redirectErrorStream(true).start();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Process process = vigie;
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.startsWith("VIGIE_READY ")) {
            port.complete(Integer.parseInt(line.substring(12).trim()));
          }
        }
      } catch (Exception e) {
        port.completeExceptionally(e);
      }
      port.completeExceptionally(new AssertionError("vigie exited before it was ready"));
    });
    reader.setDaemon(true);
    reader.start();
    return port.get(30, TimeUnit.SECONDS);
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void waitUntil(Check check, String what) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      if (check.holds()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("timed out waiting until " + what);
  }
}
