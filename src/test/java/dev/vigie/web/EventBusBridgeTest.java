package dev.vigie.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigie.bus.Metric;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import dev.vigie.kit.LiveSocket;
import dev.vigie.kit.StartedVigies;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SockJS bridge lets clients receive the live addresses named one by one, and nothing else; they send nothing.
 * SockJS's raw websocket transport speaks the bridge's JSON frames directly, as a hostile client would.
 */
class EventBusBridgeTest {
  @TempDir
  Path dataDir;
  @RegisterExtension
  final StartedVigies vigies = new StartedVigies();

  private static JsonObject frame(String type, String address) {
    return new JsonObject().put("type", type).put("address", address);
  }

  @Test
  void receivesMonitorUpdatesAndMaySendNothing() {
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir));
    LiveSocket bridge = LiveSocket.connect(vigie.vertx(), vigie.httpPort(), "/eventbus/websocket");
    bridge.send(frame("register", MonitorBus.UPDATE));
    // Registrations are not acknowledged: publish until one update reaches the bridge client.
    long publishing = vigie.vertx().setPeriodic(0, 100, id -> vigie.vertx().eventBus().publish(MonitorBus.SECTION,
        new SectionUpdate("bridged", "Bridged", List.of(Metric.of("v", id, null, Status.GOOD)), null).toJson()));
    JsonObject message = bridge.await("a bridged update", f -> MonitorBus.UPDATE.equals(f.getString("address"))
        && f.getJsonObject("body").encode().contains("bridged"), 3000);
    vigie.vertx().cancelTimer(publishing);
    assertEquals("rec", message.getString("type"));

    bridge.send(frame("send", MonitorBus.SNAPSHOT).put("replyAddress", "r1").put("body", new JsonObject()));
    assertEquals("access_denied", bridge.awaitType("err", 3000).getString("body"));
    bridge.send(frame("publish", MonitorBus.SECTION).put("body", new JsonObject().put("section", "forged")));
    assertEquals("access_denied", bridge.awaitType("err", 3000).getString("body"));
    bridge.close();
  }

  @Test
  void aBridgeClientFloodingFramesIsClosedWithPolicy() {
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir));
    LiveSocket bridge = LiveSocket.connect(vigie.vertx(), vigie.httpPort(), "/eventbus/websocket");
    for (int i = 0; i < 1000; i++) {
      bridge.send(frame("send", MonitorBus.SNAPSHOT).put("body", new JsonObject()));
    }
    assertEquals(1008, bridge.awaitClose(5000));
    LiveSocket other = LiveSocket.connect(vigie.vertx(), vigie.httpPort(), "/eventbus/websocket");
    other.send(frame("register", MonitorBus.LOG));
    other.send(frame("send", MonitorBus.SNAPSHOT).put("body", new JsonObject()));
    assertEquals("access_denied", other.awaitType("err", 3000).getString("body"), "another client is served as before");
    other.close();
  }

  @Test
  void registeringOnRequestReplyAddressesIsRefusedAndVigieAnswersEveryRequest() {
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir));
    LiveSocket bridge = LiveSocket.connect(vigie.vertx(), vigie.httpPort(), "/eventbus/websocket");
    for (String address : List.of(MonitorBus.SNAPSHOT, MonitorBus.REPORT, MonitorBus.SECTION, MonitorBus.EXTERNAL,
        MonitorBus.ACTIVITY, "vigie.download.request", "vigie.download.progress", "vigie.monitor.updat", "vigie.monitor.update.x")) {
      bridge.send(frame("register", address));
      JsonObject denied = bridge.awaitType("err", 3000);
      assertEquals("access_denied", denied.getString("body"), "register on " + address);
    }
    // Had a registration gone through, the bridge client would take a share of these and leave them unanswered.
    for (int i = 0; i < 20; i++) {
      assertEquals(200, vigie.http().get("/api/snapshot").statusCode(), "snapshot request " + i);
      assertEquals(200, vigie.http().post("/api/sections", new JsonObject().put("section", "ext-" + i)
          .put("metrics", new io.vertx.core.json.JsonArray())).statusCode(), "section post " + i);
    }
    assertEquals(0, bridge.count("rec"), "the bridge client received none of the requests");
    bridge.close();
  }
}
