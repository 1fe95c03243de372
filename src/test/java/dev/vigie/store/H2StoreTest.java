package dev.vigie.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
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
