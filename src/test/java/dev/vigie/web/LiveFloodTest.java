package dev.vigie.web;

import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.Metric;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import dev.vigie.kit.LiveSocket;
import dev.vigie.kit.StartedVigies;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A client flooding {@code /ws} with commands costs one snapshot at a time, is closed with 1008, and harms no one. */
class LiveFloodTest {
  @TempDir
  Path dataDir;
  @RegisterExtension
  final StartedVigies vigies = new StartedVigies();

  @Test
  void twentyThousandRefreshesAreCoalescedAndTheFlooderIsClosedWithPolicy() {
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir));
    LiveSocket healthy = vigie.live();
    healthy.awaitType("snapshot", 5000);
    LiveSocket flooder = LiveSocket.connectFrom(vigie.vertx(), "127.0.0.2",
        new WebSocketConnectOptions().setHost("127.0.0.1").setPort(vigie.httpPort()).setURI("/ws"));
    flooder.awaitType("snapshot", 5000);

    String refresh = new JsonObject().put("type", "refresh").encode();
    long start = System.nanoTime();
    for (int i = 0; i < 20_000; i++) {
      flooder.send(refresh);
    }

    assertEquals(1008, flooder.awaitClose(10_000), "the flooder is closed with the policy code");
    // The default pace: a burst of 20 commands, then 5 a second for as long as the flood lasted.
    long allowed = 20 + 5 * (long) Math.ceil((System.nanoTime() - start) / 1e9);
    assertEquals(200, vigie.http().get("/health").statusCode(), "/health answers during and after the flood");
    vigie.vertx().eventBus().publish(MonitorBus.SECTION, new SectionUpdate("after-flood", "After the flood",
        List.of(Metric.of("alive", 1, null, Status.GOOD)), null).toJson());
    healthy.awaitUpdateOf("after-flood", 5000);
    // The flooder got its first snapshot and at most one per command let through (fewer: they are coalesced).
    long snapshots = flooder.count("snapshot");
    assertTrue(snapshots <= 1 + allowed && allowed < 1000, "refreshes beyond the rate were ignored, not answered: "
        + snapshots + " snapshots, " + allowed + " commands allowed");
    assertTrue(flooder.count("error") <= 1, "the rate limit is announced once, not once per frame: " + flooder.count("error"));
    eventually("the web server to count only the healthy client", () -> vigie.http().get("/health").bodyAsJsonObject()
        .getJsonArray("checks").stream().map(JsonObject.class::cast).filter(c -> "web".equals(c.getString("id")))
        .findFirst().orElseThrow().getJsonObject("data").getInteger("clients"), clients -> clients == 1);
    healthy.close();
    flooder.close();
  }

  @Test
  void commandsWithinTheRateAreServedAndOverItAreAnsweredOnce() {
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir)
        .set("http.live.commandsPerSecond", 0.1).set("http.live.commandBurst", 3));
    LiveSocket client = vigie.live();
    client.awaitType("snapshot", 5000);
    for (int i = 0; i < 4; i++) {
      client.send("{\"type\":\"refresh\"}");
    }
    JsonObject limited = client.await("a RATE_LIMITED error", f -> "RATE_LIMITED".equals(f.getString("error")), 5000);
    assertTrue(limited.getString("message").contains("commands/s"), limited.encode());
    eventually("a snapshot answering the refreshes within the burst", () -> client.count("snapshot"), n -> n >= 2);
    // Three more past the rate (the bucket refilled a little meanwhile) reach a burst's worth ignored: flooding.
    for (int i = 0; i < 3; i++) {
      client.send("{\"type\":\"refresh\"}");
    }
    assertEquals(1008, client.awaitClose(5000));
    assertEquals(1, client.count("error"), "one notice for the whole run of ignored commands");
  }
}
