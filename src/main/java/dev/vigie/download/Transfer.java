package dev.vigie.download;

import dev.vigie.bus.CacheBus;
import dev.vigie.bus.Failures;
import dev.vigie.vision.ArchiveSpec;
import dev.vigie.vision.VisionPath;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads one archive: its {@code .CHECKSUM} first, then the archive streamed into {@code <dataDir>/tmp/<name>.part}
 * while its SHA-256 is computed in the same pass, resumed with a Range request after an interruption, retried with
 * backoff through the host's circuit breaker, and handed to the cache once verified. It owns only its own progress:
 * it reports facts to a {@link Listener} and ends with a {@link TransferOutcome}; the verticle writes the job.
 *
 * <p>The digest across a resume: within this process the running {@link MessageDigest} already holds exactly the
 * bytes on disk, so the transfer simply continues it. After a restart the digest state is gone; the existing
 * {@code .part} bytes are hashed once, off the event loop, before the Range request. Persisting digest state would
 * need the internals of the JDK's SHA-256; re-reading a partial file once per restart is cheap and always right.
 */
final class Transfer {
  /** What a transfer tells its verticle as it goes. */
  interface Listener {
    /** Attempt {@code number} (1 for the first) starts. */
    void attempt(int number);

    /** Where the transfer stands; {@code intervalElapsed} at most once per {@code download.progressIntervalMs}. */
    void progress(TransferProgress now, boolean intervalElapsed);

    /** {@code count} more bytes arrived from the source. */
    void received(long count);

    /** The {@code times}-th download of the archive did not match its CHECKSUM and was deleted. */
    void corrupted(int times);

    /**
     * The transfer waits for {@code on} because of {@code why}, or no longer does ({@code why} null): {@code source}
     * (its breaker) or {@code cluster} (the fence).
     */
    void waiting(String on, String why);
  }

  /**
   * Whether this member may fetch the archive now: in a cluster with a quorum, the {@link Fence} and the claim
   * ({@link SharedJobs#refusal}); always open otherwise. Asked before each attempt and before each write.
   */
  interface Gate {
    Gate OPEN = new Gate() {
      @Override
      public DownloadFailure refusal() {
        return null;
      }

      @Override
      public Future<Void> reopened() {
        return Future.succeededFuture();
      }
    };

    /** Null, {@code FENCED} (wait for {@link #reopened}, then go on) or {@code CLAIM_LOST} (give the archive up). */
    DownloadFailure refusal();

    Future<Void> reopened();
  }

  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");
  private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes \\*/(\\d+)");
  private static final long CACHE_PUT_TIMEOUT_MS = 120_000;

  private final Vertx vertx;
  private final SourceHost source;
  private final DownloadSettings settings;
  private final ArchiveSpec spec;
  private final Listener listener;
  private final Gate gate;
  private final String part;

  private MessageDigest digest = sha256();
  /** Bytes fed to {@link #digest}; equal to the .part's length while {@link #digestTrusted}. */
  private long digested;
  private boolean digestTrusted;
  private String expectedSha;
  private int attempts;
  private int mismatches;
  /** Consecutive failed attempts that brought no new byte. */
  private int failures;
  private long receivedThisAttempt;
  private long bytes;
  private long total = -1;
  private double bytesPerSecond;
  private boolean resumed;
  private long progressAt;
  private long progressBytes;

  Transfer(Vertx vertx, SourceHost source, DownloadSettings settings, ArchiveSpec spec, Listener listener, Gate gate) {
    this.vertx = vertx;
    this.gate = gate;
    this.source = source;
    this.settings = settings;
    this.spec = spec;
    this.listener = listener;
    this.part = settings.tmpDir().resolve(VisionPath.partName(spec.key())).toAbsolutePath().toString();
  }

  /** Completes (never fails) with the archive's place in the cache, or the failure that ended the transfer. */
  Future<TransferOutcome> run() {
    Promise<Void> verified = Promise.promise();
    attempt(verified);
    return verified.future().compose(v -> putInCache())
        .<TransferOutcome>map(path -> new TransferOutcome.Completed(path, expectedSha, bytes))
        .otherwise(e -> new TransferOutcome.Failed(DownloadFailure.from(e)));
  }

