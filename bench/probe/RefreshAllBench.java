import dev.vigie.Vigie;
import dev.vigie.config.ConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * "Refresh All" over N loopback endpoints: one target server (its own Vert.x instance) answers N paths with a small
 * JSON body; Vigie probes all of them (with a JSON-pointer assertion) through POST /api/probes/run. Prints the wall
 * time seen by the HTTP client and the one Vigie reports, cold (first run) then over warm runs.
 *
 * Run: java -cp target/vigie.jar bench/probe/RefreshAllBench.java [endpoints=200] [runs=30] [targetDelayMs=0]
 */
public class RefreshAllBench {
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    long delay = args.length > 2 ? Long.parseLong(args[2]) : 0;
    Vertx targetVertx = Vertx.vertx();
    HttpServer target = targetVertx.createHttpServer().requestHandler(req -> {
      Runnable answer = () -> req.response().putHeader("content-type", "application/json")
          .end("{\"status\":\"ok\",\"path\":\"" + req.path() + "\"}");
      if (delay > 0) {
        targetVertx.setTimer(delay, id -> answer.run());
      } else {
        answer.run();
      }
    });
    target.listen(0, "127.0.0.1").await();

    JsonArray endpoints = new JsonArray();
    for (int i = 0; i < n; i++) {
      endpoints.add(new JsonObject().put("name", "e" + i).put("url", "http://127.0.0.1:" + target.actualPort() + "/e/" + i)
          .put("jsonPointer", "/status").put("expectValue", "ok").put("intervalMs", 3_600_000).put("timeoutMs", 5000));
    }
    JsonObject config = ConfigLoader.defaults();
    config.getJsonObject("http").put("port", 0);
    config.getJsonObject("probe").put("endpoints", endpoints);
    Vigie vigie = Vigie.start(config).await();
    WebClient web = WebClient.create(vigie.vertx());

    List<Double> client = new ArrayList<>();
    List<Double> reported = new ArrayList<>();
    for (int r = 0; r <= runs; r++) {
      long start = System.nanoTime();
      JsonObject body = web.post(vigie.httpPort(), "127.0.0.1", "/api/probes/run").send().await().bodyAsJsonObject();
      double ms = (System.nanoTime() - start) / 1e6;
      long failed = body.getJsonArray("results").stream().filter(o -> !((JsonObject) o).getBoolean("ok")).count();
      if (failed > 0) {
        System.out.println("run " + r + ": " + failed + " of " + n + " failed: " + body.getJsonArray("results").encode().substring(0, 300));
      }
      if (r == 0) {
        System.out.printf("cold run (joins the checks started at deploy): client %.1f ms, reported %.1f ms%n", ms, body.getDouble("wallMs"));
      } else {
        client.add(ms);
        reported.add(body.getDouble("wallMs"));
      }
    }
    System.out.printf("endpoints=%d runs=%d targetDelayMs=%d maxConcurrent=%d%n", n, runs, delay,
        config.getJsonObject("probe").getInteger("maxConcurrent"));
    System.out.println("client wall ms:   " + summary(client));
    System.out.println("reported wall ms: " + summary(reported));
    vigie.close().await();
    targetVertx.close().await();
  }

  private static String summary(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return String.format("min %.1f  median %.1f  p95 %.1f  max %.1f", sorted.get(0), sorted.get(sorted.size() / 2),
        sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1), sorted.get(sorted.size() - 1));
  }
}
