package dev.vigie.download;

import dev.vigie.vision.ChecksumFile;

import dev.vigie.vision.VisionPath;

import dev.vigie.bus.CacheBus;
import dev.vigie.bus.Failures;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.Pipe;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads one archive: its {@code .CHECKSUM} first, then the archive streamed into {@code <dataDir>/tmp/<name>.part}
 * while its SHA-256 is computed in the same pass, resumed with a Range request after an interruption, retried with
 * backoff through the host's circuit breaker, and handed to the cache once verified.
 *
 * <p>The digest across a resume: within this process the running {@link MessageDigest} already holds exactly the
 * bytes on disk, so the transfer simply continues it. After a restart the digest state is gone; the existing
 * {@code .part} bytes are hashed once, off the event loop, before the Range request. Persisting digest state would
 * need the internals of the JDK's SHA-256; re-reading a partial file once per restart is cheap and always right.
 */
final class Transfer {
  /** What a transfer tells its verticle as it goes. */
  interface Events {
    void progress(Job job);

    void bytes(long count);

    void corrupted(Job job);
  }

  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");
  private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes \\*/(\\d+)");
  private static final long CACHE_PUT_TIMEOUT_MS = 120_000;

  private final Vertx vertx;
  private final HttpClient client;
  private final DownloadSettings settings;
  private final CircuitBreaker breaker;
  private final Backoff backoff;
  private final Events events;
  private final Job job;
  private final String url;
  private final String part;

  private MessageDigest digest = sha256();
  /** Bytes fed to {@link #digest}; equal to the .part's length while {@link #digestTrusted}. */
  private long digested;
  private boolean digestTrusted;
  private String expectedSha;
  /** Consecutive failed attempts that brought no new byte. */
  private int failures;
  private long receivedThisAttempt;
  private long progressAt;
  private long progressBytes;

  Transfer(Vertx vertx, HttpClient client, DownloadSettings settings, CircuitBreaker breaker, Backoff backoff,
      Events events, Job job) {
    this.vertx = vertx;
    this.client = client;
    this.settings = settings;
    this.breaker = breaker;
    this.backoff = backoff;
    this.events = events;
    this.job = job;
    this.url = settings.baseUrl() + "/" + job.key;
    this.part = settings.tmpDir().resolve(VisionPath.partName(job.key)).toAbsolutePath().toString();
  }

  /** Completes with the archive's path in the cache, or fails with a {@link DownloadFailure}. */
  Future<String> run() {
    Promise<Void> verified = Promise.promise();
    attempt(verified);
    return verified.future().compose(v -> putInCache());
  }

  private void attempt(Promise<Void> verified) {
    job.attempts++;
    receivedThisAttempt = 0;
    breaker.<DownloadFailure>execute(() -> fetchOnce().transform(ar -> {
      if (ar.succeeded()) {
        return Future.succeededFuture();
      }
      DownloadFailure failure = asFailure(ar.cause());
      // Only failures that say the host is unwell count against its breaker; a 404 or a bad file do not.
      return failure.hostFault() ? Future.failedFuture(failure) : Future.succeededFuture(failure);
    })).onComplete(ar -> {
      DownloadFailure failure = ar.succeeded() ? ar.result() : asFailure(ar.cause());
      if (failure == null) {
        verified.complete();
      } else if (failure.code().equals(DownloadFailure.CHECKSUM_MISMATCH)) {
        job.corrupted++;
        events.corrupted(job);
        if (job.corrupted < 2) {
          attempt(verified);
        } else {
          verified.fail(failure);
        }
      } else if (!failure.retryable()) {
        verified.fail(failure);
      } else {
        failures = receivedThisAttempt > 0 ? 1 : failures + 1;
        if (failures >= settings.retryAttempts()) {
          verified.fail(failure);
        } else {
          vertx.setTimer(Math.max(1, backoff.delayMs(failure, failures)), t -> attempt(verified));
        }
      }
    });
  }

  private Future<Void> fetchOnce() {
    Future<Void> checksum = expectedSha != null ? Future.succeededFuture() : fetchChecksum();
    return checksum.compose(v -> preparePart()).compose(this::fetchArchive);
  }

