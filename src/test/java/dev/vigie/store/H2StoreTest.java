package dev.vigie.store;

import dev.vigie.kit.TestConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The store's contract on the embedded H2 file under the data directory (the default). */
class H2StoreTest extends StoreContract {
  @Override
  TestConfig config() {
    return TestConfig.defaults(dataDir).only("store", "web");
  }

  @Override
  Connection connect() throws SQLException {
    // The same file URL in the same JVM opens the very database the store has open.
    return DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("store").resolve("vigie").toAbsolutePath(),
        "vigie", "");
  }
}
