package dev.vigie.store;

import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.StoreBus;
import dev.vigie.kit.LocalPostgres;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's contract on a throwaway PostgreSQL ({@code store.url}); and the database going away. One server for the
 * class (initdb takes seconds), and a database of its own for each test, created empty as the test starts.
 */
class PostgresStoreTest extends StoreContract {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  static LocalPostgres pg;
  String database;

  @BeforeAll
  static void startPostgres() {
    pg = LocalPostgres.create();
  }

  @AfterAll
  static void stopPostgres() {
    if (pg != null) {
      pg.close();
    }
  }

  @BeforeEach
  void freshDatabase() {
    pg.ensureRunning();
    database = "store_test_" + DATABASES.incrementAndGet();
    pg.createDatabase(database);
  }

  @Override
  TestConfig config() {
    return TestConfig.defaults(dataDir).only("store", "web").set("store.url", pg.url(database));
  }

  @Override
  boolean sizeShrinksOnDelete() {
    return false;
  }

  @Override
  Connection connect() throws SQLException {
    return DriverManager.getConnection(pg.jdbcUrl(database));
  }

  /** With the database down, monitor changes are 503 STORE_DOWN and the monitors already applied go on. */
  @Test
  void monitorChangesAre503WhileTheDatabaseIsDown() {
    TestVigie vigie = vigies.start(config().only("probe", "store", "web").set("store.retryMs", 200));
    JsonObject monitor = new JsonObject().put("type", "endpoint").put("name", "later").put("url", "http://127.0.0.1:9/");
    pg.stop();
    HttpResponse<Buffer> refused = vigie.http().post("/api/monitors", monitor);
    assertEquals(503, refused.statusCode(), refused.bodyAsString());
    assertEquals("STORE_DOWN", refused.bodyAsJsonObject().getString("error"));
    assertEquals(0, vigie.http().get("/api/monitors").bodyAsJsonObject().getJsonArray("monitors").size());
    pg.start();
    eventually("the change to be accepted once the database is back",
        () -> vigie.http().post("/api/monitors", monitor).statusCode(), s -> s == 200);
  }

  /** The store-down test: results published while PostgreSQL is stopped wait in the bounded buffer, then arrive. */
  @Test
  void resultsWaitInTheBoundedBufferWhileTheDatabaseIsDownAndArriveWhenItIsBack() {
    TestVigie vigie = vigies.start(config().set("store.retryMs", 200).set("store.flushIntervalMs", 50)
        .set("store.bufferRows", 40));
    long now = System.currentTimeMillis();
    for (int i = 0; i < 30; i++) {
      publishResult(vigie, "api", now - 60_000 + i, true, 12);
    }
    eventually("the first results to be written", () -> state(vigie), s -> s.getLong("written") == 30);

    var sections = vigie.listen(MonitorBus.SECTION);
    pg.stop();
    for (int i = 0; i < 50; i++) {
      publishResult(vigie, "api", now - 30_000 + i, i % 2 == 0, 15);
    }
    JsonObject down = eventually("the store to notice the database is gone and hold what it can",
        () -> state(vigie), s -> s.getString("state").equals("down") && s.getLong("received") == 80
            && s.getInteger("buffered") == 40);
    assertEquals(10, down.getLong("dropped"), "the oldest results past store.bufferRows are dropped and counted");
    sections.await("the store section to turn critical", s -> s.getString("section").equals("store")
        && s.getJsonArray("metrics").getJsonObject(0).getString("value").equals("down")
        && s.getJsonArray("metrics").getJsonObject(0).getString("status").equals("critical"));
    HttpResponse<Buffer> refused = vigie.http().get("/api/history/uptime");
    assertEquals(503, refused.statusCode(), refused.bodyAsString());
    assertEquals("STORE_DOWN", refused.bodyAsJsonObject().getString("error"));
    assertEquals(200, vigie.http().get("/health").statusCode(), "Vigie itself stays up");

    pg.start();
    eventually("the buffered results to be written once the database is back", () -> state(vigie),
        s -> s.getString("state").equals("up") && s.getInteger("buffered") == 0 && s.getLong("written") == 70);
    maintain(vigie, 80);
    JsonObject day = monitor(vigie.http().get("/api/history/uptime").bodyAsJsonObject(), "api")
        .getJsonObject("windows").getJsonObject("24h");
    assertEquals(70, day.getLong("count"));
    assertEquals(20, day.getLong("failures"), "of the 40 kept from the outage, every other one failed");
  }

  @Test
  void vigieStartsWithTheDatabaseDownAndTheStoreConnectsOnceItIsUp() {
    pg.stop();
    TestVigie vigie = vigies.start(config().set("store.retryMs", 200));
    // The store finishes starting before its first connection attempt (start-up does not wait on a database).
    eventually("the store to find PostgreSQL down", () -> state(vigie), s -> s.getString("state").equals("down"));
    publishResult(vigie, "api", System.currentTimeMillis() - 1000, true, 8);
    pg.start();
    eventually("the store to migrate and write once PostgreSQL is up", () -> state(vigie),
        s -> s.getString("state").equals("up") && s.getLong("written") == 1);
  }

  private static JsonObject state(TestVigie vigie) {
    return vigie.ask(StoreBus.STATE, new JsonObject());
  }
}
