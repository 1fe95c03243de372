package dev.vigie.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.Refusal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A distributed run's bookkeeping, without Vert.x: shares, reports, lost generators, the merge. */
class DistributedRunSharesTest {
  private static final StressPlan OPEN = new StressPlan(StressPlan.Kind.OPEN, URI.create("http://127.0.0.1:9/"), 100,
      0, 8, 1000, 100, 1000, new PassCriteria(100, 100, 0), 2);

  @Test
  void theSharesSplitConnectionsRequestsAndRateAndKeepTheDuration() {
    long requests = 0;
    double rate = 0;
    int connections = 0;
    for (int i = 0; i < 3; i++) {
      StressPlan share = OPEN.share(i, 3);
      requests += share.requests();
      rate += share.rate();
      connections += share.connections();
      assertEquals(1000.0, share.requests() / share.rate() * 1000, 1e-6, "every share lasts the plan's duration");
      assertTrue(share.threads() <= share.connections());
    }
    assertEquals(100, requests);
    assertEquals(100.0, rate, 1e-9);
    assertEquals(8, connections);
  }

  @Test
  void aLostShareKeepsWhatItReportedIgnoresLateReportsAndMakesTheRunPartial() {
    DistributedRun run = new DistributedRun(OPEN, List.of("a", "b", "c"), 50, 0);
    run.report(report(0, "a", 10, 2, null), 1);
    run.report(report(1, "b", 5, 1, null), 1);
    run.report(report(2, "c", 7, 0, null), 1);
    run.report(report(0, "a", 20, 0, "completed"), 2);
    assertEquals(List.of(), run.membersNow(List.of("a", "b", "c")));
    assertEquals(1, run.membersNow(List.of("a", "c")).size(), "b left");
    run.report(report(1, "b", 1000, 0, "completed"), 3);
    assertEquals(List.of(), run.overdue(4_000_000_000L, 5_000_000_000L));
    assertEquals("c", run.overdue(7_000_000_000L, 5_000_000_000L).get(0).nodeId, "c fell silent");
    assertTrue(run.settled());
    assertEquals("partial", run.state());

    RunTally total = run.tally();
    assertEquals(10 + 20 + 5 + 7, total.latency().summary(true).getLong("count"),
        "every interval added once, the late report of b ignored");
    assertEquals(30 + 5 + 7, total.counters().completed, "the last running totals of each share");
    assertEquals(1, total.counters().aborted, "b's request in flight when it was lost");
    JsonArray lost = run.lostJson();
    assertEquals(2, lost.size());
    assertEquals("b", lost.getJsonObject(0).getString("nodeId"));
    assertEquals("its node left the cluster", lost.getJsonObject(0).getString("reason"));
    assertTrue(run.lostReasons().get(1).startsWith("generator c (share 3 of 3: "), run.lostReasons().get(1));
    assertThrows(IllegalArgumentException.class, () -> run.report(report(1, "a", 1, 0, null), 5), "wrong node");
  }

  @Test
  void aShareIsSilentFromWhenTheRunStartedNotFromWhenItWasPlanned() {
    DistributedRun run = new DistributedRun(OPEN, List.of("a", "b"), 50, 0);
    // Starting the shares took 7 s; "a" reported meanwhile, at 6 s.
    run.report(report(0, "a", 1, 0, null), 6_000_000_000L);
    run.started(7_000_000_000L);
    assertEquals(List.of(), run.overdue(11_000_000_000L, 5_000_000_000L), "4 s since the start: nobody is late");
    assertEquals(List.of("a", "b"), run.overdue(12_500_000_000L, 5_000_000_000L).stream().map(s -> s.nodeId).toList());
  }

  @Test
  void theCoordinatorComesFirstAndTooFewMembersAreRefused() {
    JsonObject view = new JsonObject().put("members", new JsonArray()
        .add(member("a", "stress")).add(member("b", "stress")).add(member("c", "probe")).add(new JsonObject().put("id", "d")));
    List<String> picked = DistributedRun.pickNodes("a", view, "run-1", 2);
    assertEquals(List.of("a", "b"), picked);
    Refusal refusal = assertThrows(Refusal.class, () -> DistributedRun.pickNodes("a", view, "run-1", 3));
    assertEquals(409, refusal.status());
    assertEquals("generators", refusal.field());
    assertTrue(refusal.getMessage().contains("3 asked, but 2 live members run the stress area (this node and b)"),
        refusal.getMessage());
  }

  private static JsonObject member(String id, String area) {
    return new JsonObject().put("id", id).put("areas", new JsonArray().add(area));
  }

  /** Each node's completed responses so far, for its running totals. */
  private final Map<String, Long> totals = new HashMap<>();

  /** A report of {@code responses} new responses (1 ms each) and running totals to match. */
  private JsonObject report(int share, String node, int responses, int inFlight, String state) {
    LatencyRecorder latency = new LatencyRecorder();
    for (int i = 0; i < responses; i++) {
      latency.record(0, 0, 1_000_000);
    }
    long completed = totals.merge(node, (long) responses, Long::sum);
    RunCounters counters = new RunCounters();
    counters.completed = completed;
    counters.sent = completed + inFlight;
    counters.inFlight = inFlight;
    JsonObject report = new JsonObject().put("share", share).put("nodeId", node).put("last", state != null)
        .put("counters", counters.toJson()).put("latency", latency.encodeSince(null))
        .put("generator", new GeneratorHealth(50).encodeSince(null));
    return state == null ? report : report.put("state", state);
  }
}
