package dev.vigie.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.CacheBus;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.ProbeBus;
import dev.vigie.config.ConfigLoader;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Freshness from every kind of source, with statuses by each source's own ages, and "no data" when there is none. */
@ExtendWith(VertxExtension.class)
class FreshnessSourcesTest {

  @Test
  void eachKindOfSourceGivesItsAgeAndStatus(Vertx vertx, VertxTestContext test, @TempDir Path dir) throws Exception {
    Instant now = Instant.now();
    long tenMinutesAgoS = now.minusSeconds(600).getEpochSecond();
    long fortyMinutesAgoMs = now.minusSeconds(2400).toEpochMilli();
    String threeHoursAgoIso = now.minusSeconds(3 * 3600).toString();
    HttpServer http = vertx.createHttpServer().requestHandler(req -> req.response().end(new JsonObject()
        .put("portfolio", new JsonObject().put("last_snapshot", tenMinutesAgoS))
        .put("risk", new JsonObject().put("updated", fortyMinutesAgoMs))
        .put("indicators", new JsonArray().add(new JsonObject().put("ts", threeHoursAgoIso))).encode()));
    Path file = Files.writeString(dir.resolve("export.csv"), "x");
    Files.setLastModifiedTime(file, FileTime.from(now.minusSeconds(90 * 60)));
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    MessageConsumer<JsonObject> cache = vertx.eventBus().consumer(CacheBus.STATS,
        msg -> msg.reply(new JsonObject().put("entries", 3).put("newestArchiveAt", now.minusSeconds(30).toString())));

    http.listen(0, "127.0.0.1").compose(s -> cache.completion()).compose(v -> {
      String url = "http://127.0.0.1:" + http.actualPort() + "/state";
      JsonArray sources = new JsonArray()
          .add(source("epoch-seconds", "http").put("url", url).put("jsonPointer", "/portfolio/last_snapshot")
              .put("goodAgeMinutes", 15).put("warningAgeMinutes", 60))
          .add(source("epoch-millis", "http").put("url", url).put("jsonPointer", "/risk/updated")
              .put("goodAgeMinutes", 15).put("warningAgeMinutes", 60))
          .add(source("iso", "http").put("url", url).put("jsonPointer", "/indicators/0/ts")
              .put("goodAgeMinutes", 30).put("warningAgeMinutes", 120))
          .add(source("file", "file").put("path", file.toString()).put("goodAgeMinutes", 60).put("warningAgeMinutes", 180))
          .add(source("missing-file", "file").put("path", dir.resolve("none").toString()))
          .add(source("cache", "cache").put("goodAgeMinutes", 1440).put("warningAgeMinutes", 4320))
          .add(source("never-answered", "http").put("url", "http://127.0.0.1:" + closedPort + "/").put("jsonPointer", "/t"));
      JsonObject config = ConfigLoader.defaults();
      config.getJsonObject("probe").put("freshness", sources);
      return vertx.deployVerticle(new ProbeVerticle(), new DeploymentOptions().setConfig(config));
    }).compose(id -> vertx.eventBus().<JsonObject>request(ProbeBus.RUN, null))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          Map<String, JsonObject> by = new HashMap<>();
          reply.body().getJsonArray("freshness").forEach(o -> by.put(((JsonObject) o).getString("source"), (JsonObject) o));
          assertEquals("good", by.get("epoch-seconds").getString("status"), by.get("epoch-seconds").encode());
          assertEquals(600_000, by.get("epoch-seconds").getLong("ageMs"), 5_000);
          assertEquals("warning", by.get("epoch-millis").getString("status"));
          assertEquals("critical", by.get("iso").getString("status"));
          assertEquals("warning", by.get("file").getString("status"));
          assertEquals("neutral", by.get("missing-file").getString("status"), "a missing file is no data, not an error");
          assertEquals("good", by.get("cache").getString("status"));
          JsonObject never = by.get("never-answered");
          assertEquals("neutral", never.getString("status"), never.encode());
          assertNotNull(never.getString("error"), "the failed check is explained");
          assertTrue(!never.containsKey("ageMs"));
          test.completeNow();
        })));
    assertTrue(test.awaitCompletion(15, TimeUnit.SECONDS));
    if (test.failed()) {
      throw new AssertionError(test.causeOfFailure());
    }
  }

  @Test
  void cacheNotDeployedIsNoDataNotAnError(Vertx vertx, VertxTestContext test) throws Exception {
    JsonObject config = ConfigLoader.defaults();
    config.getJsonObject("probe").put("freshness", new JsonArray().add(source("Newest archive", "cache")));
    JsonObject[] lastSection = new JsonObject[1];
    vertx.eventBus().<JsonObject>consumer(MonitorBus.SECTION, msg -> {
      if (msg.body().getString("section").equals("freshness")) {
        lastSection[0] = msg.body();
      }
    }).completion().compose(v -> vertx.deployVerticle(new ProbeVerticle(), new DeploymentOptions().setConfig(config)))
        .compose(id -> vertx.eventBus().<JsonObject>request(ProbeBus.RUN, null))
        .onComplete(test.succeeding(reply -> vertx.setTimer(100, t -> test.verify(() -> {
          JsonObject reading = reply.body().getJsonArray("freshness").getJsonObject(0);
          assertEquals("neutral", reading.getString("status"), reading.encode());
          assertTrue(!reading.containsKey("error") && !reading.containsKey("ageMs"), reading.encode());
          assertNotNull(reading.getString("time"), "the source was checked");
          JsonObject metric = lastSection[0].getJsonArray("metrics").getJsonObject(0);
          assertEquals("no data", metric.getValue("value"));
          assertEquals("neutral", metric.getString("status"));
          test.completeNow();
        }))));
    assertTrue(test.awaitCompletion(10, TimeUnit.SECONDS));
    if (test.failed()) {
      throw new AssertionError(test.causeOfFailure());
    }
  }

  private static JsonObject source(String name, String kind) {
    return new JsonObject().put("name", name).put("kind", kind).put("intervalMs", 3_600_000).put("timeoutMs", 2000);
  }
}
