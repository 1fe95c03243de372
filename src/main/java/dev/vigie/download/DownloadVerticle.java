package dev.vigie.download;

import dev.vigie.bus.Activity;
import dev.vigie.bus.CacheBus;
import dev.vigie.bus.DownloadBus;
import dev.vigie.bus.Failures;
import dev.vigie.bus.HealthBus;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.Refusal;
import dev.vigie.bus.Thresholds;
import dev.vigie.vision.ArchiveSpec;
import dev.vigie.vision.VisionPath;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import net.logstash.logback.argument.StructuredArguments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The download area's bindings: takes requests, starts the transfers its {@link DownloadQueue} hands out (at most
 * {@code download.maxConcurrent} at once), runs the checksum revalidations, and publishes progress, results and the
 * "downloads" section. Transfers report what happened; the queue, owned here and used on this event loop only,
 * writes it into the jobs.
 */
public final class DownloadVerticle extends VerticleBase {
  /** The area's name (health pings) and its component in logs and the activity log. */
  private static final String AREA = "download";
  /** The refusal code of a request that would take the queue past {@code download.maxQueued}. */
  static final String QUEUE_FULL = "QUEUE_FULL";
  static final String COMPONENT = "downloader";
  private static final Logger LOG = LoggerFactory.getLogger(COMPONENT);
  private static final long LOOKUP_TIMEOUT_MS = 5000;
  /** Archives asked of the cache per {@link CacheBus#HELD} page during a revalidation. */
  private static final int HELD_PAGE = 500;
  /** How long a request waits for the cluster's fence to open before it is refused (503 FENCED). */
  private static final long FENCE_WAIT_MS = 2000;
  /** How long a stop waits for the cut transfers to close their .part files. */
  private static final long TRANSFERS_END_TIMEOUT_MS = 1500;

  private DownloadSettings settings;
  private SourceHost source;
  private DownloadsSection section;
  private PendingJournal journal;
  private Activity activity;
  private DownloadMeters meters;
  private DownloadLog log;
  private final List<Long> timers = new ArrayList<>();

  private DownloadQueue jobs;
  private SpeedWindow speed;
  private Revalidations revalidations;
  /** Set once undeploying: transfers cut by the shutdown must stay in the journal, to resume at the next start. */
  private boolean stopping;
  /** The transfers under way, by job id: a stop waits for them to close their .part files. */
  private final Map<String, Future<TransferOutcome>> running = new HashMap<>();
  /** The cluster's downloads in flight, this node's claims among them; null without {@code --cluster}. */
  private SharedJobs shared;

  @Override
  public Future<?> start() {
    settings = DownloadSettings.from(config());
    section = new DownloadsSection(Thresholds.from(config()));
    activity = new Activity(vertx.eventBus(), COMPONENT);
    log = new DownloadLog(activity);
    source = SourceHost.create(vertx, settings, activity);
    journal = new PendingJournal(vertx, settings.tmpDir().resolve("pending.json"));
    revalidations = new Revalidations(this::newRevalidation, this::requeue, activity);
    jobs = new DownloadQueue(settings.maxConcurrent(), settings.maxQueued(), settings.recentSize(),
        System::currentTimeMillis);
    speed = new SpeedWindow(System.currentTimeMillis());
    meters = new DownloadMeters();
    if (vertx.isClustered()) {
      // cluster.quorum was checked by the launcher (ClusterSettings).
      shared = new SharedJobs(vertx, System::currentTimeMillis, this::takeOver,
          config().getJsonObject("cluster", new JsonObject()).getInteger("quorum", 0));
    }

    timers.add(vertx.setPeriodic(settings.sectionIntervalMs(), id -> publishSection()));
    if (settings.revalidate().intervalMs() > 0) {
      timers.add(vertx.setPeriodic(settings.revalidate().intervalMs(), id -> revalidations.run()));
    }
    return Future.all(
            HealthBus.answerPings(vertx.eventBus(), AREA).completion(),
            // Local: a request is taken by the node it reaches, which shares it with the cluster through SharedJobs.
            vertx.eventBus().<Object>localConsumer(DownloadBus.REQUEST, this::request).completion(),
            vertx.eventBus().localConsumer(DownloadBus.LIST, this::list).completion(),
            vertx.eventBus().localConsumer(DownloadBus.REVALIDATE, this::onRevalidate).completion())
        .compose(v -> restore());
  }

