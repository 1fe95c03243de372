package dev.vigie.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.TestVigie;
import dev.vigie.Vigie;
import dev.vigie.bus.Metric;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
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
  private Vigie vigie;

  @BeforeEach
  void start() {
    vigie = TestVigie.start(TestVigie.config(dataDir));
  }

  @AfterEach
  void stop() {
    TestVigie.await(vigie.close());
  }

  private void publish(String section, Object value) {
    vigie.vertx().eventBus().publish(MonitorBus.SECTION, new SectionUpdate(section, "Test " + section,
        List.of(Metric.of("value", value, null, Status.GOOD)), null).toJson());
  }

  @Test
  void clientGetsSnapshotThenUpdateSoonAfterPublish() throws Exception {
    LiveClient client = new LiveClient(vigie.vertx()).connect(vigie.httpPort());
    JsonObject snapshot = client.await(f -> "snapshot".equals(f.getString("type")), 5000);
    assertTrue(snapshot.getJsonArray("sections").stream()
        .anyMatch(s -> "system".equals(((JsonObject) s).getString("section"))), "the snapshot holds the system section");
    assertTrue(snapshot.containsKey("log") && snapshot.containsKey("alerts"));

    publish("pushed", 42);
    JsonObject update = client.await(LiveClient.updateOf("pushed"), 1500);
    JsonObject section = update.getJsonArray("sections").stream().map(JsonObject.class::cast)
        .filter(s -> "pushed".equals(s.getString("section"))).findFirst().orElseThrow();
    assertEquals(42, section.getJsonArray("metrics").getJsonObject(0).getInteger("value"));
    assertEquals("good", section.getString("status"));
    client.close();
  }

  @Test
  void twoHundredClientsAllReceiveTheUpdate() throws Exception {
    List<LiveClient> clients = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      clients.add(new LiveClient(vigie.vertx()).connect(vigie.httpPort()));
    }
    for (LiveClient c : clients) {
      c.await(f -> "snapshot".equals(f.getString("type")), 10_000);
    }
    publish("broadcast", "hello");
    for (LiveClient c : clients) {
      c.await(LiveClient.updateOf("broadcast"), 5000);
    }
    clients.forEach(LiveClient::close);
  }

  @Test
  void pausedClientGetsNothingUntilResumeThenASnapshot() throws Exception {
    LiveClient client = new LiveClient(vigie.vertx()).connect(vigie.httpPort());
    client.await(f -> "snapshot".equals(f.getString("type")), 5000);
    client.send("{\"type\":\"pause\"}");
    Thread.sleep(200);
    publish("while-paused", 1);
    Thread.sleep(500);
    client.send("{\"type\":\"resume\"}");
    JsonObject next = client.await(f -> !"log".equals(f.getString("type"))
        && !LiveClient.updateOf("system").test(f), 5000);
    assertEquals("snapshot", next.getString("type"), "the first frame after resume is a snapshot, not a stale update");
    JsonArray sections = next.getJsonArray("sections");
    assertTrue(sections.stream().anyMatch(s -> "while-paused".equals(((JsonObject) s).getString("section"))));
    client.close();
  }

  @Test
  void unknownCommandIsAnsweredWithAnError() throws Exception {
    LiveClient client = new LiveClient(vigie.vertx()).connect(vigie.httpPort());
    client.await(f -> "snapshot".equals(f.getString("type")), 5000);
    client.send("{\"type\":\"explode\"}");
    JsonObject error = client.await(f -> "error".equals(f.getString("type")), 2000);
    assertEquals("UNKNOWN_COMMAND", error.getString("error"));
    client.close();
  }
}
