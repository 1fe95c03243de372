package dev.vigie.web;

import static dev.vigie.kit.Wait.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.Metric;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import dev.vigie.kit.LiveSocket;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LivePushTest {
  @TempDir
  Path dataDir;
  private TestVigie vigie;

  @BeforeEach
  void start() {
    vigie = TestVigie.start(TestConfig.defaults(dataDir));
  }

  @AfterEach
  void stop() {
    vigie.close();
  }

  private void publish(String section, Object value) {
    vigie.vertx().eventBus().publish(MonitorBus.SECTION, new SectionUpdate(section, "Test " + section,
        List.of(Metric.of("value", value, null, Status.GOOD)), null).toJson());
  }

  @Test
  void clientGetsSnapshotThenUpdateSoonAfterPublish() throws Exception {
    LiveSocket client = vigie.live();
    JsonObject snapshot = client.awaitType("snapshot", 5000);
    assertTrue(snapshot.getJsonArray("sections").stream()
        .anyMatch(s -> "system".equals(((JsonObject) s).getString("section"))), "the snapshot holds the system section");
    assertTrue(snapshot.containsKey("log") && snapshot.containsKey("alerts"));

    publish("pushed", 42);
    JsonObject update = client.awaitUpdateOf("pushed", 1500);
    JsonObject section = LiveSocket.section(update, "pushed");
    assertEquals(42, section.getJsonArray("metrics").getJsonObject(0).getInteger("value"));
    assertEquals("good", section.getString("status"));
    client.close();
  }

  @Test
  void twoHundredClientsAllReceiveTheUpdate() throws Exception {
    List<LiveSocket> clients = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      clients.add(vigie.live());
    }
    for (LiveSocket c : clients) {
      c.awaitType("snapshot", 10_000);
    }
    publish("broadcast", "hello");
    for (LiveSocket c : clients) {
      c.awaitUpdateOf("broadcast", 5000);
    }
    clients.forEach(LiveSocket::close);
  }

  @Test
  void pausedClientGetsNothingUntilResumeThenASnapshot() throws Exception {
    LiveSocket client = vigie.live();
    client.awaitType("snapshot", 5000);
    client.send("{\"type\":\"pause\"}");
    // Frames are handled in order: the answer to a bad command means the pause before it took effect.
    client.send("{\"type\":\"explode\"}");
    client.awaitType("error", 2000);
    // The resume is sent once the update carrying the section has gone out (and been held back from this client).
    Promise<Void> pushed = Promise.promise();
    MessageConsumer<JsonObject> updates = vigie.vertx().eventBus().<JsonObject>consumer(MonitorBus.UPDATE, m -> {
      if (m.body().encode().contains("while-paused")) {
        pushed.tryComplete();
      }
    });
    await("the update consumer", updates.completion());
    publish("while-paused", 1);
    await("the update carrying while-paused", pushed.future());
    await(updates.unregister());
    client.send("{\"type\":\"resume\"}");
    JsonObject next = client.await("the first frame after resume", f -> !"log".equals(f.getString("type"))
        && !LiveSocket.updateOf("system").test(f), 5000);
    assertEquals("snapshot", next.getString("type"), "the first frame after resume is a snapshot, not a stale update");
    JsonArray sections = next.getJsonArray("sections");
    assertTrue(sections.stream().anyMatch(s -> "while-paused".equals(((JsonObject) s).getString("section"))));
    client.close();
  }

  @Test
  void unknownCommandIsAnsweredWithAnError() throws Exception {
    LiveSocket client = vigie.live();
    client.awaitType("snapshot", 5000);
    client.send("{\"type\":\"explode\"}");
    JsonObject error = client.awaitType("error", 2000);
    assertEquals("UNKNOWN_COMMAND", error.getString("error"));
    client.close();
  }
}
