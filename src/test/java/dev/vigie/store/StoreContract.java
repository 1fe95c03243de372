package dev.vigie.store;

import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.DownloadBus;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.ProbeBus;
import dev.vigie.bus.StoreBus;
import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.StartedVigies;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestHttp;
import dev.vigie.kit.TestVigie;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's behaviour, run the same against each database (see {@link H2StoreTest}, {@link PostgresStoreTest}):
 * facts published on the bus come back as history, uptime windows and alert history; rollups keep percentiles;
 * retention deletes raw results only once rolled up; history survives a restart.
 */
abstract class StoreContract {
  static final long HOUR = 3_600_000L;
  static final long DAY = 24 * HOUR;

  @TempDir
  Path dataDir;

  @RegisterExtension
  final StartedVigies vigies = new StartedVigies();

  /** Vigie with the store and the web areas on this contract's database. */
  abstract TestConfig config();

  /** Whether the database's measured size drops when rows are deleted (H2's live pages) or not (PostgreSQL). */
  abstract boolean sizeShrinksOnDelete();

  /** A JDBC connection of the test's own to the same database. */
  abstract Connection connect() throws SQLException;

  TestVigie start() {
    return vigies.start(config());
  }

  @Test
  void resultsComeBackAsHistoryAndUptimeWindows() {
    TestVigie vigie = start();
    long now = System.currentTimeMillis();
    long from = now / 60_000L * 60_000L - 30 * 60_000L;
    for (int i = 0; i < 60; i++) {
      publishResult(vigie, "api", from + i * 30_000L, i % 10 != 0, 10 + i);
    }
    maintain(vigie, 60);

    JsonObject uptime = vigie.http().get("/api/history/uptime").bodyAsJsonObject();
    JsonObject api = monitor(uptime, "api");
    assertEquals("endpoint", api.getString("kind"));
    for (String window : List.of("24h", "7d", "30d")) {
      JsonObject w = api.getJsonObject("windows").getJsonObject(window);
      assertEquals(60, w.getLong("count"), window);
      assertEquals(6, w.getLong("failures"), window);
      assertEquals(90.0, w.getDouble("uptimePercent"), 1e-9, window);
      assertEquals(6, w.getJsonObject("reasons").getLong("timeout"), window);
      assertEquals(69.0, w.getDouble("maxMs"), 1e-9);
      assertEquals(39.0, w.getDouble("p50"), 0.5, window);
    }

    HttpResponse<Buffer> history = vigie.http().get("/api/monitors/api/history?from=" + from + "&to=" + (from + 30 * 60_000L)
        + "&step=5m");
    assertEquals(200, history.statusCode(), history.bodyAsString());
    JsonArray points = history.bodyAsJsonObject().getJsonArray("points");
    assertEquals(6, points.size());
    long total = 0;
    for (Object p : points) {
      assertEquals(10, ((JsonObject) p).getLong("count"), points.encode());
      total += ((JsonObject) p).getLong("count");
    }
    assertEquals(60, total);
    assertEquals(Instant.ofEpochMilli(from).toString(), points.getJsonObject(0).getString("t"));
  }

  @Test
  void badHistoryQuestionsAreRefusedNamingTheField() {
    TestVigie vigie = start();
    TestHttp http = vigie.http();
    assertRefused(http.get("/api/monitors/api/history?step=soon"), "step");
    assertRefused(http.get("/api/monitors/api/history?step=10"), "step");
    assertRefused(http.get("/api/monitors/api/history?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z"), "from");
    assertRefused(http.get("/api/monitors/api/history?to=yesterday"), "to");
    assertRefused(http.get("/api/monitors/api/history?from=0&to=" + 30 * DAY + "&step=1m"), "step");
    assertRefused(http.get("/api/history/alerts?limit=0"), "limit");
    assertRefused(http.get("/api/history/nothing"), "category");
    assertRefused(http.get("/api/history/uptime?limit=0"), "limit");
    assertRefused(http.get("/api/history/uptime?limit=1001"), "limit");
    assertRefused(http.get("/api/history/uptime?limit=ten"), "limit");
    assertRefused(http.get("/api/history/uptime?offset=-1"), "offset");
    assertRefused(http.get("/api/history/uptime?q=" + "x".repeat(201)), "q");
  }

