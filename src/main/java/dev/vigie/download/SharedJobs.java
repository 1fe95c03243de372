package dev.vigie.download;

import static net.logstash.logback.argument.StructuredArguments.entries;

import dev.vigie.bus.MembershipView;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's downloads in flight ({@code --cluster} only), in the cluster-wide map {@value #MAP}: archive key to
 * {@link InFlight}. A member runs an archive only once it has claimed it ({@code putIfAbsent}), so one archive is
 * never fetched by two members at once, and releases it when its job ends. When a member leaves, dead or alive, its
 * claims stay behind: the survivors take them over ({@link InFlight#orphansFor}, then a compare-and-set) and run them.
 * Claims are checked again every {@value #CHECK_MS} ms, which also catches what a change of members raced with.
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
  /** Members seen to leave, oldest first, at most {@value #DEPARTED_KEPT}. */
  private final Set<String> departed = new LinkedHashSet<>();
  private final long timer;
  private boolean checking;
  /** Asked while a check ran (a member left meanwhile): check once more as it ends, not at the next tick. */
  private boolean again;

  SharedJobs(Vertx vertx, LongSupplier clock, Taker taker) {
    this.vertx = vertx;
    this.clock = clock;
    this.taker = taker;
    vertx.sharedData().<String, String>getClusterWideMap(MAP).onComplete(opened);
    this.view = MembershipView.follow(vertx, change -> {
      departed.addAll(change.departed());
      departed.removeAll(change.members());
      while (departed.size() > DEPARTED_KEPT) {
        departed.remove(departed.iterator().next());
      }
      known.tryComplete();
      check();
    });
    this.timer = vertx.setPeriodic(CHECK_MS, id -> check());
  }

  /** Completes once this node knows its id and the map is open; fails after {@value #READY_TIMEOUT_MS} ms without. */
  Future<Void> ready() {
    return opened.future().compose(map -> known.future()).timeout(READY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  /** Claims {@code key} for this node, unless a live member runs it; a dead member's claim is taken. */
  Future<Claim> claim(String key, boolean force) {
    return ready().compose(ready -> claim(key, force, CLAIM_ATTEMPTS));
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
      if (!departed.contains(other.node()) || attempts <= 1) {
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
    String value = mine.remove(key);
    if (value != null && opened.future().succeeded()) {
      opened.future().result().removeIfPresent(key, value).onFailure(e -> LOG.warn("download_release_failed",
          entries(Map.of("key", key, "reason", String.valueOf(e.getMessage())))));
    }
  }

  void close() {
    vertx.cancelTimer(timer);
    view.close();
  }

  /**
   * Reads every claim: takes over the orphans this node is given among the current members, and drops this node's own
   * claims that it no longer runs (a release lost on the way), so that nobody waits for them.
   */
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
      for (String key : InFlight.orphansFor(self, all, view.members(), departed, now, UNSEEN_GRACE_MS)) {
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