  /**
   * Undeploying: what is running or queued is written to the journal as it stands (a cut transfer resumes from its
   * .part at the next start), the source's client is closed so the transfers end and close their files, and the stop
   * completes once they have (bounded) and every journal write is on disk.
   */
  @Override
  public Future<?> stop() {
    stopping = true;
    timers.forEach(vertx::cancelTimer);
    if (meters != null) {
      meters.close();
    }
    // This node's claims stay in the cluster's map: once it has left, the survivors take them over.
    if (shared != null) {
      shared.close();
    }
    if (journal == null) {
      return Future.succeededFuture();
    }
    journal.save(jobs.pending());
    List<Future<TransferOutcome>> transfers = List.copyOf(running.values());
    return source.close().transform(closed -> Future.join(transfers)
            .timeout(TRANSFERS_END_TIMEOUT_MS, TimeUnit.MILLISECONDS))
        .transform(ended -> journal.flushed());
  }

  /**
   * Re-queues what a previous process left pending (killed mid-download): the transfers resume from their .part.
   * Clustered, each is claimed first, in the background: what a survivor took over meanwhile is left to it.
   */
  private Future<Void> restore() {
    return journal.load().map(entries -> {
      List<ArchiveSpec> specs = new ArrayList<>();
      List<Boolean> forced = new ArrayList<>();
      for (Object o : entries) {
        if (o instanceof JsonObject entry) {
          try {
            specs.add(VisionPath.parse(entry.getString("key")));
            forced.add(entry.getBoolean("force", false));
          } catch (IllegalArgumentException e) {
            LOG.warn("download_journal_entry_skipped", StructuredArguments.entries(Map.of("entry", entry.encode())));
          }
        }
      }
      if (shared == null) {
        for (int i = 0; i < specs.size(); i++) {
          enqueue(specs.get(i), forced.get(i), true);
        }
        pump();
      } else {
        restoreClaimed(specs, forced);
      }
      return (Void) null;
    }).recover(e -> {
      LOG.warn("download_journal_unreadable", StructuredArguments.entries(Map.of("reason", String.valueOf(e.getMessage()))));
      return Future.succeededFuture();
    });
  }

  /** Claims what the journal held, once the fence lets this node claim, and again a lease later if that fails. */
  private void restoreClaimed(List<ArchiveSpec> specs, List<Boolean> forced) {
    if (stopping || specs.isEmpty()) {
      return;
    }
    shared.reopened().compose(open -> claims(specs, spec -> forced.get(specs.indexOf(spec)))).onSuccess(claims -> {
      for (int i = 0; i < specs.size(); i++) {
        if (claims.get(i).mine()) {
          enqueue(specs.get(i), forced.get(i), true);
        } else {
          discardPart(specs.get(i).key(), claims.get(i).node());
        }
      }
      pump();
    }).onFailure(e -> {
      LOG.warn("download_journal_claims_failed", StructuredArguments.entries(Map.of("reason", String.valueOf(e.getMessage()))));
      vertx.setTimer(SharedJobs.LEASE_MS, id -> restoreClaimed(specs, forced));
    });
  }

  private void request(Message<Object> msg) {
    if (!(msg.body() instanceof JsonObject body)) {
      Failures.fail(msg, Failures.BAD_REQUEST, "BAD_REQUEST", "the request must be a JSON object");
      return;
    }
    ArchiveRequest request;
    try {
      request = ArchiveRequest.parse(body, LocalDate.now(ZoneOffset.UTC), settings.maxRangeArchives());
    } catch (Refusal refusal) {
      refusal.failReply(msg);
      return;
    }
    // Clustered with a quorum, only a member inside the fence takes work (a just-started one has its lease at once).
    Future<Void> admitted = shared == null ? Future.succeededFuture() : shared.reopenedWithin(FENCE_WAIT_MS);
    admitted.onFailure(fenced -> new Refusal(Failures.UNAVAILABLE, DownloadFailure.FENCED,
        fenced.getMessage() + "; nothing was queued").failReply(msg)).onSuccess(open -> queue(msg, request));
  }

