package dev.vigie.store;

import dev.vigie.kit.LocalPostgres;
import dev.vigie.kit.TestConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The store's contract on a throwaway PostgreSQL ({@code store.url}), one per test. */
class PostgresStoreTest extends StoreContract {
  LocalPostgres pg;

  @BeforeEach
  void startPostgres() {
    pg = LocalPostgres.create();
  }

  @AfterEach
  void stopPostgres() {
    // Vigie (closed by StartedVigies before this) no longer holds connections.
    pg.close();
  }

  @Override
  TestConfig config() {
    return TestConfig.defaults(dataDir).only("store", "web").set("store.url", pg.url());
  }

  @Override
  Connection connect() throws SQLException {
    return DriverManager.getConnection(pg.jdbcUrl());
  }
}
