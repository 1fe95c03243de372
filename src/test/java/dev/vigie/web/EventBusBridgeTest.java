package dev.vigie.web;

import static dev.vigie.kit.Wait.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigie.bus.Metric;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import dev.vigie.kit.LiveSocket;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SockJS bridge lets clients receive vigie.monitor.* and send nothing. */
class EventBusBridgeTest {
  @TempDir
  Path dataDir;
  private TestVigie vigie;

  @AfterEach
  void stop() {
    vigie.close();
  }

  @Test
  void receivesMonitorUpdatesAndMaySendNothing() throws Exception {
    vigie = TestVigie.start(TestConfig.defaults(dataDir));
    // SockJS's raw websocket transport speaks the bridge's JSON frames directly.
    LiveSocket bridge = LiveSocket.connect(vigie.vertx(), vigie.httpPort(), "/eventbus/websocket");
    bridge.send(new JsonObject().put("type", "register").put("address", MonitorBus.UPDATE).encode());
    bridge.send(new JsonObject().put("type", "register").put("address", "vigie.download.progress").encode());
    // Registrations are not acknowledged: publish until one update reaches the bridge client.
    long publishing = vigie.vertx().setPeriodic(0, 100, id -> vigie.vertx().eventBus().publish(MonitorBus.SECTION,
        new SectionUpdate("bridged", "Bridged", List.of(Metric.of("v", id, null, Status.GOOD)), null).toJson()));
    JsonObject message = bridge.await("a bridged update", f -> MonitorBus.UPDATE.equals(f.getString("address"))
        && f.getJsonObject("body").encode().contains("bridged"), 3000);
    vigie.vertx().cancelTimer(publishing);
    assertEquals("rec", message.getString("type"));

    bridge.send(new JsonObject().put("type", "send").put("address", MonitorBus.SNAPSHOT).put("replyAddress", "r1")
        .put("body", new JsonObject()).encode());
    JsonObject denied = bridge.awaitType("err", 3000);
    assertEquals("access_denied", denied.getString("body"));
    bridge.close();
  }
}