  private void attempt(Promise<Void> verified) {
    DownloadFailure refused = gate.refusal();
    if (refused != null) {
      holdBack(verified, refused);
      return;
    }
    listener.attempt(++attempts);
    receivedThisAttempt = 0;
    source.guarded(this::fetchOnce).onComplete(ar -> {
      if (ar.succeeded()) {
        verified.complete();
        return;
      }
      DownloadFailure failure = DownloadFailure.from(ar.cause());
      if (failure.code().equals(DownloadFailure.FENCED) || failure.code().equals(DownloadFailure.CLAIM_LOST)) {
        holdBack(verified, failure);
      } else if (failure.code().equals(DownloadFailure.BREAKER_OPEN)) {
        awaitSource(verified, failure);
      } else if (failure.code().equals(DownloadFailure.CHECKSUM_MISMATCH)) {
        listener.corrupted(++mismatches);
        if (RetryRules.retriesAfterMismatch(mismatches)) {
          attempt(verified);
        } else {
          verified.fail(failure);
        }
      } else if (!failure.retryable()) {
        verified.fail(failure);
      } else {
        failures = receivedThisAttempt > 0 ? 1 : failures + 1;
        if (failures >= settings.retryAttempts() && source.breakerOpen()) {
          // The host is down for everyone, not just this archive: the attempts start again once it is back.
          failures = 0;
          awaitSource(verified, failure);
        } else if (failures >= settings.retryAttempts()) {
          verified.fail(failure);
        } else {
          vertx.setTimer(Math.max(1, source.backoff().delayMs(failure, failures)), t -> attempt(verified));
        }
      }
    });
  }

  /**
   * The gate said no: a lost claim ends the transfer (its .part is of no use; the member that took it fetches it), a
   * fence waits until it opens, then the transfer resumes from its .part.
   */
  private void holdBack(Promise<Void> verified, DownloadFailure why) {
    if (why.code().equals(DownloadFailure.CLAIM_LOST)) {
      resetDigest();
      deletePart().onComplete(deleted -> verified.fail(why));
      return;
    }
    listener.waiting("cluster", why.getMessage());
    gate.reopened().onComplete(open -> {
      listener.waiting("cluster", null);
      if (open.succeeded()) {
        attempt(verified);
      } else {
        verified.fail(open.cause());
      }
    });
  }

  /**
   * Waits, as long as it takes, for the breaker to let a call through (its half-open trial or its close), then tries
   * again; only a shutdown ends the wait, and the job stays in the journal.
   */
  private void awaitSource(Promise<Void> verified, DownloadFailure why) {
    listener.waiting("source", why.code().equals(DownloadFailure.BREAKER_OPEN) ? why.getMessage() + ": waiting for the source"
        : source.breakerOpenMessage() + ": waiting for the source (last failure: " + why.getMessage() + ")");
    source.usable().onComplete(ready -> {
      listener.waiting("source", null);
      if (ready.succeeded()) {
        attempt(verified);
      } else {
        verified.fail(ready.cause());
      }
    });
  }

  private Future<Void> fetchOnce() {
    Future<Void> checksum = expectedSha != null ? Future.succeededFuture()
        : source.checksum(spec).onSuccess(sha -> expectedSha = sha).mapEmpty();
    return checksum.compose(v -> preparePart()).compose(this::fetchArchive);
  }

  /** Makes sure the digest covers exactly the .part's bytes, and answers how many there are. */
  private Future<Long> preparePart() {
    FileSystem fs = vertx.fileSystem();
    return fs.mkdirs(settings.tmpDir().toString())
        .recover(e -> Future.failedFuture(DownloadFailure.io("cannot create " + settings.tmpDir(), e)))
        .compose(v -> fs.exists(part))
        .compose(exists -> {
          if (!exists) {
            resetDigest();
            return Future.succeededFuture(0L);
          }
          return fs.props(part).compose(props -> {
            long size = props.size();
            if (digestTrusted && size == digested) {
              return Future.succeededFuture(size);
            }
            return rehash(size);
          });
        })
        .onSuccess(size -> {
          bytes = size;
          report(false);
        });
  }

