package dev.vigie.demo;

import dev.vigie.vision.ArchiveSpec;
import dev.vigie.vision.BucketListing;
import dev.vigie.vision.ChecksumFile;
import dev.vigie.vision.VisionPath;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP server in the Binance Vision layout: archives generated deterministically from their path
 * ({@link ArchiveGenerator}, written once to {@code dir} and then served from disk), their {@code .CHECKSUM}, single
 * byte ranges (206 / Content-Range / 416), per-archive faults ({@link MirrorFaults}) for tests and the demo, and the
 * S3-style listing of what it publishes ({@link MirrorCatalog}: {@code GET /?prefix=&delimiter=/&marker=}, pages of
 * 1,000 keys), where an archive can be absent upstream or re-published with another checksum.
 * Admin: {@code POST /_faults} with {@code {key, ...fault}} sets a fault, {@code DELETE /_faults} clears them all,
 * {@code GET /_seen} lists the requests received (what a fault script outside the JVM reads as evidence).
 */
public final class MirrorVerticle extends VerticleBase {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

  /** Where and how the mirror serves. {@code throttleBytesPerSecond} paces every archive (0: full speed). */
  public record Options(String host, int port, Path dir, long tradesPerDay, long throttleBytesPerSecond) {
  }

  /** One request the mirror received: its path, its Range header (or null) and when. */
  public record Seen(String path, String range, long atMs) {
  }

  private final Options options;
  private final MirrorFaults faults = new MirrorFaults();
  private final MirrorCatalog catalog = new MirrorCatalog();
  /** The newest 10,000 requests: plenty for a test or a fault script, bounded for a demo left running for days. */
  private final RecentRequests seen = new RecentRequests(10_000);
  private final AtomicInteger sending = new AtomicInteger();
  private final AtomicInteger maxSending = new AtomicInteger();
  private final Map<String, Future<ArchiveGenerator.Generated>> archives = new HashMap<>();
  private ArchiveGenerator generator;
  private HttpServer server;

  public MirrorVerticle(Options options) {
    this.options = options;
  }

  @Override
  public Future<?> start() {
    generator = new ArchiveGenerator(options.tradesPerDay());
    server = vertx.createHttpServer().requestHandler(this::handle);
    return server.listen(options.port(), options.host());
  }

  public int actualPort() {
    return server.actualPort();
  }

  public String baseUrl() {
    return "http://" + options.host() + ":" + actualPort();
  }

  public MirrorFaults faults() {
    return faults;
  }

  /** What the mirror lists as published; withdraw or re-publish archives through it. */
  public MirrorCatalog catalog() {
    return catalog;
  }

  /** The requests received so far (the newest 10,000), in order. */
  public List<Seen> seen() {
    return seen.list();
  }

  /**
   * The most archive bodies this mirror has sent at the same time. A paced send (a throttle fault) stops counting
   * before its last bytes leave, so a client that waits for one body before asking for the next is never seen to
   * overlap; an unpaced one stops when its response has ended, which the client may see later than its last byte.
   */
  public int maxConcurrentSends() {
    return maxSending.get();
  }

  /** The archive for {@code key}, generated on first use (off the event loop). */
  public Future<ArchiveGenerator.Generated> archive(String key) {
    return archive(VisionPath.parse(key));
  }

