package dev.vigie.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigie.bus.MonitorBus;
import dev.vigie.kit.LiveSocket;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A verticle Vigie does not know adds its own section, which reaches /ws with no change to Vigie. */
class CustomSectionTest {
  @TempDir
  Path dataDir;
  private TestVigie vigie;

  @AfterEach
  void stop() {
    vigie.close();
  }

  /** The README's example, as a user would write it: plain JSON on the documented address. */
  static final class QueueDepthVerticle extends VerticleBase {
    @Override
    public Future<?> start() {
      vertx.setPeriodic(100, id -> vertx.eventBus().publish("vigie.monitor.section", new JsonObject()
          .put("section", "orders")
          .put("title", "Order queue")
          .put("metrics", new JsonArray().add(new JsonObject()
              .put("label", "Depth").put("value", 12).put("unit", "msgs").put("status", "warning")))));
      return Future.succeededFuture();
    }
  }

  @Test
  void sectionFromAnotherVerticleArrivesOnTheWebsocket() throws Exception {
    vigie = TestVigie.start(TestConfig.defaults(dataDir));
    LiveSocket client = vigie.live();
    client.awaitType("snapshot", 5000);
    vigie.deploy(new QueueDepthVerticle());
    JsonObject update = client.awaitUpdateOf("orders", 3000);
    JsonObject orders = LiveSocket.section(update, "orders");
    assertEquals("Order queue", orders.getString("title"));
    assertEquals("warning", orders.getString("status"));
    assertEquals(12, orders.getJsonArray("metrics").getJsonObject(0).getInteger("value"));
    assertEquals(MonitorBus.SECTION, "vigie.monitor.section", "the documented address is the contract's");
    client.close();
  }
}