  /** Uptime windows come a page at a time in id order, filtered by a text in the id: ten thousand monitors are not one answer. */
  @Test
  void uptimeWindowsComeAPageAtATime() {
    TestVigie vigie = start();
    long at = System.currentTimeMillis() - 60_000;
    int monitors = 105;
    for (int i = 0; i < monitors; i++) {
      publishResult(vigie, String.format("m-%03d", i), at, true, 10);
    }
    maintain(vigie, monitors);
    TestHttp http = vigie.http();

    JsonObject first = http.get("/api/history/uptime").bodyAsJsonObject();
    assertEquals(UptimeQuery.DEFAULT_LIMIT, first.getJsonArray("monitors").size(), "the default page");
    assertEquals("m-000", first.getJsonArray("monitors").getJsonObject(0).getString("monitor"));
    assertEquals(monitors, first.getInteger("total"));
    assertEquals(monitors, first.getInteger("matched"));

    JsonObject page = http.get("/api/history/uptime?limit=2&offset=10").bodyAsJsonObject();
    assertEquals(List.of("m-010", "m-011"), ids(page));
    assertEquals(10, page.getInteger("offset"));
    assertEquals(1, page.getJsonArray("monitors").getJsonObject(0).getJsonObject("windows").getJsonObject("24h")
        .getLong("count"));

    JsonObject filtered = http.get("/api/history/uptime?q=M-10&limit=3&offset=1").bodyAsJsonObject();
    assertEquals(List.of("m-101", "m-102", "m-103"), ids(filtered), "m-100 to m-104 hold 'm-10', the first skipped");
    assertEquals(5, filtered.getInteger("matched"));
    assertEquals(monitors, filtered.getInteger("total"));

    JsonObject past = http.get("/api/history/uptime?offset=500").bodyAsJsonObject();
    assertEquals(List.of(), ids(past));
    assertEquals(monitors, past.getInteger("offset"), "an offset past the end reads as the end");
    assertEquals(List.of("m-042"), ids(http.get("/api/history/uptime?monitor=m-042").bodyAsJsonObject()));
  }

