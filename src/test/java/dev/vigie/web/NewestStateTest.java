package dev.vigie.web;

import static dev.vigie.kit.Wait.eventually;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Updates to one section within a push interval are merged by design (the newest state wins), so a client does not
 * see every intermediate value; what it must see is the newest state of every section, always.
 */
class NewestStateTest {
  private static final int SECTIONS = 20;
  private static final int ROUNDS = 150;

  @TempDir
  Path dataDir;
  @RegisterExtension
  final StartedVigies vigies = new StartedVigies();

  @Test
  void aHealthyClientAlwaysEndsWithTheNewestStateOfEverySection() {
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir).pushIntervalMs(50));
    LiveSocket client = vigie.live();
    client.awaitType("snapshot", 5000);
    Map<String, JsonObject> newest = new HashMap<>();
    // 3,000 updates in a burst, statuses flipping: merged within each interval, pushed at once on built-in flips only.
    for (int round = 0; round < ROUNDS; round++) {
      for (int s = 0; s < SECTIONS; s++) {
        Status status = (round + s) % 3 == 0 ? Status.WARNING : Status.GOOD;
        JsonObject section = new SectionUpdate("load-" + s, "Load " + s,
            List.of(Metric.of("round", round, null, status)), null).toJson();
        newest.put("load-" + s, section);
        vigie.vertx().eventBus().publish(MonitorBus.SECTION, section);
      }
    }
    Map<String, JsonObject> view = eventually("the client's view to hold the newest round of every section", client::view,
        v -> newest.keySet().stream().allMatch(name -> v.containsKey(name)
            && v.get(name).getJsonArray("metrics").getJsonObject(0).getInteger("value") == ROUNDS - 1));
    for (Map.Entry<String, JsonObject> e : newest.entrySet()) {
      JsonObject shown = view.get(e.getKey());
      assertEquals(e.getValue().getJsonArray("metrics").getJsonObject(0).getString("status"),
          shown.getJsonArray("metrics").getJsonObject(0).getString("status"), e.getKey());
      assertEquals(shown.getJsonArray("metrics"),
          LiveSocket.section(vigie.ask(MonitorBus.SNAPSHOT, null), e.getKey()).getJsonArray("metrics"),
          "the client shows what the monitor holds: " + e.getKey());
    }
    client.close();
  }
}