  private void queue(Message<Object> msg, ArchiveRequest request) {
    List<Future<JsonObject>> lookups = new ArrayList<>();
    for (ArchiveSpec spec : request.archives()) {
      lookups.add(request.force() ? Future.succeededFuture(new JsonObject()) : lookup(spec.key()));
    }
    Future.join(lookups).compose(looked -> {
      JsonArray cached = new JsonArray();
      JsonObject holders = new JsonObject();
      List<ArchiveSpec> toFetch = new ArrayList<>();
      for (int i = 0; i < lookups.size(); i++) {
        JsonObject found = lookups.get(i).result();
        String key = request.archives().get(i).key();
        if (isHeld(found)) {
          cached.add(key);
          if (found.getString("node") != null) {
            holders.put(key, found.getString("node"));
          }
        } else {
          toFetch.add(request.archives().get(i));
        }
      }
      return claims(toFetch, spec -> request.force()).onFailure(e -> new Refusal(Failures.UNAVAILABLE,
          DownloadFailure.FENCED, "the cluster could not settle who downloads what: " + e.getMessage()
              + "; nothing was queued, try again").failReply(msg)).onSuccess(claims -> {
        List<ArchiveSpec> mine = new ArrayList<>();
        JsonArray elsewhere = new JsonArray();
        for (int i = 0; i < claims.size(); i++) {
          SharedJobs.Claim claim = claims.get(i);
          if (claim.mine()) {
            mine.add(toFetch.get(i));
          } else {
            elsewhere.add(new JsonObject().put("key", claim.key()).put("node", claim.node()));
          }
        }
        List<ArchiveSpec> added = mine.stream().filter(spec -> !jobs.pending(spec)).toList();
        if (added.size() > jobs.room()) {
          if (shared != null) {
            added.forEach(spec -> shared.release(spec.key()));
          }
          new Refusal(Failures.TOO_MANY, QUEUE_FULL, String.format(Locale.ROOT,
              "the download queue is full: %d archive(s) asked, room for %d of download.maxQueued %d; try again once "
                  + "queued downloads have finished", added.size(), jobs.room(), settings.maxQueued())).failReply(msg);
          return;
        }
        JsonArray queued = new JsonArray();
        for (ArchiveSpec spec : mine) {
          // Clustered, the cache is asked again as the job starts: a member may have finished it since the lookup.
          Job job = enqueue(spec, request.force(), shared != null);
          queued.add(new JsonObject().put("id", job.id).put("key", job.key));
        }
        JsonObject reply = new JsonObject().put("queued", queued).put("cached", cached);
        if (shared != null) {
          reply.put("holders", holders).put("elsewhere", elsewhere);
        }
        if (!mine.isEmpty() && source.breakerOpen()) {
          // Accepted all the same: the jobs wait for the source and start once its breaker lets calls through.
          reply.put("waitingFor", "source").put("reason", source.breakerOpenMessage());
        }
        msg.reply(reply);
        pump();
      });
    });
  }

  /**
   * Who runs each of {@code specs}, in order: this node, unless another member already does. Alone, or when the
   * cluster's map does not answer, this node runs them all (a duplicate download is better than a lost one), unless
   * the cluster asks for a quorum: then a claim that fails fails them all (this side may be cut off), and the claims
   * made are given back.
   */
  private Future<List<SharedJobs.Claim>> claims(List<ArchiveSpec> specs, Predicate<ArchiveSpec> force) {
    List<Future<SharedJobs.Claim>> claims = new ArrayList<>();
    for (ArchiveSpec spec : specs) {
      SharedJobs.Claim alone = new SharedJobs.Claim(spec.key(), true, null);
      claims.add(shared == null ? Future.succeededFuture(alone) : shared.claim(spec.key(), force.test(spec)).recover(e -> {
        LOG.warn("download_claim_failed", StructuredArguments.entries(Map.of("key", spec.key(),
            "reason", String.valueOf(e.getMessage()))));
        return shared.quorumAsked() ? Future.failedFuture(e) : Future.succeededFuture(alone);
      }));
    }
    return Future.join(claims).compose(all -> {
      List<SharedJobs.Claim> settled = claims.stream().map(claim -> claim.succeeded() ? claim.result() : null).toList();
      if (!settled.contains(null)) {
        return Future.succeededFuture(settled);
      }
      settled.stream().filter(claim -> claim != null && claim.mine()).forEach(claim -> shared.release(claim.key()));
      return Future.failedFuture(claims.stream().filter(Future::failed).findFirst().orElseThrow().cause());
    });
  }

