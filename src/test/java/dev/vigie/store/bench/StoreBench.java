package dev.vigie.store.bench;

import dev.vigie.bus.StoreBus;
import dev.vigie.kit.LocalPostgres;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * The history store's benchmark (issue 14, bench/store/run.sh). Vigie runs with its store and web areas, as the
 * launcher starts them, on H2 (its default file under a temporary data directory) or on a throwaway PostgreSQL
 * (the test kit's LocalPostgres). Two phases:
 * <ol>
 *   <li>writes: {@link ResultSender} publishes probe results on the bus as the probe area does, at RATE a second
 *   over MONITORS endpoints, for SECONDS (after a warm-up of the same shape); the store's state is sampled every
 *   250 ms. Prints results written a second against those offered, the buffer's highest occupancy and its drops,
 *   how long the buffer took to drain once sending stopped, the sender's handover time per result (p50, p99, max)
 *   and the store's size per million results;</li>
 *   <li>query: the results are replaced by 30 days of history for MONITORS endpoints ({@link HistorySeed}), the
 *   store rolls up once ({@code vigie.store.maintain}), then {@code GET /api/history/uptime?limit=1000} (24 h, 7 d
 *   and 30 d uptime and percentiles of every monitor, its largest page) is timed once cold, then RUNS times.</li>
 * </ol>
 * Usage: StoreBench h2|postgres SECONDS [RATE=10000] [MONITORS=1000] [RUNS=20] [WARMUP_SECONDS=5] [INTERVAL_SEC=30].
 */
public final class StoreBench {
  private static final long LONG_MS = 600_000;

  private StoreBench() {
  }

  static String monitorName(int i) {
    return String.format(Locale.ROOT, "bench-%04d", i);
  }

  public static void main(String[] args) throws Exception {
    String kind = args[0];
    int seconds = Integer.parseInt(args[1]);
    double rate = args.length > 2 ? Double.parseDouble(args[2]) : 10_000;
    int monitors = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
    int runs = args.length > 4 ? Integer.parseInt(args[4]) : 20;
    int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 5;
    int interval = args.length > 6 ? Integer.parseInt(args[6]) : 30;
    Path dataDir = Files.createTempDirectory("vigie-storebench-");
    LocalPostgres pg = kind.equals("postgres") ? LocalPostgres.create() : null;
    TestConfig config = TestConfig.defaults(dataDir).only("store", "web");
    if (pg != null) {
      config.set("store.url", pg.url());
    }
    TestVigie vigie = TestVigie.start(config);
    try {
      long rollupDelayMs = vigie.config().getJsonObject("store").getLong("rollupDelayMs");
      JsonObject store = vigie.config().getJsonObject("store");
      System.out.printf(Locale.ROOT, "### %s: %d s at %.0f results/s over %d monitors (store.batchRows %d, "
              + "store.flushIntervalMs %d, store.bufferRows %d)%n%n", pg == null ? "H2" : "PostgreSQL", seconds, rate,
          monitors, store.getInteger("batchRows"), store.getLong("flushIntervalMs"), store.getInteger("bufferRows"));
      awaitState(vigie, s -> "up".equals(s.getString("state")), "the store to be up");
      if (warmup > 0) {
        writes(vigie, rate, monitors, warmup, true);
      }
      writes(vigie, rate, monitors, seconds, false);
      size(vigie, dataDir, pg);
      query(vigie, dataDir, pg, monitors, interval, runs, rollupDelayMs);
    } finally {
      vigie.close();
      if (pg != null) {
        pg.close();
      }
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void writes(TestVigie vigie, double rate, int monitors, int seconds, boolean warmup) throws Exception {
    JsonObject before = state(vigie);
    ResultSender sender = new ResultSender(rate, monitors, seconds * 1000L);
    long start = System.nanoTime();
    vigie.deploy(sender);
    long maxBuffered = 0;
    long lastWritten = before.getLong("written");
    long lastSample = start;
    double slowestSecond = Double.MAX_VALUE;
    while (!sender.done().isComplete()) {
      pause(250);
      JsonObject s = state(vigie);
      maxBuffered = Math.max(maxBuffered, s.getLong("buffered"));
      long now = System.nanoTime();
      if (now - lastSample >= 1_000_000_000L) {
        slowestSecond = Math.min(slowestSecond, (s.getLong("written") - lastWritten) * 1e9 / (now - lastSample));
        lastWritten = s.getLong("written");
        lastSample = now;
      }
    }
    double sentSeconds = (System.nanoTime() - start) / 1e9;
    JsonObject atEnd = state(vigie);
    long written = atEnd.getLong("written") - before.getLong("written");
    long drainStart = System.nanoTime();
    JsonObject drained = awaitState(vigie, s -> s.getLong("buffered") == 0
        && s.getLong("written") - before.getLong("written") >= sender.sent(), "the buffer to drain");
    double drainMs = (System.nanoTime() - drainStart) / 1e6;
    if (warmup) {
      System.out.printf(Locale.ROOT, "- warm-up: %d s, %d results sent, all written%n", seconds, sender.sent());
      return;
    }
    long dropped = drained.getLong("dropped") - before.getLong("dropped");
    System.out.printf(Locale.ROOT, "- offered: %d results in %.1f s = %.0f/s; written while sending: %d = %.0f/s "
            + "(slowest second %.0f/s)%n", sender.sent(), sentSeconds, sender.sent() / sentSeconds, written,
        written / sentSeconds, slowestSecond == Double.MAX_VALUE ? 0 : slowestSecond);
    System.out.printf(Locale.ROOT, "- buffer: at most %d of %d rows held (sampled every 250 ms), %d dropped, "
            + "%d left when sending stopped, drained in %.0f ms%n", maxBuffered, drained.getInteger("bufferRows"),
        dropped, atEnd.getLong("buffered"), drainMs);
    System.out.printf(Locale.ROOT, "- kept up: %s%n", dropped == 0 && drainMs < 5_000 ? "yes" : "NO");
    Histogram h = sender.handover();
    System.out.printf(Locale.ROOT, "- probe path, handing a result over (publish on vigie.probe.result): "
            + "p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f µs (%s under 1 ms at p99)%n",
        h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3,
        h.getMaxValue() / 1e3, h.getValueAtPercentile(99) < 1_000_000 ? "goal met:" : "goal MISSED: not");
    Histogram late = sender.lateness();
    System.out.printf(Locale.ROOT, "- sender behind its schedule (its event loop and the machine): p50 %.2f ms, "
            + "p99 %.2f ms, max %.2f ms%n", late.getValueAtPercentile(50) / 1e6, late.getValueAtPercentile(99) / 1e6,
        late.getMaxValue() / 1e6);
  }

  private static void size(TestVigie vigie, Path dataDir, LocalPostgres pg) throws Exception {
    if (pg == null) {
      // H2 writes its file in the background (about a second after a commit).
      pause(2_000);
      Path file = dataDir.resolve("store").resolve("vigie.mv.db");
      long bytes = Files.size(file);
      long rows;
      long pages;
      try (Connection c = h2(dataDir); Statement s = c.createStatement()) {
        rows = single(s, "SELECT COUNT(*) FROM results");
        pages = single(s, "SELECT DISK_SPACE_USED('RESULTS')");
      }
      System.out.printf(Locale.ROOT, "- size: H2 file %.1f MB for %d results = %.1f MB per million results "
          + "(the results table's live pages: %.1f MB per million)%n%n", bytes / 1e6, rows, bytes / 1e6 * 1e6 / rows,
          pages / 1e6 * 1e6 / rows);
    } else {
      try (Connection c = DriverManager.getConnection(pg.jdbcUrl()); Statement s = c.createStatement()) {
        s.execute("VACUUM ANALYZE results");
        long rows = single(s, "SELECT COUNT(*) FROM results");
        long table = single(s, "SELECT pg_total_relation_size('results')");
        long database = single(s, "SELECT pg_database_size(current_database())");
        System.out.printf(Locale.ROOT, "- size: pg_total_relation_size('results') %.1f MB for %d results = %.1f MB "
            + "per million results (table and its indexes; whole database %.1f MB)%n%n", table / 1e6, rows,
            table / 1e6 * 1e6 / rows, database / 1e6);
      }
    }
  }

  private static void query(TestVigie vigie, Path dataDir, LocalPostgres pg, int monitors, int interval, int runs,
      long rollupDelayMs) throws Exception {
    long seedStart = System.nanoTime();
    HistorySeed.Seeded seeded;
    try (Connection c = pg == null ? h2(dataDir) : DriverManager.getConnection(pg.jdbcUrl() + "&reWriteBatchedInserts=true")) {
      seeded = new HistorySeed(monitors, interval, rollupDelayMs).seed(c, System.currentTimeMillis());
      if (pg != null) {
        try (Statement s = c.createStatement()) {
          c.setAutoCommit(true);
          s.execute("VACUUM ANALYZE");
        }
      }
    }
    System.out.printf(Locale.ROOT, "- seeded 30 days for %d monitors probed every %d s in %.0f s: %d hour rollups, "
            + "%d minute rollups, %d raw results%n", monitors, interval, (System.nanoTime() - seedStart) / 1e9,
        seeded.hourRollups(), seeded.minuteRollups(), seeded.rawResults());
    long maintainStart = System.nanoTime();
    JsonObject maintained = ask(vigie, StoreBus.MAINTAIN, new JsonObject());
    System.out.printf(Locale.ROOT, "- the store rolled up once in %.1f s: %s%n",
        (System.nanoTime() - maintainStart) / 1e9, maintained.getJsonObject("marks").encode());

    WebClient client = WebClient.create(vigie.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(vigie.httpPort()));
    Histogram ms = new Histogram(3_600_000_000L, 3);
    double cold = 0;
    long expected = 30 * 86_400L / interval;
    for (int i = 0; i <= runs; i++) {
      long t0 = System.nanoTime();
      HttpResponse<Buffer> r = get(client.get("/api/history/uptime?limit=1000").send());
      long took = System.nanoTime() - t0;
      if (r.statusCode() != 200) {
        throw new IllegalStateException("GET /api/history/uptime answered " + r.statusCode() + ": " + r.bodyAsString());
      }
      JsonObject body = r.bodyAsJsonObject();
      int listed = body.getJsonArray("monitors").size();
      long count = body.getJsonArray("monitors").getJsonObject(0).getJsonObject("windows").getJsonObject("30d")
          .getLong("count");
      // One page (at most 1,000) of windows; every monitor is counted in "matched".
      if (listed != Math.min(monitors, 1000) || body.getInteger("matched") != monitors
          || Math.abs(count - expected) > expected / 20) {
        throw new IllegalStateException("the answer lists " + listed + " of " + body.getInteger("matched")
            + " monitors and " + count + " results over 30 days for the first; expected " + monitors + " and about "
            + expected);
      }
      if (i == 0) {
        cold = took / 1e6;
      } else {
        ms.recordValue(took / 1000);
      }
    }
    client.close();
    System.out.printf(Locale.ROOT, "- GET /api/history/uptime?limit=1000 (24 h, 7 d and 30 d for %d monitors): "
            + "first %.0f ms, then %d runs: p50 %.0f ms, p99 %.0f ms, max %.0f ms (goal under 200 ms: %s)%n%n", monitors,
        cold, runs, ms.getValueAtPercentile(50) / 1e3, ms.getValueAtPercentile(99) / 1e3, ms.getMaxValue() / 1e3,
        ms.getValueAtPercentile(99) < 200_000 ? "met at p99" : "MISSED at p99");
  }

  private static Connection h2(Path dataDir) throws SQLException {
    // The same file URL in the same JVM opens the very database the store has open.
    return DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("store").resolve("vigie").toAbsolutePath(),
        "vigie", "");
  }

  private static long single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static JsonObject state(TestVigie vigie) throws Exception {
    return ask(vigie, StoreBus.STATE, new JsonObject());
  }

  private static JsonObject awaitState(TestVigie vigie, Predicate<JsonObject> done, String what)
      throws Exception {
    long deadline = System.currentTimeMillis() + LONG_MS;
    while (true) {
      JsonObject s = state(vigie);
      if (done.test(s)) {
        return s;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("waited " + LONG_MS + " ms for " + what + "; the store's state: " + s.encode());
      }
      pause(50);
    }
  }

  private static JsonObject ask(TestVigie vigie, String address, JsonObject body) throws Exception {
    return get(vigie.vertx().eventBus().<JsonObject>request(address, body,
        new DeliveryOptions().setSendTimeout(LONG_MS))).body();
  }

  private static <T> T get(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(LONG_MS, TimeUnit.MILLISECONDS);
  }

  /** A bench's own pacing between samples (not a test: nothing here waits for a condition by sleeping). */
  private static void pause(long ms) throws InterruptedException {
    Thread.sleep(ms);
  }
}
