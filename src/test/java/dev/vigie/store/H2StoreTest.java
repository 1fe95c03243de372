package dev.vigie.store;

import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The store's contract on the embedded H2 file under the data directory (the default). */
class H2StoreTest extends StoreContract {
  @Override
  TestConfig config() {
    return TestConfig.defaults(dataDir).only("store", "web");
  }

  @Override
  boolean sizeShrinksOnDelete() {
    return true;
  }

  @Override
  Connection connect() throws SQLException {
    // The same file URL in the same JVM opens the very database the store has open.
    return DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("store").resolve("vigie").toAbsolutePath(),
        "vigie", "");
  }

  /** Real probes against a loopback target: their results accumulate in the store across a restart. */
  @Test
  void realProbeResultsAccumulateAcrossARestart() {
    try (LoopbackServer target = LoopbackServer.start(req -> req.response().end("ok"))) {
      TestConfig config = TestConfig.defaults(dataDir).only("probe", "store", "web")
          .set("probe.endpoints", new JsonArray().add(new JsonObject().put("name", "backend")
              .put("url", target.url("/health")).put("intervalMs", 50)));
      TestVigie first = vigies.start(config);
      long before = eventually("probe results to reach the store", () -> windowCount(first), n -> n >= 10);
      first.close();

      TestVigie second = vigies.start(config);
      long kept = windowCount(second);
      assertTrue(kept >= before, "kept " + kept + " of " + before);
      eventually("more results on top of them", () -> windowCount(second), n -> n >= kept + 10);
    }
  }

  private static long windowCount(TestVigie vigie) {
    JsonObject uptime = vigie.http().get("/api/history/uptime?monitor=backend").bodyAsJsonObject();
    return uptime.getJsonArray("monitors").isEmpty() ? 0
        : monitor(uptime, "backend").getJsonObject("windows").getJsonObject("24h").getLong("count");
  }

  @Test
  void theExportedReportCarriesTheHistoryWindows() {
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir).only("monitor", "store", "web"));
    long now = System.currentTimeMillis();
    for (int i = 0; i < 4; i++) {
      publishResult(vigie, "api", now - 2 * DAY - i * HOUR, i != 0, 30);
    }
    maintain(vigie, 4);
    JsonObject report = vigie.http().get("/api/report").bodyAsJsonObject();
    JsonObject windows = monitor(report.getJsonObject("history"), "api").getJsonObject("windows");
    assertEquals(0, windows.getJsonObject("24h").getLong("count"));
    assertEquals(4, windows.getJsonObject("7d").getLong("count"));
    assertEquals(75.0, windows.getJsonObject("30d").getDouble("uptimePercent"), 1e-9);
  }
}
