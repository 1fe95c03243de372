package dev.vigie.cache;

import dev.vigie.bus.Activity;
import dev.vigie.bus.CacheBus;
import dev.vigie.bus.Failures;
import dev.vigie.bus.HealthBus;
import dev.vigie.bus.Refusal;
import dev.vigie.bus.RequestField;
import dev.vigie.bus.SectionPublisher;
import dev.vigie.bus.Thresholds;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The archive cache area: sole owner of the archive index (files under {@code <dataDir>/archives/<key>}). It binds
 * the bus and the timers; plain classes do the work: {@link ArchiveIndex} (LRU index), {@link ArchivePuts} (verified
 * PUTs), {@link IndexLoad} and {@link ArchiveSweep} (scans applied by {@link Reconciler}), {@link IndexSaver} (the
 * index file), {@link IndexEffects} (deletions, change events). Hashing, scans and index writes run on workers;
 * file moves and deletions run one at a time on a single-thread executor, so a deletion and a replacement of the
 * same key never interleave.
 */
public final class CacheVerticle extends VerticleBase {
  private static final String AREA = "cache";
  /** How long a stop waits for the PUTs under way (moves into archives/) before writing the index. */
  private static final long PUTS_END_TIMEOUT_MS = 1500;

  private final LongSupplier clock;
  private final List<Long> timers = new ArrayList<>();
  private final Set<Future<?>> storing = new HashSet<>();
  private CacheSettings settings;
  private CacheSection section;
  private ArchiveIndex index;
  private ArchiveDisk disk;
  private WorkerExecutor diskWriter;
  private IndexSaver saver;
  private IndexEffects effects;
  private ArchivePuts puts;
  private Reconciler reconciler;
  private CacheMeters meters;
  private Activity activity;
  private ArchiveSweep sweep;
  private SectionPublisher sections;
  /** The cluster's index of held archives, this node's part; null without {@code --cluster}. */
  private HeldArchives held;

  public CacheVerticle() {
    this(System::currentTimeMillis);
  }

  /** @param clock epoch milliseconds, for the index's last-access times */
  public CacheVerticle(LongSupplier clock) {
    this.clock = clock;
  }

  /** The single thread that moves, replaces and deletes this deployment's archive files, in order. */
  static String diskWorkerName(String deploymentId) {
    return "vigie-cache-disk-" + deploymentId;
  }

