package dev.vigie.stress;

import static dev.vigie.kit.Wait.eventually;

import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestHttp;
import dev.vigie.kit.TestVigie;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The stress API of a Vigie the kit started: post a run, wait for its result. */
final class StressRuns {
  final TestHttp http;

  StressRuns(TestVigie vigie) {
    this.http = vigie.http();
  }

  /**
   * The areas a stress run needs: the monitor (sections, log), stress and web; every port of 127.0.0.1 is an allowed
   * target, since the tests' servers take free ports after Vigie started (AllowlistTest and StressLimitsTest check
   * the default, closed, allowlist).
   */
  static TestConfig config(Path dataDir) {
    return TestConfig.defaults(dataDir).only("monitor", "stress", "web")
        .set("stress.allowedTargets", new JsonArray().add("127.0.0.1:*"));
  }

  /** A target that answers and closes the connection (Connection: close) every time. */
  static Handler<HttpServerRequest> closingAfterEachAnswer() {
    return req -> req.response().putHeader("connection", "close").end("{}");
  }

  /** A target that drops the connection instead of answering every tenth request, and answers the others. */
  static Handler<HttpServerRequest> droppingEveryTenthRequest() {
    AtomicLong count = new AtomicLong();
    return req -> {
      if (count.incrementAndGet() % 10 == 0) {
        req.connection().close();
      } else {
        req.response().end("{}");
      }
    };
  }

  HttpResponse<Buffer> post(JsonObject body) {
    return http.post("/api/stress", body);
  }

  HttpResponse<Buffer> get(String path) {
    return http.get(path);
  }

  HttpResponse<Buffer> delete(String path) {
    return http.delete(path);
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
  JsonObject awaitResult(String id) {
    return eventually("run " + id + " to end", Duration.ofSeconds(30),
        () -> get("/api/stress/" + id).bodyAsJsonObject(), run -> !"running".equals(run.getString("state")));
  }
}