  /** A survivor's share of a departed member's downloads: queued here, after a look at the cache (anywhere). */
  private void takeOver(String key, boolean force) {
    try {
      enqueue(VisionPath.parse(key), force, true);
      pump();
    } catch (IllegalArgumentException e) {
      shared.release(key);
      LOG.warn("download_takeover_skipped", StructuredArguments.entries(Map.of("key", key)));
    }
  }

  /** The cache's answer for {@code key}; a cache that is not running counts as a miss. */
  private Future<JsonObject> lookup(String key) {
    return vertx.eventBus().<JsonObject>request(CacheBus.LOOKUP, new JsonObject().put("key", key),
            new DeliveryOptions().setSendTimeout(LOOKUP_TIMEOUT_MS))
        .map(reply -> reply.body())
        .otherwise(new JsonObject().put("key", key).put("hit", false));
  }

  /** Held by this node, or (clustered) by another member: a hit wherever it is asked for. */
  private static boolean isHeld(JsonObject lookup) {
    return lookup.getBoolean("hit", false) || lookup.getString("node") != null;
  }

  private Job enqueue(ArchiveSpec spec, boolean force, boolean checkCacheFirst) {
    DownloadQueue.Enqueued enqueued = jobs.enqueue(spec, force, checkCacheFirst);
    if (enqueued.added()) {
      meters.sizes(jobs);
      journal.save(jobs.pending());
    }
    return enqueued.job();
  }

  /**
   * Deletes what a previous run of this node left of {@code key}'s download ({@code <tmp>/<name>.part}: it was killed
   * mid-transfer) now that {@code node} (null: this Vigie) runs or holds it: it will never resume.
   */
  private void discardPart(String key, String node) {
    String part = settings.tmpDir().resolve(VisionPath.partName(key)).toString();
    vertx.fileSystem().exists(part).compose(exists -> exists
        ? vertx.fileSystem().delete(part).onSuccess(v -> LOG.info("download_part_discarded",
            StructuredArguments.entries(Map.of("key", key, "node", String.valueOf(node)))))
        : Future.succeededFuture()).onFailure(e -> LOG.warn("download_part_discard_failed",
            StructuredArguments.entries(Map.of("key", key, "reason", String.valueOf(e.getMessage())))));
  }

  private void pump() {
    if (stopping) {
      return;
    }
    for (Job job : jobs.next()) {
      Future<JsonObject> known = job.checkCacheFirst && !job.force ? lookup(job.key)
          : Future.succeededFuture(new JsonObject());
      // Held already (clustered: elsewhere, with no path on this node): done, and a .part a previous run left is of no
      // more use.
      Future<TransferOutcome> transfer = known.compose(hit -> {
        if (!isHeld(hit)) {
          return new Transfer(vertx, source, settings, job.spec, listenerFor(job), gateFor(job)).run();
        }
        discardPart(job.key, hit.getString("node"));
        return Future.<TransferOutcome>succeededFuture(new TransferOutcome.Completed(hit.getString("path"),
            hit.getString("sha256"), hit.getLong("bytes", 0L)));
      });
      running.put(job.id, transfer);
      transfer.onSuccess(outcome -> {
        running.remove(job.id);
        finish(job, outcome);
      });
    }
    meters.sizes(jobs);
  }

  /** {@code GET /api/downloads}: one page of jobs ({@code limit}, {@code cursor}), the counts and the breaker. */
  private void list(Message<Object> msg) {
    JsonObject ask = msg.body() instanceof JsonObject body ? body : new JsonObject();
    try {
      DownloadsSection.Page page = DownloadsSection.Page.parse(ask, settings.pageSize(), settings.maxPageSize());
      msg.reply(DownloadsSection.list(jobs, page, settings.host(), source.breaker(), revalidations.last()));
    } catch (Refusal refusal) {
      refusal.failReply(msg);
    }
  }

  /** Alone, always open; clustered, the cluster's fence and this job's claim. */
  private Transfer.Gate gateFor(Job job) {
    if (shared == null) {
      return Transfer.Gate.OPEN;
    }
    return new Transfer.Gate() {
      @Override
      public DownloadFailure refusal() {
        return shared.refusal(job.key);
      }

      @Override
      public Future<Void> reopened() {
        return shared.reopened();
      }
    };
  }

