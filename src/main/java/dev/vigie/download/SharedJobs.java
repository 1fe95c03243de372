package dev.vigie.download;

import static net.logstash.logback.argument.StructuredArguments.entries;

import dev.vigie.bus.MembershipView;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's downloads in flight ({@code --cluster} only), in the cluster-wide map {@value #MAP}: archive key to
 * {@link InFlight}. A member runs an archive only once it has claimed it ({@code putIfAbsent}), so one archive is
 * never fetched by two members at once, and releases it when its job ends. When a member leaves, dead or alive, its
 * claims stay behind: the survivors take them over ({@link InFlight#orphansFor}, then a compare-and-set) and run them.
 * Claims are checked again every {@value #CHECK_MS} ms, which also catches what a change of members raced with, and
 * finds this node's claims another member has since taken (it was cut off, and the cluster went on without it): their
 * jobs end here. With {@code cluster.quorum}, a {@link Fence} stops this node's fetching on a side of a network split
 * without the quorum, or once the map has not answered for a lease, and survivors wait a lease before taking a
 * departed member's claims.
 */
final class SharedJobs {
  static final String MAP = "vigie.download.inflight";
  private static final Logger LOG = LoggerFactory.getLogger(DownloadVerticle.COMPONENT);
  private static final long CHECK_MS = 5000;
  /** How long a claim waits for this node to know its id (the cluster area starting) before the node acts alone. */
  private static final long READY_TIMEOUT_MS = 10_000;
  private static final int CLAIM_ATTEMPTS = 3;
  /** How old a claim of a member this node never saw must be before it counts as orphaned (see InFlight). */
  private static final long UNSEEN_GRACE_MS = 30_000;
  /** The departed members remembered (the newest), so that their claims are taken at once. */
  private static final int DEPARTED_KEPT = 1000;
  /**
   * With a quorum: how long this node may fetch after its last round trip to the map. Far below the time Hazelcast
   * takes to see a silent member go (60 s without a heartbeat), and short enough that a survivor, waiting as long
   * before it takes a dead member's claims, still finishes taking over within 10 s of a kill.
   */
  static final long LEASE_MS = 5000;
  private static final long RENEW_MS = LEASE_MS / 5;

  /** What a claim found: {@code mine}, or the member that runs it. */
  record Claim(String key, boolean mine, String node) {
  }

  /** Takes over an orphaned archive: queues it on this node. */
  interface Taker {
    void take(String key, boolean force);
  }

  private final Vertx vertx;
  private final LongSupplier clock;
  private final Taker taker;
  private final Promise<AsyncMap<String, String>> opened = Promise.promise();
  private final Promise<Void> known = Promise.promise();
  private final MembershipView view;
  /** This node's claims: key to the value it put, which its release compares against. */
  private final Map<String, String> mine = new HashMap<>();
  /** Members seen to leave, oldest first, at most {@value #DEPARTED_KEPT}: id to when (monotonic ms) it was seen. */
  private final Map<String, Long> departed = new LinkedHashMap<>();
  /** This node's claims another member has taken since: key to that member. Their jobs end. */
  private final Map<String, String> lost = new HashMap<>();
  private final Fence fence;
  /** Completed when the fence opens again; null while no one waits. */
  private Promise<Void> reopened;
  private boolean renewing;
  private final long timer;
  private final long renewTimer;
  private boolean checking;
  /** Asked while a check ran (a member left meanwhile): check once more as it ends, not at the next tick. */
  private boolean again;

  /** {@code quorum}: {@code cluster.quorum} (0: none; the fence is then always open). */
  SharedJobs(Vertx vertx, LongSupplier clock, Taker taker, int quorum) {
    this.vertx = vertx;
    this.clock = clock;
    this.taker = taker;
    this.fence = new Fence(quorum > 0, LEASE_MS, monotonic());
    vertx.sharedData().<String, String>getClusterWideMap(MAP).onComplete(opened);
    this.view = MembershipView.follow(vertx, change -> {
      long now = monotonic();
      change.departed().forEach(id -> departed.put(id, now));
      change.members().forEach(departed::remove);
      while (departed.size() > DEPARTED_KEPT) {
        departed.remove(departed.keySet().iterator().next());
      }
      fence.quorate(change.quorate());
      if (known.tryComplete() && fence.required()) {
        // The first lease now rather than a renewal period later: requests wait for it.
        opened.future().onSuccess(map -> renew());
      }
      check();
      if (!change.departed().isEmpty() && fence.takeoverDelayMs() > 0) {
        // The departed members' claims become takeable a lease from now: look then, not at the next tick.
        vertx.setTimer(fence.takeoverDelayMs() + 100, id -> check());
      }
      fenceMoved();
    });
    this.timer = vertx.setPeriodic(CHECK_MS, id -> check());
    this.renewTimer = fence.required() ? vertx.setPeriodic(RENEW_MS, id -> renew()) : -1;
  }

  /**
   * Why this node must not fetch {@code key} now, or null: {@code FENCED} (wait for {@link #reopened}) or
   * {@code CLAIM_LOST} (another member runs it now; give it up).
   */
  DownloadFailure refusal(String key) {
    String taker = lost.get(key);
    if (taker != null) {
      return DownloadFailure.permanent(DownloadFailure.CLAIM_LOST, "member " + taker + " took this download over while"
          + " this member was out of touch with the cluster; it downloads the archive");
    }
    String closed = fenceClosed();
    return closed == null ? null : DownloadFailure.fenced(closed);
  }

  /** Why the fence is closed, or null when it is open. */
  String fenceClosed() {
    return fence.closedReason(monotonic(), view.members().size());
  }

  /** Whether the cluster asks for a quorum ({@code cluster.quorum} above 0). */
  boolean quorumAsked() {
    return fence.required();
  }

  /** Whether this node must hold back its downloads (a quorum is asked and this side lacks it, or its lease lapsed). */
  boolean fenced() {
    return fenceClosed() != null;
  }

  /**
   * Completes once the fence is open, or fails with why it is closed after {@code ms}: a request waits this long
   * (a node that has just started has its first lease within a round trip), then is refused.
   */
  Future<Void> reopenedWithin(long ms) {
    return reopened().timeout(ms, TimeUnit.MILLISECONDS).recover(e -> {
      String closed = fenceClosed();
      return closed == null ? Future.succeededFuture() : Future.failedFuture(DownloadFailure.fenced(closed));
    });
  }

  /** Completes once the fence is open (at once when it is). */
  Future<Void> reopened() {
    if (fence.open(monotonic())) {
      return Future.succeededFuture();
    }
    if (reopened == null) {
      reopened = Promise.promise();
    }
    return reopened.future();
  }

  /** Completes once this node knows its id and the map is open; fails after {@value #READY_TIMEOUT_MS} ms without. */
  Future<Void> ready() {
    return opened.future().compose(map -> known.future()).timeout(READY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  /** Claims {@code key} for this node, unless a live member runs it; a dead member's claim is taken. */
  Future<Claim> claim(String key, boolean force) {
    return ready().compose(ready -> {
      DownloadFailure fenced = fenced() ? refusal(key) : null;
      return fenced != null ? Future.failedFuture(fenced) : claim(key, force, CLAIM_ATTEMPTS);
    });
  }

  private Future<Claim> claim(String key, boolean force, int attempts) {
    AsyncMap<String, String> map = opened.future().result();
    String self = view.self();
    String value = new InFlight(self, clock.getAsLong(), force).encode();
    return map.putIfAbsent(key, value).compose(existing -> {
      if (existing == null) {
        mine.put(key, value);
        return Future.succeededFuture(new Claim(key, true, self));
      }
      InFlight other = InFlight.decode(existing);
      if (other.node().equals(self)) {
        mine.put(key, existing);
        return Future.succeededFuture(new Claim(key, true, self));
      }
      if (!departedLongEnough(other.node(), monotonic()) || attempts <= 1) {
        return Future.succeededFuture(new Claim(key, false, other.node()));
      }
      // Its member left and no survivor has taken it yet: this request does.
      return map.replaceIfPresent(key, existing, value).compose(replaced -> {
        if (replaced) {
          mine.put(key, value);
          return Future.succeededFuture(new Claim(key, true, self));
        }
        return claim(key, force, attempts - 1);
      });
    });
  }

  /** Gives back this node's claim on {@code key} (its job ended); a claim taken over since is left alone. */
  void release(String key) {
    lost.remove(key);
    String value = mine.remove(key);
    if (value != null && opened.future().succeeded()) {
      opened.future().result().removeIfPresent(key, value).onFailure(e -> LOG.warn("download_release_failed",
          entries(Map.of("key", key, "reason", String.valueOf(e.getMessage())))));
    }
  }

  void close() {
    if (reopened != null) {
      reopened.tryFail(DownloadFailure.permanent(DownloadFailure.STOPPED, "Vigie stopped while the download waited for"
          + " the cluster's quorum"));
    }
    vertx.cancelTimer(timer);
    if (renewTimer >= 0) {
      vertx.cancelTimer(renewTimer);
    }
    view.close();
  }

  /** A round trip to the map (its size: every member's partitions answer), which renews the lease when it succeeds. */
  private void renew() {
    if (renewing || !opened.future().succeeded()) {
      fenceMoved();
      return;
    }
    renewing = true;
    long started = monotonic();
    opened.future().result().size().timeout(LEASE_MS / 2, TimeUnit.MILLISECONDS).onComplete(done -> {
      renewing = false;
      if (done.succeeded()) {
        fence.confirmed(started);
      }
      fenceMoved();
    });
  }

  /** Wakes the jobs waiting for the fence once it is open. */
  private void fenceMoved() {
    if (reopened != null && fence.open(monotonic())) {
      Promise<Void> waiting = reopened;
      reopened = null;
      LOG.info("download_fence_open", entries(Map.of("members", view.members().size())));
      waiting.complete();
    }
  }

  /** Seen to go at least a takeover delay ago (none without a quorum): it fetches nothing any more. */
  private boolean departedLongEnough(String node, long now) {
    Long goneAt = departed.get(node);
    return goneAt != null && now - goneAt >= fence.takeoverDelayMs();
  }

  private static long monotonic() {
    return System.nanoTime() / 1_000_000;
  }

  /**
   * Reads every claim: takes over the orphans this node is given among the current members, and drops this node's own
   * claims that it no longer runs (a release lost on the way), so that nobody waits for them.
   */
  /**
   * This node's claims the map now gives to another member: it took them over while this node was cut off or frozen,
   * and runs them. Their jobs end here: the transfer's gate ({@link #refusal}) says {@code CLAIM_LOST}.
   */
  private void findLost(String self, Map<String, String> all) {
    for (Map.Entry<String, String> claim : List.copyOf(mine.entrySet())) {
      String now = all.get(claim.getKey());
      if (now == null || now.equals(claim.getValue())) {
        continue;
      }
      String node = InFlight.decode(now).node();
      if (!self.equals(node)) {
        mine.remove(claim.getKey());
        lost.put(claim.getKey(), node);
        LOG.warn("download_claim_lost", entries(Map.of("key", claim.getKey(), "node", node)));
      }
    }
  }

  private void check() {
    if (!view.known() || !opened.future().succeeded()) {
      return;
    }
    if (checking) {
      again = true;
      return;
    }
    checking = true;
    again = false;
    String self = view.self();
    AsyncMap<String, String> map = opened.future().result();
    map.entries().compose(all -> {
      List<Future<?>> steps = new ArrayList<>();
      long now = clock.getAsLong();
      long monotonicNow = monotonic();
      findLost(self, all);
      // Fenced, this side takes nothing over; and a member seen to go less than a takeover delay ago may still be
      // fetching (it stops within its lease), so its claims wait.
      Map<String, String> takeable = new HashMap<>();
      if (fence.open(monotonicNow)) {
        all.forEach((key, value) -> {
          Long goneAt = departed.get(InFlight.decode(value).node());
          if (goneAt == null || monotonicNow - goneAt >= fence.takeoverDelayMs()) {
            takeable.put(key, value);
          }
        });
      }
      for (String key : InFlight.orphansFor(self, takeable, view.members(), departed.keySet(), now, UNSEEN_GRACE_MS)) {
        String was = all.get(key);
        InFlight before = InFlight.decode(was);
        String value = new InFlight(self, clock.getAsLong(), before.force()).encode();
        steps.add(map.replaceIfPresent(key, was, value).onSuccess(replaced -> {
          if (replaced) {
            mine.put(key, value);
            LOG.info("download_taken_over", entries(Map.of("key", key, "from", before.node())));
            taker.take(key, before.force());
          }
        }));
      }
      all.forEach((key, value) -> {
        InFlight entry = InFlight.decode(value);
        // Older than a check: not a claim whose reply has yet to reach this event loop.
        if (!mine.containsKey(key) && self.equals(entry.node()) && now - entry.requestedAt() > CHECK_MS) {
          steps.add(map.removeIfPresent(key, value));
        }
      });
      return Future.join(steps);
    }).onComplete(done -> {
      checking = false;
      if (done.failed()) {
        LOG.warn("download_claims_check_failed", entries(Map.of("reason", String.valueOf(done.cause().getMessage()))));
      }
      if (again) {
        check();
      }
    });
  }
}
