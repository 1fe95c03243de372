package dev.vigie.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.ProbeBus;
import dev.vigie.kit.Heard;
import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-endpoint and per-source alerts come from the checks themselves, not from section updates: raised once after
 * {@code probe.raiseAfter} (3) bad results in a row, cleared once after {@code probe.clearAfter} (2) good ones, and
 * kept by the monitor with the other alerts.
 */
class CheckAlertsTest {
  private static final long INTERVAL_MS = 250;

  @TempDir
  Path dataDir;

  @Test
  void aTargetThatFailsThenRecoversRaisesOnceAfterThreeBadChecksAndClearsOnceAfterTwoGood() throws Exception {
    AtomicBoolean healthy = new AtomicBoolean(true);
    Path file = Files.writeString(dataDir.resolve("export.csv"), "data");
    try (LoopbackServer target = LoopbackServer.start(req -> req.response().setStatusCode(healthy.get() ? 200 : 503).end());
        TestVigie vigie = TestVigie.start(TestConfig.defaults(dataDir).only("probe", "monitor")
            .set("probe.endpoints", new JsonArray().add(new JsonObject().put("name", "api")
                .put("url", target.url("/health")).put("intervalMs", INTERVAL_MS)))
            .set("probe.freshness", new JsonArray().add(new JsonObject().put("name", "export").put("kind", "file")
                .put("path", file.toString()).put("intervalMs", INTERVAL_MS))))) {
      Heard heard = vigie.listen(ProbeBus.RESULT, ProbeBus.FRESHNESS, MonitorBus.ALERT);
      heard.await("two good results", nth(r -> "api".equals(r.getString("endpoint")) && r.getBoolean("ok"), 2, heard));
      heard.await("two good readings", nth(r -> "export".equals(r.getString("source")) && "good".equals(r.getString("status")), 2, heard));

      healthy.set(false);
      Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(3))));
      JsonObject raised = heard.await("the endpoint's alert", alert("endpoint-latency/api", "raised"));
      heard.await("the source's alert", alert("freshness/export", "raised"));
      healthy.set(true);
      Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
      heard.await("the endpoint's clear", alert("endpoint-latency/api", "cleared"));
      heard.await("the source's clear", alert("freshness/export", "cleared"));
      // Five more good checks of each: nothing more is raised or cleared.
      int seen = heard.all().size();
      heard.await("five more good results", nth(r -> "api".equals(r.getString("endpoint")) && r.getBoolean("ok"), 5, heard, seen));
      heard.await("five more good readings", nth(r -> "export".equals(r.getString("source")), 5, heard, seen));

      List<JsonObject> all = heard.all();
      assertRun(all, "endpoint-latency/api", r -> "api".equals(r.getString("endpoint")), r -> !r.getBoolean("ok"));
      assertRun(all, "freshness/export", r -> "export".equals(r.getString("source")),
          r -> "critical".equals(r.getString("status")));
      assertEquals("host 127.0.0.1", raised.getString("group"));
      assertEquals("critical", raised.getString("severity"));
      assertTrue(raised.getString("message").contains("3 bad checks in a row"), raised.getString("message"));

      JsonArray kept = vigie.ask(MonitorBus.SNAPSHOT, null).getJsonArray("alerts");
      assertTrue(kept.stream().anyMatch(a -> "endpoint-latency/api".equals(((JsonObject) a).getString("id"))
          && "cleared".equals(((JsonObject) a).getString("state"))), "the monitor keeps it: " + kept.encode());
    }
  }

  /**
   * Exactly one raise and one clear of {@code id}; the raise right after the third bad result in a row (before a
   * fourth), the clear right after the second good one.
   */
  private static void assertRun(List<JsonObject> all, String id, Predicate<JsonObject> mine, Predicate<JsonObject> bad) {
    List<JsonObject> alerts = all.stream().filter(b -> id.equals(b.getString("id"))).toList();
    assertEquals(List.of("raised", "cleared"), alerts.stream().map(a -> a.getString("state")).toList(), id);
    int raise = all.indexOf(alerts.get(0));
    int clear = all.indexOf(alerts.get(1));
    assertEquals(3, trailingRun(all.subList(0, raise), mine, bad), id + ": bad results in a row before the raise");
    assertEquals(2, trailingRun(all.subList(0, clear), mine, bad.negate()), id + ": good results in a row before the clear");
  }

  private static int trailingRun(List<JsonObject> before, Predicate<JsonObject> mine, Predicate<JsonObject> kind) {
    int run = 0;
    for (int i = before.size() - 1; i >= 0; i--) {
      JsonObject b = before.get(i);
      if (!mine.test(b)) {
        continue;
      }
      if (!kind.test(b)) {
        break;
      }
      run++;
    }
    return run;
  }

  private static Predicate<JsonObject> alert(String id, String state) {
    return b -> id.equals(b.getString("id")) && state.equals(b.getString("state"));
  }

  /** True of the {@code n}-th body matching {@code p} heard from index {@code from} on. */
  private static Predicate<JsonObject> nth(Predicate<JsonObject> p, int n, Heard heard, int from) {
    return b -> {
      List<JsonObject> all = heard.all();
      return all.subList(Math.min(from, all.size()), all.size()).stream().filter(p).count() >= n && p.test(b);
    };
  }

  private static Predicate<JsonObject> nth(Predicate<JsonObject> p, int n, Heard heard) {
    return nth(p, n, heard, 0);
  }
}
