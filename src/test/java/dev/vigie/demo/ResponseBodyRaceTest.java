package dev.vigie.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reproducer of the suite's old "hung loopback exchange" (docs/testing.md): a test thread that chains
 * {@code request().compose(send).compose(resp -> resp.body())} can lose the response's end when it lands before
 * {@code body()} is asked (Vert.x 5.0.8, eclipse-vertx/vert.x#6038, fixed after 5.0.8), and the body future never
 * completes. Under two CPU-burning processes that form hung about 1 exchange in 90 here. Asking {@code body()} inside
 * {@code send()}'s own callback, as every test now does, completes them all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseBodyRaceTest {
  private static final String ARCHIVE = "/data/spot/daily/klines/ETHBTC/5m/ETHBTC-5m-2023-03-01.zip";
  private static final int ROUNDS = 100;

  @TempDir
  static Path temp;
  private TestVigie vigie;
  private HttpClient client;

  @BeforeAll
  void start() {
    vigie = TestVigie.start(TestConfig.defaults(temp.resolve("data")).only().mirror(5_000)
        .set("demo.mirror.dir", temp.resolve("m").toString()));
    client = vigie.vertx().createHttpClient();
  }

  @AfterAll
  void stop() {
    vigie.close();
  }

  @Test
  void bodiesAskedInsideSendsCallbackAlwaysComplete() throws Exception {
    int whole = get(null).length();
    for (int round = 0; round < ROUNDS; round++) {
      assertEquals(whole, get(null).length(), "round " + round);
      assertEquals(whole - 100, get("bytes=100-").length(), "round " + round);
      assertEquals(10, get("bytes=10-19").length(), "round " + round);
    }
  }

  private Buffer get(String range) throws Exception {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
        .setAbsoluteURI(vigie.mirror().baseUrl() + ARCHIVE);
    if (range != null) {
      options.putHeader("Range", range);
    }
    Future<Buffer> body = client.request(options).compose(req -> req.send().compose(resp -> resp.body()));
    return body.await(5, TimeUnit.SECONDS);
  }
}