  @Override
  public Future<?> start() {
    try {
      settings = CacheSettings.from(config());
      section = new CacheSection(Thresholds.from(config()));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    index = new ArchiveIndex(settings.maxBytes(), settings.maxEntries(), clock);
    disk = new ArchiveDisk(settings.archivesDir(), settings.tmpDir());
    diskWriter = vertx.createSharedWorkerExecutor(diskWorkerName(deploymentID()), 1);
    activity = new Activity(vertx.eventBus(), AREA);
    sections = new SectionPublisher(vertx.eventBus());
    saver = new IndexSaver(vertx, settings.indexFile(), index::entries);
    effects = new IndexEffects(disk, diskWriter, vertx.eventBus(), saver);
    puts = new ArchivePuts(vertx, settings, index, disk, diskWriter, effects, activity);
    reconciler = new Reconciler(index, puts::inFlight, effects, activity);
    sweep = new ArchiveSweep(vertx, disk, index, reconciler, effects);
    return IndexLoad.run(vertx, settings, disk, index, reconciler, saver).compose(v -> {
      meters = new CacheMeters(reading());
      if (vertx.isClustered()) {
        held = new HeldArchives(vertx, index);
        effects.follow(held::changed);
      }
      // Local consumers: this node's archives are on its own disk (a PUT names a file of this node), so each node
      // answers its own areas; what other members hold is in the cluster's index (HeldArchives).
      List<MessageConsumer<?>> consumers = List.of(
          vertx.eventBus().<JsonObject>localConsumer(CacheBus.LOOKUP, refusing(this::onLookup)),
          vertx.eventBus().<JsonObject>localConsumer(CacheBus.PUT, msg -> Failures.replyWhenDone(msg, tracked(puts.store(msg.body())))),
          vertx.eventBus().localConsumer(CacheBus.STATS, msg -> msg.reply(stats())),
          vertx.eventBus().<JsonObject>localConsumer(CacheBus.TRIM, refusing(this::onTrim)),
          vertx.eventBus().<JsonObject>localConsumer(CacheBus.HELD, refusing(msg -> msg.reply(HeldPage.from(msg.body()).answer(index)))),
          vertx.eventBus().<JsonObject>localConsumer(CacheBus.SWEEP, refusing(this::onSweep)),
          HealthBus.answerPings(vertx.eventBus(), AREA));
      return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
    }).onFailure(e -> diskWriter.close()).onSuccess(v -> {
      timers.add(vertx.setPeriodic(settings.indexSaveIntervalMs(), id -> saver.saveIfChanged()));
      timers.add(vertx.setPeriodic(settings.sectionIntervalMs(), id -> publishSection()));
      if (settings.sweepIntervalMs() > 0) {
        timers.add(vertx.setPeriodic(settings.sweepIntervalMs(), id -> sweep.run()));
      }
      publishSection();
      if (settings.sweepAtStart()) {
        sweep.run();
      }
    });
  }

  /**
   * Undeploying: the PUTs under way finish first (bounded; their archives are then in the index), then the index is
   * written as it stands (a whole file moved into place), and only then the disk writer closes.
   */
  @Override
  public Future<?> stop() {
    timers.forEach(vertx::cancelTimer);
    if (meters != null) {
      meters.close();
    }
    if (held != null) {
      held.close();
    }
    if (saver == null) {
      return Future.succeededFuture();
    }
    return Future.join(List.copyOf(storing)).timeout(PUTS_END_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .transform(ended -> saver.saveLast())
        .eventually(() -> diskWriter.close());
  }

  /** Keeps {@code put} among the PUTs under way until it ends, so a stop can wait for it. */
  private <T> Future<T> tracked(Future<T> put) {
    storing.add(put);
    return put.andThen(done -> storing.remove(put));
  }

  private void onLookup(Message<JsonObject> msg) {
    String key = msg.body() == null ? null : msg.body().getValue("key") instanceof String s ? s : null;
    if (key == null) {
      throw new Refusal(Failures.BAD_REQUEST, "BAD_REQUEST", "key must be a string");
    }
    ArchiveEntry entry = index.lookup(key);
    JsonObject reply = new JsonObject().put("key", key).put("hit", entry != null);
    if (entry != null) {
      // Recency alone does not trigger a save: it is written with the next change and at stop.
      reply.put("path", disk.pathOf(key).toString()).put("bytes", entry.bytes()).put("sha256", entry.sha256());
      if (held != null && held.self() != null) {
        reply.put("node", held.self());
      }
      msg.reply(reply);
    } else if (held == null) {
      msg.reply(reply);
    } else {
      held.elsewhere(key).onComplete(found -> {
        if (found.result() != null) {
          reply.mergeIn(found.result());
        }
        msg.reply(reply);
      });
    }
  }

  private void onTrim(Message<JsonObject> msg) {
    TrimRequest trim = TrimRequest.from(msg.body(), settings.trimTargetBytes());
    if (trim.dryRun()) {
      msg.reply(trim.answer(index.wouldTrimTo(trim.targetBytes()), index));
      return;
    }
    List<ArchiveEntry> evicted = index.trimTo(trim.targetBytes());
    effects.evicted(evicted);
    JsonObject answer = trim.answer(evicted, index);
    activity.info(String.format(Locale.ROOT, "Cache trimmed to %d bytes: %d archive(s) evicted, %.1f MB freed",
        trim.targetBytes(), evicted.size(), answer.getLong("freedBytes") / (1024.0 * 1024.0)));
    msg.reply(answer);
  }

  private void onSweep(Message<JsonObject> msg) {
    JsonObject body = msg.body() == null ? new JsonObject() : msg.body();
    for (String field : body.fieldNames()) {
      if (!field.equals("dryRun")) {
        throw Refusal.badField(field, "unknown field (known: dryRun)");
      }
    }
    Failures.replyWhenDone(msg, RequestField.flag(body, "dryRun", false) ? sweep.preview() : sweep.run());
  }

  private JsonObject stats() {
    meters.update(reading());
    return new JsonObject().put("newestArchiveAt", CacheSection.instant(index.newestModifiedMs()))
        .put("archive", details());
  }

  private JsonObject details() {
    return CacheSection.details(index.stats(), index.newestModifiedMs(), reconciler.orphansRemoved(),
        reconciler.adopted(), sweep.last());
  }

  private CacheMeters.Reading reading() {
    return new CacheMeters.Reading(index.stats(), reconciler.orphansRemoved());
  }

  /** Publishes the section when its content changed since the last publication. */
  private void publishSection() {
    meters.update(reading());
    JsonObject json = section.of(index.stats(), details()).toJson();
    sections.publish(json);
  }

  /** A handler whose {@link Refusal} fails the request with the refusal's status and body. */
  private static Handler<Message<JsonObject>> refusing(Consumer<Message<JsonObject>> handler) {
    return msg -> {
      try {
        handler.accept(msg);
      } catch (Refusal refusal) {
        refusal.failReply(msg);
      }
    };
  }
}