  /** Hashes the first {@code size} bytes of an existing .part, off the event loop. */
  private Future<Long> rehash(long size) {
    return vertx.executeBlocking(() -> {
      MessageDigest fresh = sha256();
      byte[] buffer = new byte[1 << 20];
      long left = size;
      try (InputStream in = Files.newInputStream(Path.of(part))) {
        while (left > 0) {
          int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
          if (n < 0) {
            break;
          }
          fresh.update(buffer, 0, n);
          left -= n;
        }
      }
      if (left != 0) {
        throw new IOException(part + " shrank while it was being read");
      }
      return fresh;
    }, false).recover(e -> Future.failedFuture(DownloadFailure.io("cannot read " + part, e))).map(fresh -> {
      digest = fresh;
      digested = size;
      digestTrusted = true;
      return size;
    });
  }

  /**
   * Opens the .part, then asks for the archive from {@code offset}. The file is open before the request leaves so that
   * the answer streams straight into it: a response held paused while the file opens loses what it buffered when the
   * connection drops then (Vert.x fails a paused response at once on close, without handing over its queue), and a
   * drop in the first bytes would restart from byte 0 instead of resuming.
   */
  private Future<Void> fetchArchive(long offset) {
    RequestOptions options = source.get(spec.key());
    if (offset > 0) {
      options.putHeader("Range", "bytes=" + offset + "-");
    }
    ArchiveBody body = new ArchiveBody(vertx, this::received, gate);
    return openPart(offset == 0).compose(file -> source.send(options, body).transform(sent -> {
      if (sent.failed()) {
        return closePart(file, offset).transform(ignored -> Future.failedFuture(sent.cause()));
      }
      return answer(sent.result(), offset, file, body);
    })).andThen(done -> body.close());
  }

  private Future<Void> answer(HttpClientResponse resp, long offset, AsyncFile file, ArchiveBody body) {
    int status = resp.statusCode();
    if (status == 206 && offset > 0) {
      Matcher range = CONTENT_RANGE.matcher(String.valueOf(resp.getHeader("Content-Range")));
      if (!range.matches() || Long.parseLong(range.group(1)) != offset) {
        resp.request().reset();
        body.discard();
        return file.close().transform(ignored -> startOver("the source answered a Range request with Content-Range "
            + resp.getHeader("Content-Range") + ", not from byte " + offset));
      }
      resumed = true;
      total = Long.parseLong(range.group(3));
      report(false);
      return stream(resp, offset, file, body);
    }
    if (status == 200) {
      String length = resp.getHeader("Content-Length");
      total = length == null ? -1 : Long.parseLong(length);
      report(false);
      // A 200 is the whole file: whatever the .part held is dropped and the digest starts again.
      resetDigest();
      if (offset == 0) {
        return stream(resp, 0, file, body);
      }
      // The .part was opened to be appended to: open it again emptied, so no old byte outlives the new file's end.
      // The body waits meanwhile: it reads nothing until attached.
      return file.close().compose(ignored -> openPart(true)).transform(reopened -> {
        if (reopened.failed()) {
          resp.request().reset();
          body.discard();
          return Future.failedFuture(reopened.cause());
        }
        return stream(resp, 0, reopened.result(), body);
      });
    }
    // No other answer's body is the archive's: Vert.x reads it as usual.
    body.discard();
    if (status == 416 && offset > 0) {
      Matcher range = UNSATISFIED_RANGE.matcher(String.valueOf(resp.getHeader("Content-Range")));
      long total = range.matches() ? Long.parseLong(range.group(1)) : -1;
      return resp.body().transform(ignored -> file.close()).transform(ignored -> {
        if (total == offset) {
          this.total = total;
          report(false);
          return verify();
        }
        return startOver("the .part holds " + offset + " bytes but the archive has " + total);
      });
    }
    return resp.body().transform(ignored -> closePart(file, offset))
        .transform(ignored -> Future.failedFuture(SourceHost.statusFailure(resp, "the archive")));
  }

  private Future<Void> startOver(String why) {
    resetDigest();
    return deletePart().transform(ignored ->
        Future.failedFuture(DownloadFailure.transientFault(DownloadFailure.HTTP_ERROR, why, 0)));
  }

