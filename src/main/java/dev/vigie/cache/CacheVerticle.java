package dev.vigie.cache;

import dev.vigie.vision.ArchiveKey;

import static net.logstash.logback.argument.StructuredArguments.entries;

import dev.vigie.bus.CacheBus;
import dev.vigie.bus.DownloadBus;
import dev.vigie.bus.Failures;
import dev.vigie.bus.HealthBus;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.Thresholds;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache area: sole owner of the archive index (files under {@code <dataDir>/archives/<key>}) and of the SWR cache
 * of upstream JSON sources. Hashing, scans and index writes run on workers; file moves and deletions run one at a
 * time on a dedicated single-thread executor, so a deletion and a replacement of the same key never interleave.
 */
public final class CacheVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger("cache");
  private static final String COMPONENT = "cache";

  private final LongSupplier clock;
  private CacheSettings settings;
  private ArchiveIndex index;
  private ArchiveDisk disk;
  private WorkerExecutor diskWriter;
  private WebClient client;
  private UpstreamCache upstream;
  private UpstreamResolver resolver;
  private ChecksumRevalidation revalidation;
  private CacheSections sections;
  private CacheMeters meters;
  private final Set<String> pendingPuts = new HashSet<>();
  private boolean indexDirty;
  private Future<Void> saving = Future.succeededFuture();
  private boolean saveRunning;
  private Future<JsonObject> sweepRunning;
  private Future<JsonObject> revalidationRunning;
  private long orphansRemoved;
  private long adopted;
  private JsonObject lastSweep;
  private JsonObject lastRevalidation;
  private final Map<String, String> lastPublished = new LinkedHashMap<>();

  public CacheVerticle() {
    this(System::currentTimeMillis);
  }

  /** @param clock epoch milliseconds; tests move it to walk the SWR windows */
  public CacheVerticle(LongSupplier clock) {
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    try {
      settings = CacheSettings.from(config());
      sections = new CacheSections(Thresholds.from(config()));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    index = new ArchiveIndex(settings.maxBytes(), settings.maxEntries(), clock);
    disk = new ArchiveDisk(settings.archivesDir(), settings.tmpDir());
    diskWriter = vertx.createSharedWorkerExecutor("vigie-cache-disk-" + deploymentID(), 1);
    client = WebClient.create(vertx, new WebClientOptions().setUserAgent("vigie-cache"));
    upstream = new UpstreamCache(settings.windows(), clock);
    resolver = new UpstreamResolver(upstream, client, settings.sources(), settings.upstreamTimeoutMs());
    revalidation = new ChecksumRevalidation(client, settings.baseUrl(), settings.revalidateConcurrency(),
        settings.revalidateTimeoutMs());
    return loadIndex().compose(v -> {
      meters = new CacheMeters(reading());
      List<MessageConsumer<?>> consumers = List.of(
          vertx.eventBus().<JsonObject>consumer(CacheBus.LOOKUP, this::onLookup),
          vertx.eventBus().<JsonObject>consumer(CacheBus.PUT, this::onPut),
          vertx.eventBus().consumer(CacheBus.STATS, msg -> msg.reply(stats())),
          vertx.eventBus().<JsonObject>consumer(CacheBus.TRIM, this::onTrim),
          vertx.eventBus().consumer(CacheBus.REVALIDATE, this::onRevalidate),
          vertx.eventBus().consumer(CacheBus.SWEEP, msg -> sweep().onComplete(ar -> replyOrFail(msg, ar.result(), ar.cause()))),
          vertx.eventBus().consumer(CacheBus.CLEAR, this::onClear),
          vertx.eventBus().<JsonObject>consumer(CacheBus.UPSTREAM, this::onUpstream),
          vertx.eventBus().consumer(HealthBus.ping(COMPONENT), msg -> msg.reply(new JsonObject().put("area", COMPONENT))));
      return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
    }).onFailure(e -> diskWriter.close()).onSuccess(v -> {
      vertx.setPeriodic(settings.indexSaveIntervalMs(), id -> saveIfDirty());
      vertx.setPeriodic(settings.sectionIntervalMs(), id -> publishSections());
      if (settings.sweepIntervalMs() > 0) {
        vertx.setPeriodic(settings.sweepIntervalMs(), id -> sweep());
      }
      if (settings.revalidateIntervalMs() > 0) {
        vertx.setPeriodic(settings.revalidateIntervalMs(), id -> revalidate());
      }
      publishSections();
      if (settings.sweepAtStart()) {
        sweep();
      }
    });
  }

  @Override
  public Future<?> stop() {
    meters.close();
    List<ArchiveEntry> snapshot = index.entries();
    return saving.transform(ar -> vertx.executeBlocking(() -> {
      IndexFile.write(settings.indexFile(), snapshot);
      return null;
    }, false)).eventually(() -> diskWriter.close());
  }

  // ---- index load, reconcile, persistence

  private Future<Void> loadIndex() {
    return vertx.executeBlocking(() -> {
      try {
        disk.createDirectories();
      } catch (IOException e) {
        throw new IllegalStateException("cache: cannot create " + settings.archivesDir() + " (" + e + ")", e);
      }
      if (!Files.isWritable(disk.archives()) || !Files.isWritable(settings.tmpDir())) {
        throw new IllegalStateException("cache: " + settings.dataDir() + " is not writable: archives cannot be stored");
      }
      return IndexFile.read(settings.indexFile());
    }, false).compose(read -> {
      read.ifPresent(list -> list.forEach(index::restore));
      List<ArchiveEntry> known = index.entries();
      return vertx.executeBlocking(() -> ArchiveScan.run(disk.archives(), known, false), false).map(report -> {
        JsonObject summary = reconcile(report, read.isPresent() ? "start" : "rebuild");
        if (read.isEmpty() || report.indexDiffers()) {
          LOG.info("cache_index_rebuilt", entries(summary.getMap()));
          indexDirty = true;
          saveIfDirty();
        }
        return null;
      });
    });
  }

  /** Applies a scan on the event loop: what changed since the scan started (a PUT, an eviction) is left alone. */
  private JsonObject reconcile(ArchiveScan.Report report, String reason) {
    int corrupted = 0;
    int removed = 0;
    int orphans = 0;
    int adoptedNow = 0;
    for (ArchiveScan.Mismatch m : report.corrupted()) {
      String key = m.file().key();
      ArchiveEntry current = index.peek(key);
      if (!pendingPuts.contains(key) && current != null && current.sha256().equals(m.expectedSha256())) {
        index.removeCorrupted(key);
        deleteLater(disk.pathOf(key), m.file().bytes(), m.file().modifiedMs());
        changed(key, "corrupted", m.file().bytes());
        LOG.warn("cache_corrupted_removed", entries(Map.of("key", key, "expected", m.expectedSha256(),
            "actual", m.file().sha256())));
        corrupted++;
      }
    }
    for (ArchiveEntry gone : report.missing()) {
      ArchiveEntry current = index.peek(gone.key());
      if (!pendingPuts.contains(gone.key()) && gone.equals(current == null ? null : current.withLastAccess(gone.lastAccessMs()))) {
        index.remove(gone.key());
        changed(gone.key(), "removed", gone.bytes());
        removed++;
      }
    }
    for (ArchiveScan.Observed found : report.adoptable()) {
      if (!pendingPuts.contains(found.key()) && index.peek(found.key()) == null) {
        index.restore(new ArchiveEntry(found.key(), found.bytes(), found.sha256(), found.modifiedMs(), found.modifiedMs()));
        changed(found.key(), "added", found.bytes());
        adoptedNow++;
      }
    }
    for (ArchiveScan.Observed broken : report.broken()) {
      if (!pendingPuts.contains(broken.key()) && index.peek(broken.key()) == null) {
        deleteLater(disk.pathOf(broken.key()), broken.bytes(), broken.modifiedMs());
        index.countCorrupted(1);
        LOG.warn("cache_corrupted_removed", entries(Map.of("key", broken.key(), "reason", "not a complete ZIP")));
        corrupted++;
      }
    }
    for (ArchiveScan.Observed orphan : report.orphans()) {
      deleteLater(disk.archives().resolve(orphan.key()), orphan.bytes(), orphan.modifiedMs());
      LOG.warn("cache_orphan_removed", entries(Map.of("path", orphan.key())));
      orphans++;
    }
    evict(index.evictOverLimits());
    orphansRemoved += orphans;
    adopted += adoptedNow;
    if (corrupted + removed + adoptedNow > 0) {
      indexDirty = true;
    }
    JsonObject summary = new JsonObject().put("reason", reason).put("at", Instant.now().toString())
        .put("checked", report.verified().size() + report.corrupted().size()).put("hashed", report.hashed())
        .put("corruptedRemoved", corrupted).put("orphansRemoved", orphans).put("vanished", removed)
        .put("adopted", adoptedNow).put("durationMs", report.durationMs());
    if (corrupted + orphans > 0) {
      activity("warning", "Cache " + reason + ": removed " + corrupted + " corrupted and " + orphans + " orphaned file(s)");
    }
    if (adoptedNow + removed > 0) {
      activity("info", "Cache " + reason + ": index rebuilt from disk (" + adoptedNow + " archive(s) adopted, "
          + removed + " vanished)");
    }
    return summary;
  }

  private Future<Void> saveIfDirty() {
    if (!indexDirty || saveRunning) {
      return saving;
    }
    indexDirty = false;
    saveRunning = true;
    List<ArchiveEntry> snapshot = index.entries();
    saving = vertx.<Void>executeBlocking(() -> {
      IndexFile.write(settings.indexFile(), snapshot);
      return null;
    }, false).onComplete(ar -> {
      saveRunning = false;
      if (ar.failed()) {
        indexDirty = true;
        LOG.error("cache_index_save_failed", entries(Map.of("reason", String.valueOf(ar.cause().getMessage()))));
      }
    });
    return saving;
  }

  // ---- archive requests

  private void onLookup(Message<JsonObject> msg) {
    String key = msg.body() == null ? null : msg.body().getValue("key") instanceof String s ? s : null;
    if (key == null) {
      Failures.fail(msg, Failures.BAD_REQUEST, "BAD_REQUEST", "key must be a string");
      return;
    }
    ArchiveEntry entry = index.lookup(key);
    JsonObject reply = new JsonObject().put("key", key).put("hit", entry != null);
    if (entry != null) {
      // Recency alone does not trigger a save: it is written with the next change and at stop.
      reply.put("path", disk.pathOf(key).toString()).put("bytes", entry.bytes()).put("sha256", entry.sha256());
    }
    msg.reply(reply);
  }

  private void onPut(Message<JsonObject> msg) {
    JsonObject body = msg.body() == null ? new JsonObject() : msg.body();
    String key = body.getValue("key") instanceof String s ? s : null;
    String file = body.getValue("file") instanceof String s ? s : null;
    String sha = body.getValue("sha256") instanceof String s ? s.toLowerCase(Locale.ROOT) : null;
    Long bytes = body.getValue("bytes") instanceof Number n ? n.longValue() : null;
    if (!ArchiveKey.isSafe(key)) {
      Failures.fail(msg, Failures.BAD_REQUEST, "BAD_REQUEST", "key must be a Binance Vision path like data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-03-01.zip");
      return;
    }
    if (file == null || file.isBlank()) {
      Failures.fail(msg, Failures.BAD_REQUEST, "BAD_REQUEST", "file must be the path of the verified file");
      return;
    }
    if (sha == null || !sha.matches("[0-9a-f]{64}")) {
      Failures.fail(msg, Failures.BAD_REQUEST, "BAD_REQUEST", "sha256 must be 64 hexadecimal digits");
      return;
    }
    if (bytes == null || bytes < 0) {
      Failures.fail(msg, Failures.BAD_REQUEST, "BAD_REQUEST", "bytes must be a non-negative whole number");
      return;
    }
    if (bytes > settings.maxBytes()) {
      Failures.fail(msg, Failures.TOO_LARGE, "TOO_LARGE", key + " is " + bytes + " bytes, over cache.maxBytes (" + settings.maxBytes() + ")");
      return;
    }
    if (!pendingPuts.add(key)) {
      Failures.fail(msg, Failures.CONFLICT, "PUT_IN_PROGRESS", key + " is being stored already");
      return;
    }
    Path source;
    try {
      source = Path.of(file).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      source = null;
    }
    if (source == null || !source.startsWith(settings.dataDir().toAbsolutePath().normalize())) {
      pendingPuts.remove(key);
      Failures.fail(msg, Failures.BAD_REQUEST, "BAD_REQUEST", "file must be a path inside dataDir (" + settings.dataDir() + ")");
      return;
    }
    Path from = source;
    vertx.executeBlocking(() -> verify(from, bytes, sha), false)
        .compose(problem -> problem == null
            ? diskWriter.executeBlocking(() -> disk.moveIn(from, key), true)
            : Future.<Long>failedFuture(new Refused(problem)))
        .onComplete(ar -> {
          pendingPuts.remove(key);
          if (ar.failed()) {
            refusePut(msg, key, ar.cause());
            return;
          }
          ArchiveEntry previous = index.peek(key);
          List<ArchiveEntry> evicted = index.put(new ArchiveEntry(key, bytes, sha, ar.result(), 0));
          indexDirty = true;
          changed(key, previous == null ? "added" : "replaced", bytes);
          evict(evicted);
          LOG.info("cache_put", entries(Map.of("key", key, "bytes", bytes, "replaced", previous != null,
              "evicted", evicted.size())));
          if (previous != null && !previous.sha256().equals(sha)) {
            activity("info", "Cache: " + key + " replaced by a re-published version");
          }
          msg.reply(new JsonObject().put("key", key).put("path", disk.pathOf(key).toString()).put("bytes", bytes)
              .put("sha256", sha).put("replaced", previous != null)
              .put("evicted", new JsonArray(evicted.stream().map(ArchiveEntry::key).toList())));
        });
  }

  /** Null when the file is what the sender says; otherwise why not. Blocking. */
  private String verify(Path file, long bytes, String sha) throws IOException {
    long size = Files.size(file);
    if (size != bytes) {
      return "SIZE_MISMATCH:the file has " + size + " bytes, not " + bytes;
    }
    if (settings.verifyOnPut()) {
      String actual = ArchiveDisk.sha256(file);
      if (!actual.equals(sha)) {
        return "CHECKSUM_MISMATCH:the file's SHA-256 is " + actual + ", not " + sha;
      }
    }
    return null;
  }

  private void refusePut(Message<JsonObject> msg, String key, Throwable cause) {
    if (cause instanceof Refused refused) {
      String[] parts = refused.getMessage().split(":", 2);
      LOG.warn("cache_put_refused", entries(Map.of("key", key, "error", parts[0], "reason", parts[1])));
      Failures.fail(msg, Failures.CONFLICT, parts[0], key + " refused: " + parts[1]);
    } else if (cause instanceof NoSuchFileException) {
      Failures.fail(msg, Failures.BAD_REQUEST, "NO_SUCH_FILE", "no file at " + cause.getMessage());
    } else {
      LOG.error("cache_put_failed", entries(Map.of("key", key, "reason", String.valueOf(cause))));
      activity("error", "Cache could not store " + key + ": " + cause.getMessage());
      Failures.fail(msg, Failures.INTERNAL, "IO_ERROR", "could not store " + key + ": " + cause.getMessage());
    }
  }

  private void onTrim(Message<JsonObject> msg) {
    JsonObject body = msg.body() == null ? new JsonObject() : msg.body();
    Object given = body.getValue("targetBytes");
    long target;
    if (given == null) {
      target = settings.maxBytes() * settings.trimTargetPercent() / 100;
    } else if (given instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() == Math.rint(n.doubleValue())) {
      target = n.longValue();
    } else {
      Failures.fail(msg, Failures.BAD_REQUEST, "BAD_REQUEST", "targetBytes must be a non-negative whole number of bytes");
      return;
    }
    long before = index.totalBytes();
    List<ArchiveEntry> evicted = index.trimTo(target);
    evict(evicted);
    long freed = before - index.totalBytes();
    activity("info", String.format(Locale.ROOT, "Cache trimmed to %d bytes: %d archive(s) evicted, %.1f MB freed",
        target, evicted.size(), freed / (1024.0 * 1024.0)));
    msg.reply(new JsonObject().put("targetBytes", target).put("evicted", evicted.size()).put("freedBytes", freed)
        .put("entries", index.size()).put("bytes", index.totalBytes()));
  }

  private void onRevalidate(Message<Object> msg) {
    if (revalidationRunning != null) {
      Failures.fail(msg, Failures.CONFLICT, "REVALIDATION_RUNNING", "a revalidation is already running");
      return;
    }
    revalidate().onComplete(ar -> replyOrFail(msg, ar.result(), ar.cause()));
  }

  /** Re-fetches every cached archive's {@code .CHECKSUM}; asks the downloader to replace those that changed. */
  private Future<JsonObject> revalidate() {
    if (revalidationRunning != null) {
      return revalidationRunning;
    }
    long started = System.nanoTime();
    List<ArchiveEntry> snapshot = index.entries();
    revalidationRunning = revalidation.run(snapshot).compose(outcome -> {
      JsonArray failed = outcome.failed().copy();
      List<String> requested = new ArrayList<>();
      List<Future<?>> asks = new ArrayList<>();
      for (String key : outcome.changed()) {
        JsonObject request = ArchiveKey.downloadRequest(key).orElse(null);
        if (request == null) {
          failed.add(new JsonObject().put("key", key).put("error", "UNSUPPORTED_KEY")
              .put("message", "the downloader cannot fetch this layout"));
          continue;
        }
        asks.add(vertx.eventBus().request(DownloadBus.REQUEST, request.put("force", true))
            .onSuccess(r -> requested.add(key))
            .onFailure(e -> failed.add(new JsonObject().put("key", key)
                .put("error", Failures.bodyOf(e).getString("error")).put("message", Failures.bodyOf(e).getString("message")))));
      }
      return Future.join(asks).transform(ar -> {
        JsonObject result = new JsonObject().put("at", Instant.now().toString())
            .put("checked", snapshot.size()).put("unchanged", outcome.unchanged().size())
            .put("changed", new JsonArray(outcome.changed())).put("requested", new JsonArray(requested))
            .put("failed", failed).put("durationMs", (System.nanoTime() - started) / 1_000_000);
        return Future.succeededFuture(result);
      });
    }).onComplete(ar -> {
      revalidationRunning = null;
      if (ar.succeeded()) {
        JsonObject r = ar.result();
        lastRevalidation = r.copy().put("changed", r.getJsonArray("changed").size())
            .put("requested", r.getJsonArray("requested").size()).put("failed", r.getJsonArray("failed").size());
        LOG.info("cache_revalidated", entries(lastRevalidation.getMap()));
        activity(r.getJsonArray("changed").isEmpty() && r.getJsonArray("failed").isEmpty() ? "info" : "warning",
            "Cache revalidated " + r.getInteger("checked") + " archive(s): " + r.getJsonArray("changed").size()
                + " re-published (" + r.getJsonArray("requested").size() + " re-download(s) requested), "
                + r.getJsonArray("failed").size() + " could not be checked");
      }
    });
    return revalidationRunning;
  }

  /** Re-hashes every file against the index, off the event loop; one sweep at a time. */
  private Future<JsonObject> sweep() {
    if (sweepRunning != null) {
      return sweepRunning;
    }
    List<ArchiveEntry> snapshot = index.entries();
    sweepRunning = vertx.executeBlocking(() -> ArchiveScan.run(disk.archives(), snapshot, true), false)
        .map(report -> reconcile(report, "sweep"))
        .onComplete(ar -> {
          sweepRunning = null;
          if (ar.succeeded()) {
            lastSweep = ar.result();
            LOG.info("cache_sweep_completed", entries(lastSweep.getMap()));
          } else {
            LOG.error("cache_sweep_failed", entries(Map.of("reason", String.valueOf(ar.cause()))));
          }
        });
    return sweepRunning;
  }

  // ---- upstream (SWR) requests

  private void onUpstream(Message<JsonObject> msg) {
    String name = msg.body() == null ? null : msg.body().getValue("name") instanceof String s ? s : null;
    if (name == null || !resolver.knows(name)) {
      Failures.fail(msg, Failures.NOT_FOUND, "UNKNOWN_SOURCE", "no upstream source named '" + name
          + "' (cache.upstream.sources)");
      return;
    }
    resolver.answer(name).onComplete(ar -> {
      if (ar.succeeded()) {
        msg.reply(ar.result());
      } else {
        Failures.fail(msg, 502, "UPSTREAM_FAILED", ar.cause().getMessage());
      }
    });
  }

  private void onClear(Message<Object> msg) {
    int cleared = upstream.clear();
    activity("info", "Upstream cache cleared: " + cleared + " entr" + (cleared == 1 ? "y" : "ies") + " dropped");
    msg.reply(new JsonObject().put("cleared", cleared));
  }

  // ---- what others see

  private JsonObject stats() {
    ArchiveStats a = index.stats();
    meters.update(reading());
    long newest = index.newestModifiedMs();
    return new JsonObject()
        .put("newestArchiveAt", newest < 0 ? null : Instant.ofEpochMilli(newest).toString())
        .put("archive", archiveJson(a))
        .put("upstream", upstreamJson());
  }

  private JsonObject archiveJson(ArchiveStats a) {
    double hitRate = a.hitRate();
    long newest = index.newestModifiedMs();
    return new JsonObject().put("entries", a.entries()).put("bytes", a.bytes()).put("maxBytes", a.maxBytes())
        .put("maxEntries", a.maxEntries()).put("usedPercent", a.usedPercent()).put("hits", a.hits())
        .put("misses", a.misses()).put("hitRate", Double.isNaN(hitRate) ? null : hitRate)
        .put("evictions", a.evictions()).put("corruptedRemoved", a.corruptedRemoved())
        .put("orphansRemoved", orphansRemoved).put("adopted", adopted)
        .put("newestArchiveAt", newest < 0 ? null : Instant.ofEpochMilli(newest).toString())
        .put("lastSweep", lastSweep).put("lastRevalidation", lastRevalidation);
  }

  private JsonObject upstreamJson() {
    double hitRate = upstream.hitRate();
    UpstreamCache.Windows w = upstream.windows();
    return new JsonObject().put("entries", upstream.entries()).put("requests", upstream.requests())
        .put("hits", upstream.hits()).put("misses", upstream.misses())
        .put("hitRate", Double.isNaN(hitRate) ? null : hitRate).put("networkRequests", upstream.networkRequests())
        .put("networkFailures", upstream.networkFailures()).put("fallbacks", upstream.fallbacks())
        .put("lastSource", upstream.lastSource()).put("lastAgeMs", upstream.lastAgeMs() < 0 ? null : upstream.lastAgeMs())
        .put("freshMs", w.freshMs()).put("staleMs", w.staleMs()).put("expireMs", w.expireMs())
        .put("sources", resolver.describe());
  }

  private CacheMeters.Reading reading() {
    return new CacheMeters.Reading(index.stats(), orphansRemoved, upstream.entries(), upstream.requests(),
        upstream.hits(), upstream.networkRequests(), upstream.networkFailures(), upstream.fallbacks());
  }

  /** Publishes each section when its content changed since the last publication. */
  private void publishSections() {
    meters.update(reading());
    publishIfChanged(sections.archive(index.stats(), archiveJson(index.stats())).toJson());
    publishIfChanged(sections.upstream(upstream, upstreamJson()).toJson());
  }

  private void publishIfChanged(JsonObject section) {
    String encoded = section.encode();
    if (!encoded.equals(lastPublished.put(section.getString("section"), encoded))) {
      vertx.eventBus().publish(MonitorBus.SECTION, section);
    }
  }

  private void evict(List<ArchiveEntry> evicted) {
    for (ArchiveEntry e : evicted) {
      deleteLater(disk.pathOf(e.key()), e.bytes(), e.modifiedMs());
      changed(e.key(), "evicted", e.bytes());
    }
    if (!evicted.isEmpty()) {
      indexDirty = true;
      LOG.info("cache_evicted", entries(Map.of("archives", evicted.size(),
          "bytes", evicted.stream().mapToLong(ArchiveEntry::bytes).sum())));
    }
  }

  private void deleteLater(Path file, long bytes, long modifiedMs) {
    diskWriter.executeBlocking(() -> disk.deletePath(file, bytes, modifiedMs), true)
        .onFailure(e -> LOG.error("cache_delete_failed", entries(Map.of("path", file.toString(),
            "reason", String.valueOf(e.getMessage())))));
  }

  private void changed(String key, String change, long bytes) {
    vertx.eventBus().publish(CacheBus.CHANGED, new JsonObject().put("key", key).put("change", change).put("bytes", bytes));
  }

  private void activity(String level, String message) {
    vertx.eventBus().publish(MonitorBus.ACTIVITY, new JsonObject().put("level", level).put("message", message)
        .put("component", COMPONENT));
  }

  private static void replyOrFail(Message<?> msg, JsonObject result, Throwable cause) {
    if (cause == null) {
      msg.reply(result);
    } else {
      Failures.fail(msg, Failures.INTERNAL, "INTERNAL", String.valueOf(cause.getMessage()));
    }
  }

  /** A PUT refused because the file is not what the sender says: {@code CODE:reason}. */
  private static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message, null, false, false);
    }
  }
}
