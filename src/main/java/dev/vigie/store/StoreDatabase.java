package dev.vigie.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.jdbcclient.JDBCConnectOptions;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.util.function.Function;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;

/**
 * The database behind the store, reached through Vert.x's SQL client {@link Pool} whichever it is: the embedded H2
 * file (vertx-jdbc-client) or PostgreSQL (vertx-pg-client). Statements are written once with {@code ?} parameters;
 * {@link #sql} turns them into PostgreSQL's {@code $n}. Flyway migrates the schema over JDBC on a worker thread.
 */
final class StoreDatabase {
  private final Vertx vertx;
  private final StoreSettings settings;
  private final boolean postgres;
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final Pool pool;
  private final Promise<Void> idle = Promise.promise();
  private int running;
  private Future<Void> closing;

  StoreDatabase(Vertx vertx, StoreSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.postgres = !settings.embedded();
    PoolOptions poolOptions = new PoolOptions().setMaxSize(settings.poolSize());
    if (postgres) {
      PgConnectOptions pg = PgConnectOptions.fromUri(settings.url().replaceFirst("^postgres://", "postgresql://"))
          .setReconnectAttempts(0);
      this.user = pg.getUser();
      this.password = pg.getPassword();
      this.jdbcUrl = "jdbc:postgresql://" + pg.getHost() + ":" + pg.getPort() + "/" + pg.getDatabase();
      this.pool = PgBuilder.pool().with(poolOptions).connectingTo(pg).using(vertx).build();
    } else {
      this.user = "vigie";
      this.password = "";
      // H2's own exit hook would close the file before the store's last write at shutdown; the pool closes it.
      // Its page cache lives in Vigie's heap: 4 MB (in KB here) instead of 16 keeps the heap flat as history grows.
      this.jdbcUrl = "jdbc:h2:file:" + settings.h2Base() + ";DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=4096";
      this.pool = JDBCPool.pool(vertx, new JDBCConnectOptions().setJdbcUrl(jdbcUrl).setUser(user).setPassword(password),
          poolOptions);
    }
  }

  /**
   * Runs {@code work} in one transaction, counted until it settles so that {@link #close} waits for it; refused
   * once closing. Called on the store's event loop only, like every method here.
   */
  <T> Future<T> transaction(Function<SqlConnection, Future<T>> work) {
    return counted(() -> pool.withTransaction(work));
  }

  private <T> Future<T> counted(Supplier<Future<T>> work) {
    if (closing != null) {
      return Future.failedFuture(new IllegalStateException("the store is closing"));
    }
    running++;
    Future<T> started;
    try {
      started = work.get();
    } catch (RuntimeException e) {
      started = Future.failedFuture(e);
    }
    return started.andThen(ar -> {
      if (--running == 0 && closing != null) {
        idle.tryComplete();
      }
    });
  }

  /** {@code "PostgreSQL"} or {@code "H2"}: the section and the API show it. */
  String kind() {
    return postgres ? "PostgreSQL" : "H2";
  }

  /** Where the data is, without credentials: the H2 file, or PostgreSQL's host, port and database. */
  String location() {
    return postgres ? jdbcUrl.substring("jdbc:".length()) : settings.h2Base() + ".mv.db";
  }

  /** A statement written with {@code ?} parameters, in the dialect of this database. */
  String sql(String statement) {
    if (!postgres) {
      return statement;
    }
    StringBuilder out = new StringBuilder(statement.length() + 16);
    int n = 0;
    for (int i = 0; i < statement.length(); i++) {
      char c = statement.charAt(i);
      if (c == '?') {
        out.append('$').append(++n);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Runs one changing statement in its own transaction. Once a pooled JDBC connection has run a transaction,
   * vertx-jdbc-client 5.0.8 leaves it with auto-commit off, so a bare statement on it would never be committed.
   */
  Future<RowSet<Row>> update(String statement, Tuple params) {
    return transaction(conn -> conn.preparedQuery(sql(statement)).execute(params));
  }

  /** Runs one query; on H2 in a transaction of its own, for the same reason as {@link #update}: none stays open. */
  Future<RowSet<Row>> read(String statement, Tuple params) {
    return postgres ? counted(() -> pool.preparedQuery(sql(statement)).execute(params)) : update(statement, params);
  }

  /** Creates or upgrades the schema (Flyway, JDBC: on a worker thread). */
  Future<Void> migrate() {
    return counted(() -> vertx.executeBlocking(() -> {
      if (!postgres) {
        Files.createDirectories(settings.h2Base().getParent());
      }
      Flyway.configure(StoreDatabase.class.getClassLoader())
          .dataSource(jdbcUrl, user, password)
          .locations("classpath:db/migration")
          .load()
          .migrate();
      return null;
    }, false));
  }

  /**
   * The size the ceiling is checked against: on PostgreSQL the database's size on disk ({@code pg_database_size},
   * which deletes do not shrink: freed space is reused); on H2 the space its tables' live pages take
   * ({@code DISK_SPACE_USED}; the file itself grows for a while even on deletes, its log being append-only).
   */
  Future<Long> sizeBytes() {
    String query = postgres ? "SELECT pg_database_size(current_database())"
        : "SELECT DISK_SPACE_USED('RESULTS') + DISK_SPACE_USED('ROLLUPS') + DISK_SPACE_USED('ALERT_EVENTS') "
            + "+ DISK_SPACE_USED('RECORDS') + DISK_SPACE_USED('MONITORS') + DISK_SPACE_USED('STORE_MARKS') "
            + "+ DISK_SPACE_USED('NOTIFY_CHANNELS')";
    return read(query, Tuple.tuple()).map(rows -> ((Number) rows.iterator().next().getValue(0)).longValue());
  }

  /** Whether deleting rows makes {@link #sizeBytes} smaller (H2's live pages) or not (PostgreSQL's files). */
  boolean sizeShrinksOnDelete() {
    return !postgres;
  }

  /**
   * Refuses new work, waits for the work still running (at most {@code graceMs}: a database that stopped answering
   * must not hold a shutdown), then closes the pool. Closing the pool under a running statement would break it
   * off, and H2 would go on writing its file after the store had stopped.
   */
  Future<Void> close(long graceMs) {
    if (closing == null) {
      if (running == 0) {
        idle.tryComplete();
      }
      Future<Void> settled = Future.any(idle.future(), vertx.timer(graceMs)).mapEmpty();
      closing = settled.eventually(pool::close);
    }
    return closing;
  }
}
