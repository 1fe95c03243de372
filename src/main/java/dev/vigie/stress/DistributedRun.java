package dev.vigie.stress;

import dev.vigie.bus.Failures;
import dev.vigie.bus.Refusal;
import dev.vigie.bus.RendezvousHash;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A run whose load is shared out over several generator nodes, as its coordinator (the node that received the plan)
 * sees it. Each generator reports every second what it recorded since its last report (HdrHistograms, encoded) and
 * its running counts; the coordinator adds each report's histograms to that share's own, so the run's figures are
 * those of the merged histograms, never an average of per-node percentiles. A share whose node leaves the cluster,
 * stops reporting, or ends its share early is lost: what it measured until then is kept, the share is named, and the
 * run ends "partial". Plain state, on the stress area's event loop.
 */
final class DistributedRun {
  enum ShareState {
    RUNNING, ENDED, LOST
  }

  /** One generator's share: which node runs it, what it is, what it has reported. */
  static final class Share {
    final int index;
    final String nodeId;
    final StressPlan plan;
    final LatencyRecorder latency = new LatencyRecorder();
    final GeneratorHealth health;
    RunCounters counters = new RunCounters();
    ShareState state = ShareState.RUNNING;
    /** The share's own end state once ended ({@code completed}, {@code cancelled}), or why it was lost. */
    String outcome;
    long lastReportNanos;

    private Share(int index, String nodeId, StressPlan plan, long saturationLagMs, long nowNanos) {
      this.index = index;
      this.nodeId = nodeId;
      this.plan = plan;
      this.health = new GeneratorHealth(saturationLagMs);
      this.lastReportNanos = nowNanos;
    }
  }

  private final List<Share> shares = new ArrayList<>();
  private final long saturationLagMs;
  /** Set once the run is being stopped on purpose: shares that then end early are cancelled, not lost. */
  private boolean cancelling;

  /** @param nodes the generator nodes, share 0 first (the coordinator's own) */
  DistributedRun(StressPlan plan, List<String> nodes, long saturationLagMs, long nowNanos) {
    this.saturationLagMs = saturationLagMs;
    for (int i = 0; i < nodes.size(); i++) {
      shares.add(new Share(i, nodes.get(i), plan.share(i, nodes.size()), saturationLagMs, nowNanos));
    }
  }

  /**
   * The {@code k} generator nodes of run {@code id}: {@code self} first, then members of {@code view} (the cluster
   * area's {@code {members: [{id, areas}]}}) that run the stress area, in their rendezvous order for the run's id, so
   * successive runs spread over the members. A Refusal, 409 NOT_ENOUGH_GENERATORS, when fewer are up.
   */
  static List<String> pickNodes(String self, JsonObject view, String id, int k) {
    List<String> others = new ArrayList<>();
    for (Object o : view.getJsonArray("members", new JsonArray())) {
      if (o instanceof JsonObject member && member.getValue("areas") instanceof JsonArray areas
          && areas.contains("stress") && member.getValue("id") instanceof String node && !node.equals(self)) {
        others.add(node);
      }
    }
    if (others.size() + 1 < k) {
      throw new Refusal(Failures.CONFLICT, "NOT_ENOUGH_GENERATORS", "generators", "generators: " + k
          + " asked, but " + (others.size() + 1) + " live members run the stress area (this node"
          + (others.isEmpty() ? "" : " and " + String.join(", ", others)) + ")");
    }
    List<String> picked = new ArrayList<>(List.of(self));
    while (picked.size() < k) {
      String next = RendezvousHash.owner(id, others);
      others.remove(next);
      picked.add(next);
    }
    return picked;
  }

  List<Share> shares() {
    return List.copyOf(shares);
  }

  List<Share> running() {
    return shares.stream().filter(s -> s.state == ShareState.RUNNING).toList();
  }

  /**
   * Takes in a generator's report ({@code {share, nodeId, last, state?, counters, latency, generator}}); a report
   * for a share already settled (a lost generator's late words) is ignored, so a share never counts twice. Throws
   * IllegalArgumentException on a report that names no share of this run.
   */
  void report(JsonObject report, long nowNanos) {
    Integer index = report.getInteger("share");
    if (index == null || index < 0 || index >= shares.size()
        || !shares.get(index).nodeId.equals(report.getString("nodeId"))) {
      throw new IllegalArgumentException("no share " + index + " on node " + report.getString("nodeId"));
    }
    Share share = shares.get(index);
    if (share.state != ShareState.RUNNING) {
      return;
    }
    share.latency.addEncoded(report.getJsonObject("latency"));
    share.health.addEncoded(report.getJsonObject("generator"));
    share.counters = RunCounters.fromJson(report.getJsonObject("counters"));
    share.lastReportNanos = nowNanos;
    if (report.getBoolean("last", false)) {
      String state = report.getString("state", "completed");
      if (state.equals("completed") || cancelling) {
        share.state = ShareState.ENDED;
        share.outcome = state;
      } else {
        lose(share, "its node ended the share " + state + " before the end of its plan");
      }
    }
  }

