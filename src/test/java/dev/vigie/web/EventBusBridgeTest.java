package dev.vigie.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigie.TestVigie;
import dev.vigie.Vigie;
import dev.vigie.bus.Metric;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import io.vertx.core.http.WebSocketConnectOptions;
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
  private Vigie vigie;

  @AfterEach
  void stop() {
    TestVigie.await(vigie.close());
  }

  @Test
  void receivesMonitorUpdatesAndMaySendNothing() throws Exception {
    vigie = TestVigie.start(TestVigie.config(dataDir));
    // SockJS's raw websocket transport speaks the bridge's JSON frames directly.
    LiveClient bridge = new LiveClient(vigie.vertx()).connect(new WebSocketConnectOptions()
        .setHost("127.0.0.1").setPort(vigie.httpPort()).setURI("/eventbus/websocket"));
    bridge.send(new JsonObject().put("type", "register").put("address", MonitorBus.UPDATE).encode());
    bridge.send(new JsonObject().put("type", "register").put("address", "vigie.download.progress").encode());
    Thread.sleep(300);
    vigie.vertx().eventBus().publish(MonitorBus.SECTION, new SectionUpdate("bridged", "Bridged",
        List.of(Metric.of("v", 1, null, Status.GOOD)), null).toJson());
    JsonObject message = bridge.await(f -> MonitorBus.UPDATE.equals(f.getString("address"))
        && f.getJsonObject("body").encode().contains("bridged"), 3000);
    assertEquals("rec", message.getString("type"));

    bridge.send(new JsonObject().put("type", "send").put("address", MonitorBus.SNAPSHOT).put("replyAddress", "r1")
        .put("body", new JsonObject()).encode());
    JsonObject denied = bridge.await(f -> "err".equals(f.getString("type")), 3000);
    assertEquals("access_denied", denied.getString("body"));
    bridge.close();
  }
}
