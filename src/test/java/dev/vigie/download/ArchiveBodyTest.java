package dev.vigie.download;

import static dev.vigie.kit.Wait.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A body far larger than the hasher's backlog and the file's queue, taken off a loopback connection by the tap: the
 * file holds exactly the bytes sent, the digest computed on a worker while the loop receives is theirs, and the
 * connection then serves an ordinary response through Vert.x.
 */
class ArchiveBodyTest {
  private static final int SIZE = 48 << 20;

  @TempDir
  Path dir;
  private Vertx vertx;
  private HttpClient client;
  private int port;
  private byte[] body;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    body = new byte[SIZE];
    new Random(13).nextBytes(body);
    serve(new HttpServerOptions(), new HttpClientOptions());
  }

  private void serve(HttpServerOptions serverOptions, HttpClientOptions clientOptions) {
    Buffer payload = Buffer.buffer(body);
    HttpServer server = await("the server", vertx.createHttpServer(serverOptions)
        .requestHandler(req -> req.response().end(req.path().equals("/small") ? Buffer.buffer("small") : payload))
        .listen(0, "127.0.0.1"));
    port = server.actualPort();
    // One connection: the second request goes out on the connection the tap took the first body from.
    client = vertx.createHttpClient(clientOptions, new PoolOptions().setHttp1MaxSize(1));
  }

  @AfterEach
  void stop() {
    await("vertx to close", vertx.close());
  }

  @Test
  void fileAndDigestHoldEveryByteInOrderAndTheConnectionServesTheNextResponse() throws Exception {
    fetch(0);
  }

  /** The file is attached a while after the response's head (a .part opened again): nothing is lost meanwhile. */
  @Test
  void aBodyAttachedLateLosesNothing() throws Exception {
    fetch(300);
  }

  /** A body the transfer does not keep (a Range answered wrongly) is read and dropped; the connection serves on. */
  @Test
  void aDiscardedBodyLeavesTheConnectionUsable() {
    ArchiveBody archive = new ArchiveBody(vertx, count -> { }, Transfer.Gate.OPEN);
    Buffer rest = await("the discarded response's end", client.request(new RequestOptions().setMethod(HttpMethod.GET)
        .setPort(port).setHost("127.0.0.1").setURI("/archive")).compose(req -> {
          BodyTap.on(req).arm(archive);
          return req.send();
        }).compose(resp -> {
          archive.discard();
          return resp.body();
        }));
    assertEquals(0, rest.length(), "the body went to the tap, which dropped it");
    Buffer next = await("a response on the same connection", client.request(HttpMethod.GET, port, "127.0.0.1", "/small")
        .compose(req -> req.send().compose(resp -> resp.body())));
    assertEquals("small", next.toString());
  }

  /** Binance Vision is served over HTTPS: the tap sits after the TLS handler and takes the decrypted body. */
  @Test
  void aBodyOverTlsArrivesWhole() throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    serve(new HttpServerOptions().setSsl(true).setKeyCertOptions(certificate.keyCertOptions()),
        new HttpClientOptions().setSsl(true).setTrustOptions(certificate.trustOptions()).setVerifyHost(false));
    fetch(0);
  }

  private void fetch(long attachAfterMs) throws Exception {
    Path part = dir.resolve("archive.part");
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    AtomicLong counted = new AtomicLong();
    ArchiveBody archive = new ArchiveBody(vertx, counted::addAndGet, Transfer.Gate.OPEN);

    Future<Void> written = vertx.fileSystem().open(part.toString(), new OpenOptions().setWrite(true).setCreate(true))
        .compose(file -> client.request(new RequestOptions().setMethod(HttpMethod.GET).setPort(port)
            .setHost("127.0.0.1").setURI("/archive")).compose(req -> {
              BodyTap.on(req).arm(archive);
              return req.send();
            }).compose(resp -> {
              Promise<Void> attached = Promise.promise();
              vertx.setTimer(Math.max(1, attachAfterMs), t -> archive.attach(file, digest).onComplete(attached));
              return attached.future();
            }).transform(ar -> archive.close()));
    await("the transfer", written);

    assertEquals(SIZE, counted.get(), "bytes reported");
    assertEquals(SIZE, Files.size(part), "bytes on disk");
    byte[] expected = MessageDigest.getInstance("SHA-256").digest(body);
    assertArrayEquals(expected, MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(part)), "the file's SHA-256");
    assertArrayEquals(expected, digest.digest(), "the running digest");

    Buffer next = await("a response on the same connection", client.request(HttpMethod.GET, port, "127.0.0.1", "/small")
        .compose(req -> req.send().compose(resp -> resp.body())));
    assertEquals("small", next.toString());
  }
}