  private void handle(HttpServerRequest req) {
    String path = req.path();
    if (path.startsWith("/_faults")) {
      admin(req);
      return;
    }
    if (path.equals("/_seen") && req.method() == HttpMethod.GET) {
      JsonArray list = new JsonArray();
      seen().forEach(s -> list.add(new JsonObject().put("path", s.path()).put("range", s.range()).put("atMs", s.atMs())));
      req.response().putHeader("Content-Type", "application/json").end(list.encode());
      return;
    }
    if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
      req.response().setStatusCode(405).end();
      return;
    }
    if (path.equals("/")) {
      list(req);
      return;
    }
    boolean checksum = path.endsWith(VisionPath.CHECKSUM_SUFFIX);
    String key = path.length() > 1 ? path.substring(1, path.length() - (checksum ? VisionPath.CHECKSUM_SUFFIX.length() : 0)) : "";
    ArchiveSpec spec;
    try {
      spec = VisionPath.parse(key);
    } catch (IllegalArgumentException e) {
      req.response().setStatusCode(404).end("no such archive");
      return;
    }
    seen.add(new Seen(path, req.getHeader("Range"), System.currentTimeMillis()));
    if (catalog.isWithdrawn(key)) {
      req.response().setStatusCode(404).end("absent upstream");
      return;
    }
    MirrorFaults.Fault fault = faults.get(key);
    if (fault != null && fault.status() > 0 && faults.consume(key)) {
      HttpServerResponse resp = req.response().setStatusCode(fault.status());
      if (fault.retryAfterSeconds() >= 0) {
        resp.putHeader("Retry-After", String.valueOf(fault.retryAfterSeconds()));
      }
      resp.end("fault injected: " + fault.status());
      return;
    }
    // GET and HEAD carry no body, so the request is not paused while the archive is generated.
    archive(spec).onComplete(ar -> {
      if (ar.failed()) {
        req.response().setStatusCode(500).end("could not generate " + key + ": " + ar.cause().getMessage());
        return;
      }
      catalog.publish(spec);
      catalog.sized(key, ar.result().size());
      if (checksum) {
        String sha = ar.result().sha256();
        String served = fault != null && fault.wrongChecksum() ? new StringBuilder(sha).reverse().toString() : sha;
        req.response().putHeader("Content-Type", "text/plain").end(ChecksumFile.line(served, spec.fileName()));
      } else {
        send(req, key, ar.result(), fault);
      }
    });
  }

  /** The S3 listing of the catalog: {@code ?prefix=&delimiter=&marker=}, as Binance's bucket answers. */
  private void list(HttpServerRequest req) {
    String prefix = req.getParam("prefix", "");
    BucketListing page = catalog.page(prefix, req.getParam("delimiter"), req.getParam("marker"));
    seen.add(new Seen(req.uri(), null, System.currentTimeMillis()));
    req.response().putHeader("Content-Type", "application/xml").end(page.toXml("data.binance.vision"));
  }

  private Future<ArchiveGenerator.Generated> archive(ArchiveSpec spec) {
    String key = spec.key();
    int revision = catalog.revision(key);
    boolean partial = catalog.isPartial(key);
    // A re-published or partial archive is another file: the first, whole revision keeps the key's own name.
    String file = (revision == 0 ? key : key + ".r" + revision) + (partial ? ".partial" : "");
    return archives.computeIfAbsent(file, k -> vertx.executeBlocking(() -> {
      Path path = options.dir().resolve(file);
      Path sidecar = path.resolveSibling(path.getFileName() + ".sha256");
      if (Files.exists(path) && Files.exists(sidecar)) {
        return new ArchiveGenerator.Generated(path, Files.size(path), Files.readString(sidecar).trim());
      }
      ArchiveGenerator.Generated generated = generator.write(spec, path, revision, partial);
      Files.writeString(sidecar, generated.sha256());
      return generated;
    }, false).onFailure(e -> archives.remove(file)));
  }

  private void send(HttpServerRequest req, String key, ArchiveGenerator.Generated archive, MirrorFaults.Fault fault) {
    HttpServerResponse resp = req.response();
    long size = archive.size();
    long start = 0;
    long end = size - 1;
    Matcher range = req.getHeader("Range") == null ? null : RANGE.matcher(req.getHeader("Range"));
    resp.putHeader("Accept-Ranges", "bytes").putHeader("Content-Type", "application/zip");
    if (range != null && range.matches()) {
      start = Long.parseLong(range.group(1));
      if (!range.group(2).isEmpty()) {
        end = Math.min(end, Long.parseLong(range.group(2)));
      }
      if (start >= size || start > end) {
        resp.setStatusCode(416).putHeader("Content-Range", "bytes */" + size).end();
        return;
      }
      resp.setStatusCode(206).putHeader("Content-Range", "bytes " + start + "-" + end + "/" + size);
    }
    long length = end - start + 1;
    resp.putHeader("Content-Length", String.valueOf(length));
    if (req.method() == HttpMethod.HEAD) {
      resp.end();
      return;
    }
    long throttle = fault != null && fault.throttleBytesPerSecond() > 0 ? fault.throttleBytesPerSecond()
        : options.throttleBytesPerSecond();
    long dropAfter = fault != null && fault.dropAfterBytes() >= 0 && faults.consume(key) ? fault.dropAfterBytes() : -1;
    int now = sending.incrementAndGet();
    maxSending.accumulateAndGet(now, Math::max);
    AtomicBoolean finished = new AtomicBoolean();
    Runnable done = () -> {
      if (finished.compareAndSet(false, true)) {
        sending.decrementAndGet();
      }
    };
    resp.endHandler(v -> done.run());
    resp.closeHandler(v -> done.run());
    if (throttle <= 0 && dropAfter < 0) {
      resp.sendFile(archive.path().toString(), start, length);
      return;
    }
    long from = start;
    vertx.fileSystem().open(archive.path().toString(), new OpenOptions().setRead(true).setWrite(false))
        .onFailure(e -> resp.setStatusCode(500).end())
        .onSuccess(file -> new PacedSend(file, req, throttle, dropAfter).start(from, length, done));
  }

  /** Streams part of a file at a set pace, or cuts the connection after some bytes: the faults a test asks for. */
  private final class PacedSend {
    private final AsyncFile file;
    private final HttpServerRequest req;
    private final long bytesPerSecond;
    private final long dropAfter;
    private long sent;
    private long length;
    private Runnable done;
    private long startedAt;
    private boolean closed;

    PacedSend(AsyncFile file, HttpServerRequest req, long bytesPerSecond, long dropAfter) {
      this.file = file;
      this.req = req;
      this.bytesPerSecond = bytesPerSecond;
      this.dropAfter = dropAfter;
    }

    void start(long from, long length, Runnable done) {
      this.length = length;
      this.done = done;
      HttpServerResponse resp = req.response();
      int chunk = bytesPerSecond > 0 ? (int) Math.max(1024, Math.min(65_536, bytesPerSecond / 20)) : 65_536;
      file.setReadPos(from).setReadLength(length).setReadBufferSize(chunk);
      startedAt = System.currentTimeMillis();
      resp.closeHandler(v -> {
        done.run();
        close();
      });
      file.endHandler(v -> {
        resp.end();
        close();
      });
      file.handler(this::chunk);
    }

    private void chunk(Buffer buffer) {
      HttpServerResponse resp = req.response();
      if (dropAfter >= 0 && sent + buffer.length() >= dropAfter) {
        int keep = (int) (dropAfter - sent);
        file.pause();
        resp.write(buffer.slice(0, keep)).onComplete(v -> req.connection().close());
        return;
      }
      if (sent + buffer.length() >= length) {
        // The body's last bytes: the client may ask for its next archive as soon as they arrive, before this loop
        // gets to end the response, so the send stops counting before they leave.
        done.run();
      }
      resp.write(buffer);
      sent += buffer.length();
      if (bytesPerSecond > 0) {
        long dueMs = sent * 1000 / bytesPerSecond - (System.currentTimeMillis() - startedAt);
        if (dueMs > 0) {
          file.pause();
          vertx.setTimer(dueMs, t -> resumeWhenDrained(resp));
          return;
        }
      }
      if (resp.writeQueueFull()) {
        file.pause();
        resumeWhenDrained(resp);
      }
    }

    /** Closes the file once; a pacing timer or drain handler still pending then finds it closed and stops. */
    private void close() {
      if (!closed) {
        closed = true;
        file.close();
      }
    }

    private void resumeWhenDrained(HttpServerResponse resp) {
      if (closed) {
        return;
      }
      if (resp.writeQueueFull()) {
        resp.drainHandler(v -> {
          if (!closed) {
            file.resume();
          }
        });
      } else {
        file.resume();
      }
    }
  }

  private void admin(HttpServerRequest req) {
    if (req.method() == HttpMethod.DELETE) {
      faults.clearAll();
      req.response().setStatusCode(204).end();
      return;
    }
    if (req.method() != HttpMethod.POST) {
      req.response().setStatusCode(405).end();
      return;
    }
    req.body().onSuccess(body -> {
      try {
        JsonObject json = body.toJsonObject();
        VisionPath.parse(json.getString("key"));
        faults.set(json.getString("key"), MirrorFaults.Fault.fromJson(json));
        req.response().setStatusCode(204).end();
      } catch (RuntimeException e) {
        req.response().setStatusCode(400).end("expected {key, status?, retryAfterSeconds?, dropAfterBytes?, times?, "
            + "wrongChecksum?, throttleBytesPerSecond?}: " + e.getMessage());
      }
    });
  }
}