  /** Loses every running share whose node is not among {@code members}; returns them. */
  List<Share> membersNow(Collection<String> members) {
    List<Share> lost = running().stream().filter(s -> !members.contains(s.nodeId)).toList();
    lost.forEach(s -> lose(s, "its node left the cluster"));
    return lost;
  }

  /**
   * Every share has started: a share's silence counts from now, not from when the run was planned (starting the
   * shares on their nodes may itself take seconds on a loaded cluster).
   */
  void started(long nowNanos) {
    running().forEach(s -> s.lastReportNanos = Math.max(s.lastReportNanos, nowNanos));
  }

  /** Loses every running share that has not reported for {@code timeoutNanos}; returns them. */
  List<Share> overdue(long nowNanos, long timeoutNanos) {
    List<Share> lost = running().stream().filter(s -> nowNanos - s.lastReportNanos > timeoutNanos).toList();
    lost.forEach(s -> lose(s, "it sent no report for " + (nowNanos - s.lastReportNanos) / 1_000_000 + " ms"));
    return lost;
  }

  /** From now on, shares that end early were stopped on purpose. */
  void cancel() {
    cancelling = true;
  }

  /** Loses the shares still running: they did not hand in their final figures in time. */
  void giveUp(String why) {
    running().forEach(s -> lose(s, why));
  }

  /** Every share has ended or been lost. */
  boolean settled() {
    return running().isEmpty();
  }

  /** cancelled when stopped on purpose, partial when a share was lost, else completed. */
  String state() {
    if (cancelling) {
      return "cancelled";
    }
    return shares.stream().anyMatch(s -> s.state == ShareState.LOST) ? "partial" : "completed";
  }

  /**
   * Every share's figures added together: counts summed, histograms merged. A lost share's requests that were in
   * flight at its last report are counted as aborted: nobody will see their answers.
   */
  RunTally tally() {
    RunTally total = new RunTally(new RunCounters(), new LatencyRecorder(), new GeneratorHealth(saturationLagMs));
    for (Share share : shares) {
      RunCounters counters = share.counters.copy();
      if (share.state == ShareState.LOST) {
        counters.aborted += counters.inFlight;
        counters.inFlight = 0;
      }
      total.counters().add(counters);
      total.latency().add(share.latency);
      total.health().add(share.health);
    }
    return total;
  }

  /**
   * {@code [{share, nodeId, state: running|completed|cancelled|lost, reason?, load: {connections, requests?, rate?},
   * sent, completed, ok, aborted, latencyMs: {count, corrected?, uncorrected?}}]}, the histograms (when
   * {@code histograms}) as {@link LatencyRecorder#encode} writes them, so anyone can merge the parts again.
   */
  JsonArray generatorsJson(boolean histograms) {
    JsonArray json = new JsonArray();
    for (Share share : shares) {
      JsonObject g = new JsonObject().put("share", share.index).put("nodeId", share.nodeId)
          .put("state", switch (share.state) {
            case RUNNING -> "running";
            case ENDED -> share.outcome;
            case LOST -> "lost";
          })
          .put("load", share.plan.shareJson())
          .put("sent", share.counters.sent).put("completed", share.counters.completed).put("ok", share.counters.ok)
          .put("aborted", share.counters.aborted + (share.state == ShareState.LOST ? share.counters.inFlight : 0))
          .put("latencyMs", new JsonObject().put("count", share.latency.summary(true).getLong("count")));
      if (histograms) {
        g.getJsonObject("latencyMs").put("corrected", share.latency.encoded(true))
            .put("uncorrected", share.latency.encoded(false));
      }
      if (share.state == ShareState.LOST) {
        g.put("reason", share.outcome);
      }
      json.add(g);
    }
    return json;
  }

  /** The lost shares named: {@code [{share, nodeId, load, reason}]}. */
  JsonArray lostJson() {
    JsonArray json = new JsonArray();
    shares.stream().filter(s -> s.state == ShareState.LOST).forEach(s -> json.add(new JsonObject()
        .put("share", s.index).put("nodeId", s.nodeId).put("load", s.plan.shareJson()).put("reason", s.outcome)));
    return json;
  }

  /** A sentence per lost share, for the verdict and the activity log. */
  List<String> lostReasons() {
    return shares.stream().filter(s -> s.state == ShareState.LOST)
        .map(s -> "generator " + s.nodeId + " (share " + (s.index + 1) + " of " + shares.size() + ": "
            + describe(s.plan) + ") was lost: " + s.outcome + "; what it measured until then is kept")
        .toList();
  }

  private static String describe(StressPlan share) {
    return switch (share.kind()) {
      case OPEN -> LatencyRecorder.round(share.rate()) + " req/s, " + share.requests() + " requests";
      default -> share.connections() + " connections" + (share.requests() > 0 ? ", " + share.requests() + " requests" : "");
    };
  }

  private void lose(Share share, String why) {
    share.state = ShareState.LOST;
    share.outcome = why;
  }
}
