package dev.vigie.web;

import static dev.vigie.kit.Wait.await;
import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.MonitorBus;
import dev.vigie.kit.LiveSocket;
import dev.vigie.kit.StartedVigies;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot is encoded to UTF-8 once per change, by the monitor, and the web verticle holds one buffer per version
 * for every request: requests with no change in between get the same bytes, and neither a build nor a transfer of the
 * bytes happens per request.
 */
class SnapshotBytesTest {
  @TempDir
  Path dataDir;
  @RegisterExtension
  final StartedVigies vigies = new StartedVigies();

  @Test
  void requestsShareOneTextPerChange() {
    // No sampling during the test: the system section would change the snapshot at every sample.
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir).only("monitor", "web").sampleIntervalMs(3_600_000));
    vigie.http().post("/api/sections", section("one", "café — 1"));
    // Whatever the start still had to say (a log line) is in before the count begins.
    HttpResponse<Buffer> first = eventually("two snapshots in a row alike", () -> List.of(
        vigie.http().get("/api/snapshot"), vigie.http().get("/api/snapshot")),
        pair -> pair.get(0).body().equals(pair.get(1).body())).get(1);
    double builtBefore = vigie.meter("vigie_snapshot_texts_built_total");
    double receivedBefore = vigie.meter("vigie_snapshot_texts_received_total");

    Set<Buffer> bodies = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      HttpResponse<Buffer> response = vigie.http().get("/api/snapshot");
      assertEquals(200, response.statusCode());
      assertEquals("application/json", response.getHeader("content-type"));
      assertTrue(response.getHeader("server-timing").matches("monitor;dur=[0-9.]+, handler;dur=[0-9.]+"),
          response.getHeader("server-timing"));
      bodies.add(response.body());
    }
    assertEquals(Set.of(first.body()), bodies, "40 requests with no change between them: the same bytes");
    assertEquals(builtBefore, vigie.meter("vigie_snapshot_texts_built_total"), "texts built for 40 requests");
    assertEquals(receivedBefore, vigie.meter("vigie_snapshot_texts_received_total"), "texts sent to the web verticle");
    assertEquals("café — 1", section(first.bodyAsJsonObject(), "one").getJsonArray("metrics").getJsonObject(0)
        .getString("value"), "UTF-8 both ways");

    vigie.http().post("/api/sections", section("one", "café — 2"));
    HttpResponse<Buffer> changed = vigie.http().get("/api/snapshot");
    HttpResponse<Buffer> again = vigie.http().get("/api/snapshot");
    assertEquals("café — 2", section(changed.bodyAsJsonObject(), "one").getJsonArray("metrics").getJsonObject(0)
        .getString("value"));
    assertEquals(changed.body(), again.body());
    assertEquals(builtBefore + 1, vigie.meter("vigie_snapshot_texts_built_total"), "one build for the change");
    assertEquals(receivedBefore + 1, vigie.meter("vigie_snapshot_texts_received_total"));
    // Vigie's own timing of the requests is on /metrics, by part.
    assertTrue(vigie.meter("vigie_snapshot_request_seconds_count{part=\"served\"}") >= 43);
    assertTrue(vigie.meter("vigie_snapshot_request_seconds_count{part=\"monitor\"}") >= 43);
    // And how late the web loop's tick runs: what a request waits before any route sees it.
    eventually("a tick of the web loop timed", () -> vigie.meter("vigie_web_loop_lag_seconds_count"), n -> n >= 1);
  }

  /**
   * A snapshot of posted sections far over 16 KB is held outside the heap in pieces (each section's stored text):
   * HTTP and a /ws client both get it whole, byte for byte the same fields.
   */
  @Test
  void aLargeSnapshotReachesHttpAndWsWhole() {
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir).only("monitor", "web").sampleIntervalMs(3_600_000));
    for (int i = 0; i < 6; i++) {
      JsonArray metrics = new JsonArray();
      for (int m = 0; m < 40; m++) {
        metrics.add(new JsonObject().put("label", "m" + m).put("value", "é".repeat(150) + i).put("status", "good"));
      }
      assertEquals(200, vigie.http().post("/api/sections", new JsonObject().put("section", "big-" + i)
          .put("title", "big").put("metrics", metrics)).statusCode());
    }
    HttpResponse<Buffer> response = vigie.http().get("/api/snapshot");
    assertTrue(response.body().length() > 48_000, "snapshot bytes: " + response.body().length());
    JsonObject snapshot = response.bodyAsJsonObject();
    for (int i = 0; i < 6; i++) {
      assertEquals("é".repeat(150) + i, section(snapshot, "big-" + i).getJsonArray("metrics").getJsonObject(39)
          .getString("value"));
    }

    try (LiveSocket live = LiveSocket.connect(vigie.vertx(), vigie.httpPort(), "/ws")) {
      JsonObject frame = live.awaitType("snapshot", 10_000);
      assertEquals(snapshot.getJsonArray("sections"), frame.getJsonArray("sections"));
      assertEquals(snapshot.getJsonArray("log"), frame.getJsonArray("log"));
    }
  }

  /** The monitor sends the bytes only to an asker that does not hold them; the source keeps one buffer per version. */
  @Test
  void theMonitorSendsBytesOnlyWhenTheyChanged() {
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir).only("monitor").sampleIntervalMs(3_600_000));
    Vertx vertx = vigie.vertx();
    var reply = await(vertx.eventBus().<Buffer>request(MonitorBus.SNAPSHOT_TEXT, null));
    String version = reply.headers().get(MonitorBus.SNAPSHOT_VERSION);
    assertTrue(reply.body().length() > 10);
    new JsonObject(reply.body());
    var held = await(vertx.eventBus().<Buffer>request(MonitorBus.SNAPSHOT_TEXT, null,
        new DeliveryOptions().addHeader(MonitorBus.SNAPSHOT_HELD, version)));
    assertEquals(0, held.body().length(), "nothing sent to an asker holding the current text");
    assertEquals(version, held.headers().get(MonitorBus.SNAPSHOT_VERSION));
    var stale = await(vertx.eventBus().<Buffer>request(MonitorBus.SNAPSHOT_TEXT, null,
        new DeliveryOptions().addHeader(MonitorBus.SNAPSHOT_HELD, "another-monitor-7")));
    assertEquals(reply.body(), stale.body(), "the whole text to an asker holding another");

    // The web side: every answer is the one buffer of its version, whatever the number of asks.
    SnapshotSource source = new SnapshotSource(vertx, 5000);
    List<Buffer> answers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      answers.add(await(source.current()));
    }
    answers.forEach(a -> assertSame(answers.get(0), a));
    assertEquals(1, source.received());
  }

  private static JsonObject section(String name, String value) {
    return new JsonObject().put("section", name).put("title", name).put("metrics", new JsonArray()
        .add(new JsonObject().put("label", "v").put("value", value).put("status", "good")));
  }

  private static JsonObject section(JsonObject snapshot, String name) {
    return snapshot.getJsonArray("sections").stream().map(JsonObject.class::cast)
        .filter(s -> name.equals(s.getString("section"))).findFirst().orElseThrow();
  }
}
