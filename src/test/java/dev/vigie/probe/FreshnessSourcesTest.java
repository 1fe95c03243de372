package dev.vigie.probe;

import static dev.vigie.kit.Wait.await;
import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.CacheBus;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.ProbeBus;
import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Freshness from every kind of source, with statuses by each source's own ages, and "no data" when there is none. */
class FreshnessSourcesTest {

  @Test
  void eachKindOfSourceGivesItsAgeAndStatus(@TempDir Path dir) throws Exception {
    Instant now = Instant.now();
    long tenMinutesAgoS = now.minusSeconds(600).getEpochSecond();
    long fortyMinutesAgoMs = now.minusSeconds(2400).toEpochMilli();
    String threeHoursAgoIso = now.minusSeconds(3 * 3600).toString();
    LoopbackServer http = LoopbackServer.start(req -> req.response().end(new JsonObject()
        .put("portfolio", new JsonObject().put("last_snapshot", tenMinutesAgoS))
        .put("risk", new JsonObject().put("updated", fortyMinutesAgoMs))
        .put("indicators", new JsonArray().add(new JsonObject().put("ts", threeHoursAgoIso))).encode()));
    Path file = Files.writeString(dir.resolve("export.csv"), "x");
    Files.setLastModifiedTime(file, FileTime.from(now.minusSeconds(90 * 60)));
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String url = http.url("/state");
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
    try (http; TestVigie vigie = TestVigie.start(TestConfig.defaults(dir).only("probe").set("probe.freshness", sources))) {
      // A stand-in for the cache area, answering what its stats would say.
      await(vigie.vertx().eventBus().<JsonObject>consumer(CacheBus.STATS, msg -> msg.reply(new JsonObject()
          .put("entries", 3).put("newestArchiveAt", now.minusSeconds(30).toString()))).completion());
      JsonObject reply = vigie.ask(ProbeBus.RUN, null);
      Map<String, JsonObject> by = new HashMap<>();
      reply.getJsonArray("freshness").forEach(o -> by.put(((JsonObject) o).getString("source"), (JsonObject) o));
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
    }
  }

  @Test
  void cacheNotDeployedIsNoDataNotAnError(@TempDir Path dir) {
    AtomicReference<JsonObject> lastSection = new AtomicReference<>();
    try (TestVigie vigie = TestVigie.start(TestConfig.defaults(dir).only("probe")
        .set("probe.freshness", new JsonArray().add(source("Newest archive", "cache"))))) {
      await(vigie.vertx().eventBus().<JsonObject>consumer(MonitorBus.SECTION, msg -> {
        if (msg.body().getString("section").equals("freshness")) {
      lastSection.set(msg.body());
        }
      }).completion());
      JsonObject reply = vigie.ask(ProbeBus.RUN, null);
      JsonObject reading = reply.getJsonArray("freshness").getJsonObject(0);
      assertEquals("neutral", reading.getString("status"), reading.encode());
      assertTrue(!reading.containsKey("error") && !reading.containsKey("ageMs"), reading.encode());
      assertNotNull(reading.getString("time"), "the source was checked");
      JsonObject section = eventually("the freshness section to be published", lastSection::get, x -> x != null);
      JsonObject metric = section.getJsonArray("metrics").getJsonObject(0);
      assertEquals("no data", metric.getValue("value"));
      assertEquals("neutral", metric.getString("status"));
    }
  }

  private static JsonObject source(String name, String kind) {
    return new JsonObject().put("name", name).put("kind", kind).put("intervalMs", 3_600_000).put("timeoutMs", 2000);
  }
}
