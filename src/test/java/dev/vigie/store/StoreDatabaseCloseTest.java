package dev.vigie.store;

import static dev.vigie.kit.Wait.await;
import static dev.vigie.kit.Wait.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.TestConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing the store's database waits for the statements still running, so that a stop never breaks one off and H2
 * never writes its file after the store has stopped; a database that does not answer holds the close only so long.
 */
class StoreDatabaseCloseTest {
  @TempDir
  Path dataDir;
  private Vertx vertx;
  private Context context;
  private StoreDatabase db;

  @BeforeEach
  void open() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    db = new StoreDatabase(vertx, StoreSettings.from(TestConfig.defaults(dataDir).json()));
    await("the schema", onContext(db::migrate));
  }

  @AfterEach
  void closeVertx() {
    await("Vert.x to close", vertx.close());
  }

  /** Runs {@code work} on the one context the store's database is used from, as the store verticle does. */
  private <T> Future<T> onContext(Supplier<Future<T>> work) {
    Promise<T> result = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(result));
    return result.future();
  }

  @Test
  void closeWaitsForTheTransactionStillRunning() {
    Promise<Void> gate = Promise.promise();
    Future<RowSet<Row>> running = onContext(() -> db.transaction(conn -> gate.future()
        .compose(v -> conn.query("INSERT INTO store_marks (name, at_ms) VALUES ('close-test', 7)").execute())));
    Future<Void> closed = onContext(() -> db.close(30_000));
    Future<RowSet<Row>> refused = onContext(() -> db.read("SELECT 1", io.vertx.sqlclient.Tuple.tuple()));

    assertTrue(failure("new work once closing", refused).getMessage().contains("closing"));
    assertFalse(closed.isComplete(), "the close waits while a transaction runs");
    context.runOnContext(v -> gate.complete());
    assertEquals(1, await("the running transaction", running).rowCount());
    await("the close", closed);
  }

  @Test
  void aTransactionThatNeverEndsHoldsTheCloseOnlyForItsGrace() {
    Promise<Void> never = Promise.promise();
    onContext(() -> db.transaction(conn -> never.future()));
    long started = System.nanoTime();
    await("the close", onContext(() -> db.close(300)));
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    assertTrue(tookMs >= 250, "closed after the grace, not before: " + tookMs + " ms");
  }
}