  private Future<Void> fetchChecksum() {
    return client.request(request(url + VisionPath.CHECKSUM_SUFFIX)).compose(req -> req.send()).compose(resp -> {
      if (resp.statusCode() != 200) {
        return resp.body().transform(ignored -> Future.failedFuture(statusFailure(resp, "the CHECKSUM")));
      }
      return resp.body().compose(body -> {
        try {
          expectedSha = ChecksumFile.parse(body.toString(), job.spec.fileName());
          return Future.succeededFuture();
        } catch (IllegalArgumentException e) {
          return Future.failedFuture(DownloadFailure.permanent(DownloadFailure.BAD_CHECKSUM_FILE, e.getMessage()));
        }
      });
    });
  }

  /** Makes sure the digest covers exactly the .part's bytes, and answers how many there are. */
  private Future<Long> preparePart() {
    FileSystem fs = vertx.fileSystem();
    return fs.mkdirs(settings.tmpDir().toString())
        .recover(e -> Future.failedFuture(ioFailure("cannot create " + settings.tmpDir(), e)))
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
        .onSuccess(size -> job.bytes = size);
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
    }, false).recover(e -> Future.failedFuture(ioFailure("cannot read " + part, e))).map(fresh -> {
      digest = fresh;
      digested = size;
      digestTrusted = true;
      return size;
    });
  }

  private Future<Void> fetchArchive(long offset) {
    RequestOptions options = request(url);
    if (offset > 0) {
      options.putHeader("Range", "bytes=" + offset + "-");
    }
    return client.request(options).compose(req -> req.send()).compose(resp -> {
      int status = resp.statusCode();
      if (status == 206 && offset > 0) {
        Matcher range = CONTENT_RANGE.matcher(String.valueOf(resp.getHeader("Content-Range")));
        if (!range.matches() || Long.parseLong(range.group(1)) != offset) {
          resp.request().reset();
          return startOver("the source answered a Range request with Content-Range "
              + resp.getHeader("Content-Range") + ", not from byte " + offset);
        }
        job.resumed = true;
        job.total = Long.parseLong(range.group(3));
        return stream(resp, offset);
      }
      if (status == 200) {
        String length = resp.getHeader("Content-Length");
        job.total = length == null ? -1 : Long.parseLong(length);
        // A 200 is the whole file: whatever the .part held is dropped and the digest starts again.
        resetDigest();
        return stream(resp, 0);
      }
      if (status == 416 && offset > 0) {
        Matcher range = UNSATISFIED_RANGE.matcher(String.valueOf(resp.getHeader("Content-Range")));
        long total = range.matches() ? Long.parseLong(range.group(1)) : -1;
        return resp.body().transform(ignored -> {
          if (total == offset) {
            job.total = total;
            return verify();
          }
          return startOver("the .part holds " + offset + " bytes but the archive has " + total);
        });
      }
      return resp.body().transform(ignored -> Future.failedFuture(statusFailure(resp, "the archive")));
    });
  }

  private Future<Void> startOver(String why) {
    resetDigest();
    return vertx.fileSystem().delete(part).recover(e -> Future.succeededFuture())
        .transform(ignored -> Future.failedFuture(DownloadFailure.transientFault(DownloadFailure.HTTP_ERROR, why, 0)));
  }

  private Future<Void> stream(HttpClientResponse resp, long offset) {
    // The pipe pauses the response, so no byte arrives before the file is open.
    Pipe<Buffer> pipe = resp.pipe();
    OpenOptions open = new OpenOptions().setWrite(true).setCreate(true).setTruncateExisting(offset == 0);
    return vertx.fileSystem().open(part, open).recover(e -> {
      pipe.close();
      resp.request().reset();
      return Future.failedFuture(ioFailure("cannot write " + part, e));
    }).compose(file -> {
      file.setWritePos(offset);
      digestTrusted = true;
      progressAt = System.currentTimeMillis();
      progressBytes = job.bytes;
      DigestingWriteStream out = new DigestingWriteStream(file, digest, this::received);
      return pipe.to(out).transform(piped -> out.close().transform(closed -> {
        if (out.writeFailure() != null) {
          resp.request().reset();
          resetDigest();
          return vertx.fileSystem().delete(part).recover(e -> Future.succeededFuture())
              .transform(ignored -> Future.failedFuture(ioFailure("cannot write " + part, out.writeFailure())));
        }
        if (piped.failed()) {
          return Future.failedFuture(DownloadFailure.transientFault(DownloadFailure.NETWORK_ERROR,
              "transfer interrupted at byte " + digested + ": " + piped.cause().getMessage(), -1));
        }
        if (job.total >= 0 && digested != job.total) {
          return Future.failedFuture(DownloadFailure.transientFault(DownloadFailure.NETWORK_ERROR,
              "the transfer ended at byte " + digested + " of " + job.total, -1));
        }
        return verify();
      }));
    });
  }

  private void received(long count) {
    digested += count;
    receivedThisAttempt += count;
    job.bytes = digested;
    events.bytes(count);
    long now = System.currentTimeMillis();
    long elapsed = now - progressAt;
    if (elapsed >= settings.progressIntervalMs()) {
      job.bytesPerSecond = (job.bytes - progressBytes) * 1000.0 / elapsed;
      progressAt = now;
      progressBytes = job.bytes;
      events.progress(job);
    }
  }

  private Future<Void> verify() {
    String actual = HexFormat.of().formatHex(digest.digest());
    long size = digested;
    resetDigest();
    if (actual.equals(expectedSha)) {
      job.sha256 = actual;
      job.bytes = size;
      return Future.succeededFuture();
    }
    String expected = expectedSha;
    // The CHECKSUM is fetched again too: Binance re-publishes some archives with new checksums.
    expectedSha = null;
    return vertx.fileSystem().delete(part).recover(e -> Future.succeededFuture())
        .transform(ignored -> Future.failedFuture(DownloadFailure.mismatch(
            "the archive's SHA-256 is " + actual + " but its CHECKSUM says " + expected)));
  }

  private Future<String> putInCache() {
    JsonObject put = new JsonObject().put("key", job.key).put("file", part).put("sha256", job.sha256)
        .put("bytes", job.bytes);
    return vertx.eventBus().<JsonObject>request(CacheBus.PUT, put, new DeliveryOptions().setSendTimeout(CACHE_PUT_TIMEOUT_MS))
        .map(reply -> reply.body().getString("path"))
        .recover(e -> vertx.fileSystem().delete(part).recover(ignored -> Future.succeededFuture())
            .transform(ignored -> Future.failedFuture(DownloadFailure.permanent(DownloadFailure.CACHE_ERROR,
                "the cache did not take the verified archive: " + Failures.bodyOf(e).getString("message")))));
  }

  private void resetDigest() {
    digest = sha256();
    digested = 0;
    digestTrusted = true;
  }

  private RequestOptions request(String absoluteUrl) {
    return new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(absoluteUrl).setFollowRedirects(true)
        .setConnectTimeout(settings.connectTimeoutMs()).setIdleTimeout(settings.idleTimeoutMs());
  }

  private static DownloadFailure statusFailure(HttpClientResponse resp, String what) {
    int status = resp.statusCode();
    String text = "the source answered " + status + " for " + what;
    if (status == 404) {
      return DownloadFailure.permanent(DownloadFailure.MISSING, "the source has no such archive (404)");
    }
    if (status == 429 || status == 503) {
      long retryAfter = Backoff.retryAfterMs(resp.getHeader("Retry-After"), System.currentTimeMillis());
      return DownloadFailure.transientFault(DownloadFailure.HTTP_ERROR, text, retryAfter);
    }
    if (status >= 500 || status == 408) {
      return DownloadFailure.transientFault(DownloadFailure.HTTP_ERROR, text, -1);
    }
    return DownloadFailure.permanent(DownloadFailure.HTTP_ERROR, text);
  }

  private static DownloadFailure ioFailure(String what, Throwable cause) {
    return DownloadFailure.permanent(DownloadFailure.IO_ERROR, what + ": " + describe(cause));
  }

  static DownloadFailure asFailure(Throwable failure) {
    if (failure instanceof DownloadFailure f) {
      return f;
    }
    if (failure instanceof OpenCircuitException) {
      return DownloadFailure.permanent(DownloadFailure.BREAKER_OPEN,
          "the circuit breaker for the source is open after repeated failures");
    }
    return DownloadFailure.transientFault(DownloadFailure.NETWORK_ERROR, describe(failure), -1);
  }

  private static String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
