package dev.vigie.stress;

import dev.vigie.config.ConfigLoader;
import dev.vigie.monitor.MonitorVerticle;
import dev.vigie.web.WebVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Vigie's monitor, stress and web verticles on loopback (random port), and a client for the stress API. */
final class StressTestBed {
  final Vertx vertx;
  final WebClient client;
  final int port;

  private StressTestBed(Vertx vertx, int port) {
    this.vertx = vertx;
    this.port = port;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  /** The defaults, with {@code stress} overrides, any other top-level {@code extra} sections, and this data directory. */
  static JsonObject config(Path dataDir, JsonObject stress, JsonObject extra) {
    JsonObject config = ConfigLoader.defaults();
    config.put("dataDir", dataDir.toString());
    config.getJsonObject("http").put("port", 0);
    config.getJsonObject("stress").mergeIn(stress, true);
    config.mergeIn(extra, true);
    return config;
  }

  static StressTestBed start(Vertx vertx, JsonObject config) {
    DeploymentOptions options = new DeploymentOptions().setConfig(config);
    await(vertx.deployVerticle(new MonitorVerticle(), options));
    await(vertx.deployVerticle(new StressVerticle(), options));
    WebVerticle web = new WebVerticle(null, List.of("monitor", "stress"));
    await(vertx.deployVerticle(web, options));
    return new StressTestBed(vertx, web.actualPort());
  }

  /** A loopback HTTP server for runs to hit; returns its port. */
  static int target(Vertx vertx, Handler<HttpServerRequest> handler) {
    HttpServer server = vertx.createHttpServer().requestHandler(handler);
    return await(server.listen(0, "127.0.0.1")).actualPort();
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no answer: " + e, e);
    }
  }

  HttpResponse<Buffer> post(JsonObject body) {
    return await(client.post("/api/stress").sendJsonObject(body));
  }

  HttpResponse<Buffer> get(String path) {
    return await(client.get(path).send());
  }

  HttpResponse<Buffer> delete(String path) {
    return await(client.delete(path).send());
  }

  /** Starts a run and returns its id; fails unless the API accepted it. */
  String start(JsonObject body) {
    HttpResponse<Buffer> response = post(body);
    if (response.statusCode() != 200) {
      throw new AssertionError("run refused: " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject().getString("id");
  }

  /** Polls the run until it is no longer running and returns its result. */
  JsonObject awaitResult(String id) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      JsonObject run = get("/api/stress/" + id).bodyAsJsonObject();
      if (!"running".equals(run.getString("state"))) {
        return run;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("run " + id + " did not end in 30 s");
  }
}
