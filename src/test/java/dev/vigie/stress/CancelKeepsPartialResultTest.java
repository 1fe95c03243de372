package dev.vigie.stress;

import static dev.vigie.kit.Wait.await;
import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.StressBus;
import dev.vigie.kit.LiveSocket;
import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestVigie;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A long run reports its progress every second, on the bus and on /ws, and stops at once when deleted. */
class CancelKeepsPartialResultTest {

  @Test
  void progressIsLiveAndDeleteStopsTheRunKeepingWhatItMeasured(@TempDir Path dir) {
    try (TestVigie vigie = TestVigie.start(StressRuns.config(dir))) {
      progressIsLiveAndDeleteStopsTheRunKeepingWhatItMeasured(vigie);
    }
  }

  private void progressIsLiveAndDeleteStopsTheRunKeepingWhatItMeasured(TestVigie vigie) {
    Vertx vertx = vigie.vertx();
    StressRuns bed = new StressRuns(vigie);
    int port = LoopbackServer.start(vertx, req -> req.response().setStatusCode(req.path().equals("/missing") ? 404 : 200)
        .end("{}")).port();
    int baseline = vertx.deploymentIDs().size();

    LiveSocket ws = vigie.live();

    String id = bed.start(new JsonObject().put("plan", "open").put("target", "http://127.0.0.1:" + port + "/")
        .put("rate", 50).put("durationMs", 60_000).put("connections", 2));
    assertEquals(baseline + 1, vertx.deploymentIDs().size(), "the run has its own verticle");

    Promise<JsonObject> progress = Promise.promise();
    vertx.eventBus().<JsonObject>consumer(StressBus.PROGRESS, msg -> {
      if (msg.body().getLong("completed") > 0) {
        progress.tryComplete(msg.body());
      }
    });
    JsonObject p = await("a progress event with completed requests", progress.future());
    assertEquals(id, p.getString("id"));
    for (String field : new String[] {"sent", "completed", "ok", "errors", "statusCodes", "ratePerSec", "interval", "total"}) {
      assertTrue(p.containsKey(field), field + " in " + p.encode());
    }
    for (String q : new String[] {"p50", "p90", "p99", "max"}) {
      assertTrue(p.getJsonObject("interval").containsKey(q) && p.getJsonObject("total").containsKey(q), p.encode());
    }
    assertEquals(id, ws.awaitType("stress", 5000).getString("id"), "progress reaches /ws as a stress frame");
    assertEquals("running", bed.get("/api/stress/" + id).bodyAsJsonObject().getString("state"));

    var stopped = bed.delete("/api/stress/" + id);
    assertEquals(200, stopped.statusCode(), stopped.bodyAsString());
    JsonObject partial = stopped.bodyAsJsonObject();
    assertEquals("cancelled", partial.getString("state"));
    assertTrue(partial.getLong("ok") > 0 && partial.getLong("sent") < 3000, partial.encode());
    assertTrue(partial.getLong("durationMs") < 30_000, partial.encode());
    assertFalse(partial.getJsonObject("verdict").getBoolean("pass"), "a cancelled run cannot pass");
    assertFalse(partial.containsKey("hgrm"), "the distribution is served apart");

    assertEquals("cancelled", bed.get("/api/stress/" + id).bodyAsJsonObject().getString("state"));
    long sentAtStop = partial.getLong("sent");
    // Once the run's verticle is gone nothing can send any more.
    eventually("the run's verticle to be undeployed", () -> vertx.deploymentIDs().size() == baseline);
    assertEquals(sentAtStop, bed.get("/api/stress/" + id).bodyAsJsonObject().getLong("sent"), "nothing more is sent");
    var hgrm = bed.get("/api/stress/" + id + "/hgrm");
    assertEquals(200, hgrm.statusCode());
    assertTrue(hgrm.bodyAsString().contains("Percentile"), hgrm.bodyAsString());
    assertEquals(baseline, vertx.deploymentIDs().size(), "the run's verticle is gone");
    JsonArray log = bed.get("/api/snapshot").bodyAsJsonObject().getJsonArray("log");
    assertTrue(log.stream().map(String::valueOf).anyMatch(l -> l.contains("Stress run " + id + " started")), log.encode());
    assertTrue(log.stream().map(String::valueOf).anyMatch(l -> l.contains("Stress run " + id + " cancelled")), log.encode());
    assertEquals(200, bed.post(new JsonObject().put("target", "http://127.0.0.1:" + port + "/").put("requests", 1)).statusCode(),
        "the target is free again");
  }
}