  /** Opens the .part for writing, created when absent; emptied when {@code fresh}. */
  private Future<AsyncFile> openPart(boolean fresh) {
    OpenOptions open = new OpenOptions().setWrite(true).setCreate(true).setTruncateExisting(fresh);
    return vertx.fileSystem().open(part, open)
        .recover(e -> Future.failedFuture(DownloadFailure.io("cannot write " + part, e)));
  }

  /** Closes a .part that got no answer to write; one opened for a first attempt was empty, and goes. */
  private Future<Void> closePart(AsyncFile file, long offset) {
    return file.close().transform(ignored -> offset == 0 ? deletePart() : Future.succeededFuture());
  }

  private Future<Void> stream(HttpClientResponse resp, long offset, AsyncFile file, ArchiveBody out) {
    file.setWritePos(offset);
    digestTrusted = true;
    progressAt = System.currentTimeMillis();
    progressBytes = bytes;
    IdleWatch idle = new IdleWatch(vertx, settings.idleTimeoutMs(), out::full, () -> resp.request()
        .reset(0, new TimeoutException("nothing received for " + settings.idleTimeoutMs() + " ms")));
    out.onBytes(count -> idle.received());
    return out.attach(file, digest).andThen(piped -> idle.stop()).transform(piped -> out.close().transform(closed -> {
      if (out.refusal() != null) {
        // What was received before the gate closed is on disk and in the digest: a later attempt resumes after it.
        resp.request().reset();
        return Future.failedFuture(out.refusal());
      }
      if (out.writeFailure() != null) {
        resp.request().reset();
        resetDigest();
        return deletePart().transform(ignored ->
            Future.failedFuture(DownloadFailure.io("cannot write " + part, out.writeFailure())));
      }
      if (piped.failed()) {
        return Future.failedFuture(DownloadFailure.transientFault(DownloadFailure.NETWORK_ERROR,
            "transfer interrupted at byte " + digested + ": " + piped.cause().getMessage(), -1));
      }
      if (total >= 0 && digested != total) {
        return Future.failedFuture(DownloadFailure.transientFault(DownloadFailure.NETWORK_ERROR,
            "the transfer ended at byte " + digested + " of " + total, -1));
      }
      return verify();
    }));
  }

  private void received(long count) {
    digested += count;
    receivedThisAttempt += count;
    bytes = digested;
    listener.received(count);
    long now = System.currentTimeMillis();
    long elapsed = now - progressAt;
    boolean intervalElapsed = elapsed >= settings.progressIntervalMs();
    if (intervalElapsed) {
      bytesPerSecond = (bytes - progressBytes) * 1000.0 / elapsed;
      progressAt = now;
      progressBytes = bytes;
    }
    report(intervalElapsed);
  }

  private void report(boolean intervalElapsed) {
    listener.progress(new TransferProgress(bytes, total, bytesPerSecond, resumed), intervalElapsed);
  }

  private Future<Void> verify() {
    String actual = HexFormat.of().formatHex(digest.digest());
    long size = digested;
    resetDigest();
    if (actual.equals(expectedSha)) {
      bytes = size;
      return Future.succeededFuture();
    }
    String expected = expectedSha;
    // The CHECKSUM is fetched again too: Binance re-publishes some archives with new checksums.
    expectedSha = null;
    return deletePart().transform(ignored -> Future.failedFuture(DownloadFailure.mismatch(
        "the archive's SHA-256 is " + actual + " but its CHECKSUM says " + expected)));
  }

  private Future<String> putInCache() {
    JsonObject put = new JsonObject().put("key", spec.key()).put("file", part).put("sha256", expectedSha)
        .put("bytes", bytes);
    return vertx.eventBus().<JsonObject>request(CacheBus.PUT, put, new DeliveryOptions().setSendTimeout(CACHE_PUT_TIMEOUT_MS))
        .map(reply -> reply.body().getString("path"))
        .recover(e -> deletePart().transform(ignored -> Future.failedFuture(DownloadFailure.permanent(
            DownloadFailure.CACHE_ERROR,
            "the cache did not take the verified archive: " + Failures.bodyOf(e).getString("message")))));
  }

  /** Deletes the .part; one already gone is fine. */
  private Future<Void> deletePart() {
    return vertx.fileSystem().delete(part).recover(e -> Future.succeededFuture());
  }

  private void resetDigest() {
    digest = sha256();
    digested = 0;
    digestTrusted = true;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