  /** Passes what a transfer reports to the queue, which writes the job; publishes progress and counts bytes. */
  private Transfer.Listener listenerFor(Job job) {
    return new Transfer.Listener() {
      @Override
      public void attempt(int number) {
        jobs.attempt(job, number);
      }

      @Override
      public void progress(TransferProgress now, boolean intervalElapsed) {
        jobs.progress(job, now);
        if (intervalElapsed) {
          vertx.eventBus().publish(DownloadBus.PROGRESS, job.progress());
        }
      }

      @Override
      public void received(long count) {
        speed.received(count);
        meters.received(count);
      }

      @Override
      public void waiting(String on, String why) {
        jobs.waiting(job, on, why);
      }

      @Override
      public void corrupted(int times) {
        jobs.corrupted(job, times);
        meters.corrupted();
        log.corrupted(job, times);
      }
    };
  }

  private void finish(Job job, TransferOutcome outcome) {
    if (stopping) {
      return;
    }
    jobs.finish(job, outcome);
    if (shared != null) {
      shared.release(job.key);
    }
    if (outcome instanceof TransferOutcome.Completed) {
      meters.completed();
      log.completed(job);
      vertx.eventBus().publish(DownloadBus.DONE, job.doneEvent());
    } else {
      meters.failed(job.error);
      log.failed(job);
      vertx.eventBus().publish(DownloadBus.FAILED, job.failedEvent());
    }
    journal.save(jobs.pending());
    pump();
  }

  private void onRevalidate(Message<Object> msg) {
    if (revalidations.running()) {
      Failures.fail(msg, Failures.CONFLICT, "REVALIDATION_RUNNING", "a revalidation is already running");
      return;
    }
    revalidations.run().onSuccess(msg::reply).onFailure(e -> msg.fail(Failures.statusOf(e), Failures.bodyOf(e).encode()));
  }

  /** One revalidation run: what the cache holds, checked through the source host (breaker, backoff). */
  private ChecksumRevalidation newRevalidation() {
    DownloadSettings.Revalidate rules = settings.revalidate();
    return new ChecksumRevalidation(this::heldPage, spec -> source.checksumWithRetries(spec, rules.timeoutMs()),
        rules.concurrency());
  }

  private Future<ChecksumRevalidation.Page> heldPage(String after) {
    JsonObject ask = new JsonObject().put("limit", HELD_PAGE);
    if (after != null) {
      ask.put("after", after);
    }
    return vertx.eventBus().<JsonObject>request(CacheBus.HELD, ask).map(reply -> ChecksumRevalidation.Page.from(reply.body()));
  }

  /**
   * Queues re-published archives again, forced: the verified download replaces them in the cache. Clustered, each is
   * claimed first like any request: one another member is fetching is left to it (never fetched twice at once), and
   * this node's copy, still the old one, is found changed again by a later revalidation.
   */
  private Future<List<String>> requeue(List<ArchiveSpec> changed) {
    // The fact first: whoever tracks the archive (the coverage ledger) sees it re-published before its new download.
    changed.forEach(spec -> vertx.eventBus().publish(DownloadBus.REPUBLISHED, new JsonObject().put("key", spec.key())));
    return claims(changed, spec -> true).recover(e -> {
      // Fenced: the archives are found changed again by a later revalidation.
      LOG.warn("download_revalidation_not_queued", StructuredArguments.entries(Map.of("reason", String.valueOf(e.getMessage()))));
      return Future.succeededFuture(List.of());
    }).map(claims -> {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < claims.size(); i++) {
        SharedJobs.Claim claim = claims.get(i);
        if (claim.mine()) {
          keys.add(enqueue(changed.get(i), true, false).key);
        } else {
          LOG.info("download_revalidation_left_to", StructuredArguments.entries(Map.of("key", claim.key(),
              "node", String.valueOf(claim.node()))));
        }
      }
      pump();
      return keys;
    });
  }

  private void publishSection() {
    double bytesPerSecond = speed.bytesPerSecond(System.currentTimeMillis());
    vertx.eventBus().publish(MonitorBus.SECTION, section.build(jobs, bytesPerSecond, settings.host(),
        source.breaker(), revalidations.last()).toJson());
  }
}