  /**
   * Pages asked together share one computation of every monitor's windows (those asked while it is under way): for
   * ten thousand monitors each holds a histogram per monitor, and five pages opened at once, each computing its own,
   * ran a 512 MB heap out of memory.
   */
  @Test
  void uptimePagesAskedTogetherShareOneComputation() throws Exception {
    TestVigie vigie = start();
    long at = System.currentTimeMillis() - 60_000;
    for (String name : List.of("a", "b", "c")) {
      publishResult(vigie, name, at, true, 10);
    }
    maintain(vigie, 3);
    long computed = vigie.ask(StoreBus.STATE, new JsonObject()).getLong("uptimeComputations");
    List<Future<JsonObject>> pages = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      pages.add(vigie.vertx().eventBus().<JsonObject>request(StoreBus.UPTIME,
          new JsonObject().put("limit", 1).put("offset", i % 3)).map(Message::body));
    }
    Future.all(pages).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    for (int i = 0; i < 6; i++) {
      assertEquals(List.of(List.of("a", "b", "c").get(i % 3)), ids(pages.get(i).result()), "page " + i);
    }
    assertEquals(computed + 1, vigie.ask(StoreBus.STATE, new JsonObject()).getLong("uptimeComputations"));
    assertEquals(List.of("b"), ids(vigie.http().get("/api/history/uptime?monitor=b").bodyAsJsonObject()),
        "one monitor's question is its own");
  }

  /**
   * Questions of the next few seconds reuse every monitor's windows (at ten thousand monitors one computation takes
   * half a second of a core, and every page opened asks one); a maintenance ends the reuse.
   */
  @Test
  void uptimeQuestionsOfTheNextSecondsReuseTheWindowsUntilAMaintenance() {
    TestVigie vigie = start();
    publishResult(vigie, "a", System.currentTimeMillis() - 60_000, true, 10);
    maintain(vigie, 1);
    long started = System.nanoTime();
    JsonObject first = vigie.http().get("/api/history/uptime").bodyAsJsonObject();
    JsonObject second = vigie.http().get("/api/history/uptime?q=a").bodyAsJsonObject();
    if (System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(HistoryQueries.REUSE_MS)) {
      assertEquals(first.getString("at"), second.getString("at"), "computed once: " + first.encode() + " " + second.encode());
    }
    publishResult(vigie, "b", System.currentTimeMillis() - 60_000, true, 10);
    maintain(vigie, 2);
    JsonObject after = vigie.http().get("/api/history/uptime").bodyAsJsonObject();
    assertNotEquals(first.getString("at"), after.getString("at"));
    assertEquals(List.of("a", "b"), ids(after), "what the maintenance wrote is in the next answer");
  }

  private static List<String> ids(JsonObject uptime) {
    return uptime.getJsonArray("monitors").stream().map(m -> ((JsonObject) m).getString("monitor")).toList();
  }

  /**
   * The coverage heatmap's compact answer (issue 16), aggregated by the database itself (LISTAGG on H2, STRING_AGG on
   * PostgreSQL): a string per symbol, a character per day or month from the first entry to the last.
   */
  @Test
  void theCoverageHeatmapIsAStringPerSymbolWithACharacterPerDate() {
    TestVigie vigie = start();
    JsonArray rows = new JsonArray()
        .add(coverageRow("AAAUSDT", "daily", "2024-03-01", "verified", 100.0, 0))
        .add(coverageRow("AAAUSDT", "daily", "2024-03-03", "absent", null, null))
        .add(coverageRow("BBBUSDT", "daily", "2024-03-01", "failed", null, null))
        .add(coverageRow("BBBUSDT", "daily", "2024-03-02", "verified", 90.0, 0))
        .add(coverageRow("BBBUSDT", "daily", "2024-03-03", "verified", 100.0, 2))
        .add(coverageRow("AAAUSDT", "monthly", "2024-01", "verified", 100.0, 0))
        .add(coverageRow("AAAUSDT", "monthly", "2024-03", "queued", null, null));
    vigie.ask(StoreBus.COVERAGE_SAVE, new JsonObject().put("rows", rows));
    JsonObject daily = new JsonObject().put("market", "spot").put("dataType", "klines").put("interval", "1m")
        .put("period", "daily").put("form", "cells").put("maxCells", 100);
    JsonObject grid = vigie.ask(StoreBus.COVERAGE_QUERY, daily);
    assertEquals(new JsonArray().add("2024-03-01").add("2024-03-02").add("2024-03-03"), grid.getJsonArray("dates"));
    assertEquals(new JsonArray().add("AAAUSDT").add("BBBUSDT"), grid.getJsonArray("symbols"));
    assertEquals(new JsonArray().add("G.a").add("fWW"), grid.getJsonArray("cells"));
    assertEquals(new JsonObject().put("absent", 1L).put("failed", 1L).put("verified", 3L), grid.getJsonObject("counts"));
    assertEquals(false, grid.getBoolean("truncated"));
    JsonObject tooMany = vigie.ask(StoreBus.COVERAGE_QUERY, daily.copy().put("maxCells", 4));
    assertEquals(true, tooMany.getBoolean("truncated"));
    assertEquals(0, tooMany.getJsonArray("cells").size());
    JsonObject monthly = vigie.ask(StoreBus.COVERAGE_QUERY, daily.copy().put("period", "monthly"));
    assertEquals(new JsonArray().add("2024-01").add("2024-02").add("2024-03"), monthly.getJsonArray("dates"));
    assertEquals(new JsonArray().add("G.q"), monthly.getJsonArray("cells"));
  }

  private static JsonObject coverageRow(String symbol, String period, String date, String state, Double score,
      Integer gaps) {
    String name = symbol + "-1m-" + date + ".zip";
    return new JsonObject().put("key", "data/spot/" + period + "/klines/" + symbol + "/1m/" + name).put("market", "spot")
        .put("dataType", "klines").put("symbol", symbol).put("interval", "1m").put("period", period).put("date", date)
        .put("state", state).put("scorePercent", score).put("gaps", gaps).put("missing", gaps);
  }

  /** The rollup test: after raw results are rolled up and deleted, percentiles equal the raw ones within 1 %. */
  @Test
  void percentilesAfterRollupEqualTheRawOnesWithinTheHistogramPrecision() throws SQLException {
    TestVigie vigie = vigies.start(config().set("store.rawDays", 1));
    long start = (System.currentTimeMillis() - 2 * DAY) / HOUR * HOUR;
    Random random = new Random(14);
    double[] values = new double[3000];
    int failures = 0;
    for (int i = 0; i < values.length; i++) {
      // A long-tailed latency: mostly 5-50 ms, a few up to 2 s.
      values[i] = Math.round((random.nextDouble() < 0.95 ? 5 + 45 * random.nextDouble() : 50 + 1950 * random.nextDouble()) * 10) / 10.0;
      boolean ok = i % 50 != 0;
      failures += ok ? 0 : 1;
      publishResult(vigie, "api", start + i * 2 * HOUR / values.length, ok, values[i]);
    }
    maintain(vigie, values.length);
    assertEquals(0, count("SELECT COUNT(*) FROM results"), "raw results older than store.rawDays, once rolled up, are gone");
    assertTrue(count("SELECT COUNT(*) FROM rollups WHERE step_ms = 3600000") >= 2);
    assertTrue(count("SELECT COUNT(*) FROM rollups WHERE step_ms = 86400000") >= 1, "their day is rolled up too");

    double[] sorted = values.clone();
    Arrays.sort(sorted);
    JsonObject whole = vigie.http().get("/api/monitors/api/history?from=" + start + "&to=" + (start + 2 * HOUR)
        + "&step=2h").bodyAsJsonObject().getJsonArray("points").getJsonObject(0);
    assertEquals(values.length, whole.getLong("count"));
    assertEquals(failures, whole.getLong("failures"));
    for (int p : new int[] {50, 95, 99}) {
      double raw = sorted[(int) Math.ceil(p * sorted.length / 100.0 - 1e-9) - 1];
      double rolled = whole.getDouble("p" + p);
      assertEquals(raw, rolled, raw * 0.01 + 0.1, "p" + p + " from hour rollups vs raw");
    }

    // The same span read from minute rollups adds up to the same count.
    JsonArray minutes = vigie.http().get("/api/monitors/api/history?from=" + start + "&to=" + (start + 2 * HOUR)
        + "&step=1m").bodyAsJsonObject().getJsonArray("points");
    assertEquals(120, minutes.size());
    assertEquals(values.length, minutes.stream().mapToLong(p -> ((JsonObject) p).getLong("count")).sum());

    JsonObject windows = monitor(vigie.http().get("/api/history/uptime").bodyAsJsonObject(), "api").getJsonObject("windows");
    assertEquals(0, windows.getJsonObject("24h").getLong("count"));
    assertNull(windows.getJsonObject("24h").getValue("uptimePercent"));
    // The 7- and 30-day windows read the day rollups: the same histograms merged, the same percentiles.
    assertEquals(values.length, windows.getJsonObject("7d").getLong("count"));
    assertEquals(failures, windows.getJsonObject("30d").getLong("failures"));
    for (int p : new int[] {50, 95, 99}) {
      assertEquals(whole.getDouble("p" + p), windows.getJsonObject("30d").getDouble("p" + p), "p" + p);
    }
  }

  /** Over store.maxBytes, the oldest day of raw results goes first; their rollups keep the history. */
  @Test
  void overTheSizeCeilingTheOldestRawDayGoesAndTheRollupsKeepTheHistory() throws SQLException {
    TestVigie vigie = vigies.start(config().set("store.maxBytes", 1 << 20));
    long start = (System.currentTimeMillis() - 3 * DAY) / HOUR * HOUR;
    int n = 40_000;
    for (int i = 0; i < n; i++) {
      publishResult(vigie, "api", start + i * (2 * DAY / n), true, 5 + i % 100);
    }
    JsonObject first = maintain(vigie, n);
    assertTrue(first.getLong("sizeBytes") > 1 << 20, first.encode());
    assertTrue(first.getString("trimmed", "").startsWith("raw results before"), first.encode());
    assertEquals(0, count("SELECT COUNT(*) FROM results WHERE at_ms < " + (start + DAY)), "the oldest day of raw results");
    assertEquals(n / 2, count("SELECT COUNT(*) FROM results"), "the next day stays");
    JsonObject week = monitor(vigie.http().get("/api/history/uptime").bodyAsJsonObject(), "api")
        .getJsonObject("windows").getJsonObject("7d");
    assertEquals(n, week.getLong("count"), "rolled up before they went");

    JsonObject second = vigie.ask(StoreBus.MAINTAIN, new JsonObject());
    if (sizeShrinksOnDelete()) {
      assertTrue(second.getLong("sizeBytes") < first.getLong("sizeBytes"), "deletes shrink the live pages: " + second);
      assertEquals(second.getLong("sizeBytes") > 1 << 20, second.containsKey("trimmed"), "trims only while over: " + second);
    } else {
      assertNull(second.getValue("trimmed"), "freed space is reused first: no second trim until the size grows");
    }
  }

  /** Results written after their minute was rolled up (late, from the buffer) reach history without waiting for a tick. */
  @Test
  void lateResultsAreRolledUpAgainAsSoonAsTheyAreWritten() {
    TestVigie vigie = vigies.start(config().set("store.rollupDelayMs", 0));
    long now = System.currentTimeMillis();
    for (int i = 0; i < 10; i++) {
      publishResult(vigie, "api", now - 10 * 60_000L + i * 1000, true, 10);
    }
    maintain(vigie, 10);
    for (int i = 0; i < 5; i++) {
      publishResult(vigie, "api", now - 10 * 60_000L + 500 + i * 1000, false, 10);
    }
    eventually("the late results to be in the 24-hour window", () -> monitor(vigie.http().get("/api/history/uptime")
        .bodyAsJsonObject(), "api").getJsonObject("windows").getJsonObject("24h"),
        day -> day.getLong("count") == 15 && day.getLong("failures") == 5);
  }

  /**
   * The uptime windows' rolled-up part is kept between questions; late results for an older day are rolled up again
   * and reach the 7- and 30-day windows all the same.
   */
  @Test
  void lateResultsForAnOlderDayReachTheWindowsKeptBetweenQuestions() {
    TestVigie vigie = vigies.start(config().set("store.rollupDelayMs", 0));
    long threeDaysAgo = System.currentTimeMillis() - 3 * DAY;
    for (int i = 0; i < 10; i++) {
      publishResult(vigie, "api", threeDaysAgo + i * 1000, true, 10);
    }
    maintain(vigie, 10);
    for (int i = 0; i < 2; i++) {
      JsonObject week = windows(vigie, "api").getJsonObject("7d");
      assertEquals(10, week.getLong("count"), week.encode());
    }
    for (int i = 0; i < 5; i++) {
      publishResult(vigie, "api", threeDaysAgo + 500 + i * 1000, false, 10);
    }
    for (String window : List.of("7d", "30d")) {
      eventually("the late results to be in the " + window + " window", () -> windows(vigie, "api").getJsonObject(window),
          w -> w.getLong("count") == 15 && w.getLong("failures") == 5);
    }
    assertEquals(0, windows(vigie, "api").getJsonObject("24h").getLong("count"));
  }

  /**
   * Monitors seen on some days only: each window counts what it covers, an empty window reads count 0 and no uptime,
   * and results written after a question reach the next one.
   */
  @Test
  void monitorsWithGapsGetEachWindowRight() {
    TestVigie vigie = vigies.start(config().set("store.rollupDelayMs", 0));
    long now = System.currentTimeMillis();
    publishResult(vigie, "old", now - 10 * DAY, true, 10);
    publishResult(vigie, "gap", now - 3 * DAY, false, 10);
    publishResult(vigie, "gap", now - 5 * 60_000L, true, 10);
    publishResult(vigie, "new", now - 5 * 60_000L, true, 10);
    maintain(vigie, 4);
    assertCounts(vigie, "old", 0, 0, 1);
    assertCounts(vigie, "gap", 1, 2, 2);
    assertCounts(vigie, "new", 1, 1, 1);
    JsonObject empty = windows(vigie, "old").getJsonObject("24h");
    assertNull(empty.getValue("uptimePercent"), empty.encode());
    assertEquals(50.0, windows(vigie, "gap").getJsonObject("7d").getDouble("uptimePercent"), 1e-9);

    publishResult(vigie, "new", now - 2 * 60_000L, true, 10);
    publishResult(vigie, "new", now - 1000, false, 10);
    maintain(vigie, 6);
    assertCounts(vigie, "new", 3, 3, 3);
    assertEquals(1, windows(vigie, "new").getJsonObject("30d").getLong("failures"));
    assertCounts(vigie, "gap", 1, 2, 2);
  }

  private static void assertCounts(TestVigie vigie, String monitor, long day, long week, long month) {
    JsonObject windows = windows(vigie, monitor);
    assertEquals(List.of(day, week, month), List.of(windows.getJsonObject("24h").getLong("count"),
        windows.getJsonObject("7d").getLong("count"), windows.getJsonObject("30d").getLong("count")),
        monitor + ": " + windows.encode());
  }

  static JsonObject windows(TestVigie vigie, String monitor) {
    return monitor(vigie.http().get("/api/history/uptime").bodyAsJsonObject(), monitor).getJsonObject("windows");
  }

  /** The restart test: results, uptime windows, alert history and records are all there after a restart. */
  @Test
  void historySurvivesARestart() {
    TestVigie first = start();
    long now = System.currentTimeMillis();
    for (int i = 0; i < 40; i++) {
      publishResult(first, "api", now - 3 * DAY + i * HOUR, i != 7, 20);
    }
    long raised = now - 2 * HOUR;
    publishAlert(first, "raised", raised);
    publishAlert(first, "cleared", raised + 90_000);
    first.vertx().eventBus().publish(DownloadBus.DONE, new JsonObject().put("id", "d1")
        .put("key", "data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-03-01.zip").put("bytes", 1234));
    maintain(first, 43);
    JsonObject before = first.http().get("/api/history/uptime").bodyAsJsonObject();
    first.close();

    TestVigie second = start();
    JsonObject after = eventually("the store to answer after the restart",
        () -> second.http().get("/api/history/uptime"), r -> r.statusCode() == 200).bodyAsJsonObject();
    assertEquals(before.getJsonArray("monitors"), after.getJsonArray("monitors"));
    JsonObject windows = monitor(after, "api").getJsonObject("windows");
    assertEquals(40, windows.getJsonObject("7d").getLong("count"));
    assertEquals(97.5, windows.getJsonObject("7d").getDouble("uptimePercent"), 1e-9);

    JsonArray alerts = second.http().get("/api/history/alerts").bodyAsJsonObject().getJsonArray("alerts");
    assertEquals(1, alerts.size(), alerts.encode());
    JsonObject alert = alerts.getJsonObject(0);
    assertEquals("cleared", alert.getString("state"));
    assertEquals(90_000, alert.getLong("durationMs"));
    assertEquals("critical", alert.getString("severity"));
    assertTrue(alert.getString("message").contains("Latency"), alert.encode());

    JsonArray downloads = second.http().get("/api/history/downloads").bodyAsJsonObject().getJsonArray("records");
    assertEquals(1, downloads.size());
    assertEquals("done", downloads.getJsonObject(0).getString("outcome"));
    assertEquals(1234, downloads.getJsonObject(0).getJsonObject("body").getLong("bytes"));
  }

  /** Monitors added through the API (one paused) are back after Vigie restarts on the same database, and probed. */
  @Test
  void monitorsAddedThroughTheApiAreBackAfterARestartAndProbed() throws SQLException {
    Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    try (LoopbackServer target = LoopbackServer.start(req -> {
      hits.computeIfAbsent(req.path(), p -> new AtomicInteger()).incrementAndGet();
      req.response().end("{\"t\": " + System.currentTimeMillis() + "}");
    })) {
      TestConfig config = config().only("probe", "store", "web");
      TestVigie first = vigies.start(config);
      HttpResponse<Buffer> added = first.http().post("/api/monitors", new JsonObject().put("type", "endpoint")
          .put("name", "kept").put("url", target.url("/kept")).put("intervalMs", 50));
      assertEquals(200, added.statusCode(), added.bodyAsString());
      assertEquals(200, first.http().post("/api/monitors", new JsonObject().put("type", "freshness")
          .put("name", "kept-fresh").put("kind", "http").put("url", target.url("/fresh")).put("jsonPointer", "/t")
          .put("intervalMs", 50).put("paused", true)).statusCode());
      eventually("the added endpoint to be probed", () -> hits.get("/kept"), n -> n != null && n.get() >= 3);
      first.close();
      assertEquals(2, count("SELECT COUNT(*) FROM monitors"));

      TestVigie second = vigies.start(config);
      int atRestart = hits.get("/kept").get();
      eventually("the kept endpoint to be probed again", () -> hits.get("/kept").get(), n -> n >= atRestart + 5);
      JsonObject kept = second.http().get("/api/monitors/kept").bodyAsJsonObject();
      assertEquals("store", kept.getString("source"), kept.encode());
      assertEquals(target.url("/kept"), kept.getString("url"));
      JsonObject fresh = second.http().get("/api/monitors/kept-fresh").bodyAsJsonObject();
      assertTrue(fresh.getBoolean("paused"), fresh.encode());
      assertNull(hits.get("/fresh"), "a paused source is not read");
      assertEquals(200, second.http().post("/api/monitors/kept-fresh/resume").statusCode());
      eventually("the resumed source to be read", () -> hits.get("/fresh"), n -> n != null && n.get() >= 2);
    }
  }

  static void publishResult(TestVigie vigie, String endpoint, long at, boolean ok, double latencyMs) {
    JsonObject result = new JsonObject().put("endpoint", endpoint).put("url", "http://127.0.0.1/").put("method", "GET")
        .put("latencyMs", latencyMs).put("ok", ok).put("time", Instant.ofEpochMilli(at).toString());
    if (ok) {
      result.put("statusCode", 200);
    } else {
      result.put("reason", "timeout").put("error", "no answer in time");
    }
    vigie.vertx().eventBus().publish(ProbeBus.RESULT, result);
  }

  static void publishAlert(TestVigie vigie, String state, long at) {
    JsonObject alert = new JsonObject().put("id", "endpoint-latency/api").put("rule", "endpoint-latency")
        .put("state", state).put("severity", "critical").put("section", "endpoints").put("metric", "api")
        .put("message", state.equals("raised") ? "endpoints / api Latency is 900 ms" : "endpoints / api back to normal")
        .put("action", "check backend logs").put("time", Instant.ofEpochMilli(at).toString())
        .put("raisedAt", Instant.ofEpochMilli(state.equals("raised") ? at : at - 90_000).toString());
    if (state.equals("cleared")) {
      alert.put("clearedAt", Instant.ofEpochMilli(at).toString());
    }
    vigie.vertx().eventBus().publish(MonitorBus.ALERT, alert);
  }

  /**
   * Once the store has heard {@code facts} facts (messages to different consumers may be handled in any order),
   * writes what is buffered, rolls up and applies retention.
   */
  static JsonObject maintain(TestVigie vigie, long facts) {
    eventually("the store to hear " + facts + " facts", () -> vigie.ask(StoreBus.STATE, new JsonObject()),
        state -> state.getLong("received") >= facts);
    return vigie.ask(StoreBus.MAINTAIN, new JsonObject());
  }

  static JsonObject monitor(JsonObject uptime, String name) {
    return uptime.getJsonArray("monitors").stream().map(JsonObject.class::cast)
        .filter(m -> m.getString("monitor").equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in " + uptime.encode()));
  }

  static void assertRefused(HttpResponse<Buffer> response, String field) {
    assertEquals(400, response.statusCode(), response.bodyAsString());
    assertEquals(field, response.bodyAsJsonObject().getString("field"), response.bodyAsString());
  }

  long count(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
