package dev.vigie.download;

import static dev.vigie.kit.Wait.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
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
 * A response far larger than the hasher's backlog and the file's queue, piped from a loopback server: the file holds
 * exactly the bytes sent and the digest, computed on a worker while the loop receives, is theirs.
 */
class DigestingWriteStreamTest {
  private static final int SIZE = 48 << 20;

  @TempDir
  Path dir;
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    await("vertx to close", vertx.close());
  }

  @Test
  void fileAndDigestHoldEveryByteInOrder() throws Exception {
    byte[] body = new byte[SIZE];
    new Random(13).nextBytes(body);
    Buffer payload = Buffer.buffer(body);
    HttpServer server = await("the server", vertx.createHttpServer()
        .requestHandler(req -> req.response().end(payload)).listen(0, "127.0.0.1"));
    Path part = dir.resolve("archive.part");
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    AtomicLong counted = new AtomicLong();

    Future<Void> written = vertx.fileSystem().open(part.toString(), new OpenOptions().setWrite(true).setCreate(true))
        .compose(file -> vertx.createHttpClient().request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/")
            .compose(req -> req.send().compose(resp -> {
              DigestingWriteStream out = new DigestingWriteStream(vertx, file, digest, counted::addAndGet, Transfer.Gate.OPEN);
              return resp.pipe().to(out).transform(piped -> out.close());
            })));
    await("the transfer", written);

    assertEquals(SIZE, counted.get(), "bytes reported");
    assertEquals(SIZE, Files.size(part), "bytes on disk");
    byte[] expected = MessageDigest.getInstance("SHA-256").digest(body);
    assertArrayEquals(expected, MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(part)), "the file's SHA-256");
    assertArrayEquals(expected, digest.digest(), "the running digest");
  }
}
