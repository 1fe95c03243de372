package dev.vigie.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.UpstreamBus;
import dev.vigie.config.ConfigLoader;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SWR cache in front of a real loopback upstream, on a moved clock: fresh, stale (one background request even
 * with concurrent asks), revalidated, fallback when the upstream fails, expired, and cleared.
 */
@ExtendWith(VertxExtension.class)
class StaleWhileRevalidateTest {
  private static final long MIN = 60_000;

  @AfterEach
  void closeVertx(Vertx vertx) throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private final AtomicInteger served = new AtomicInteger();
  private volatile boolean failing;
  private volatile long delayMs;

  private HttpServer upstream(Vertx vertx) throws Exception {
    return vertx.createHttpServer().requestHandler(req -> {
      int n = served.incrementAndGet();
      vertx.setTimer(Math.max(1, delayMs), id -> {
        if (failing) {
          req.response().setStatusCode(500).end("{\"error\":\"down\"}");
        } else {
          req.response().putHeader("content-type", "application/json")
              .end(new JsonObject().put("version", n).put("indicators", new JsonArray().add("mvrv")).encode());
        }
      });
    }).listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
  }

  private static JsonObject get(Vertx vertx) throws Exception {
    return ask(vertx, UpstreamBus.GET, new JsonObject().put("name", "indicators"));
  }

  private static List<JsonObject> concurrently(Vertx vertx, int asks) throws Exception {
    List<Future<Message<JsonObject>>> futures = new ArrayList<>();
    for (int i = 0; i < asks; i++) {
      futures.add(vertx.eventBus().request(UpstreamBus.GET, new JsonObject().put("name", "indicators")));
    }
    Future.all(futures).await(10, TimeUnit.SECONDS);
    return futures.stream().map(f -> f.result().body()).toList();
  }

  @Test
  void walksFreshStaleRevalidatedFallbackExpiredAndClear(Vertx vertx) throws Exception {
    HttpServer server = upstream(vertx);
    List<JsonObject> sections = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(MonitorBus.SECTION, m -> sections.add(m.body()));
    AtomicLong clock = new AtomicLong(1_000_000);
    JsonObject config = ConfigLoader.defaults();
    config.getJsonObject("cache").put("sectionIntervalMs", 50).getJsonObject("upstream")
        .put("sources", new JsonArray().add(new JsonObject().put("name", "indicators")
            .put("url", "http://127.0.0.1:" + server.actualPort() + "/api/indicators")));
    vertx.deployVerticle(new UpstreamVerticle(clock::get), new DeploymentOptions().setConfig(config))
        .await(10, TimeUnit.SECONDS);

    delayMs = 200;
    List<JsonObject> first = concurrently(vertx, 5);
    assertEquals(1, served.get(), "concurrent asks for an absent key share one upstream request");
    first.forEach(a -> assertEquals("network", a.getString("source")));
    assertEquals(1, first.get(0).getJsonObject("body").getInteger("version"));

    clock.addAndGet(5 * MIN);
    JsonObject fresh = get(vertx);
    assertEquals("cache", fresh.getString("source"));
    assertEquals("fresh", fresh.getString("state"));
    assertEquals(5 * MIN, fresh.getLong("ageMs"));
    assertEquals(1, served.get());

    clock.addAndGet(10 * MIN);
    List<JsonObject> stale = concurrently(vertx, 5);
    stale.forEach(a -> {
      assertEquals("stale", a.getString("state"));
      assertEquals("cache", a.getString("source"));
      assertEquals(1, a.getJsonObject("body").getInteger("version"), "stale asks are answered at once");
    });
    eventually(() -> served.get() == 2, "one background revalidation");
    Thread.sleep(delayMs + 100);
    assertEquals(2, served.get(), "and only one");
    JsonObject revalidated = get(vertx);
    assertEquals("fresh", revalidated.getString("state"));
    assertEquals(2, revalidated.getJsonObject("body").getInteger("version"));

    failing = true;
    clock.addAndGet(40 * MIN);
    JsonObject fallback = get(vertx);
    assertEquals("stale_cache_fallback", fallback.getString("source"));
    assertEquals(2, fallback.getJsonObject("body").getInteger("version"));
    assertEquals(40 * MIN, fallback.getLong("ageMs"));
    eventually(() -> sections.stream().anyMatch(s -> s.getString("section").equals("upstream")
        && s.getJsonArray("metrics").stream().map(JsonObject.class::cast)
            .anyMatch(m -> m.getString("label").equals("Last source") && "stale_cache_fallback".equals(m.getString("value")))),
        "the upstream section showed the fallback");

    clock.addAndGet(120 * MIN);
    assertEquals(502, failure(vertx.eventBus().request(UpstreamBus.GET, new JsonObject().put("name", "indicators")))
        .failureCode(), "past hard expiry there is nothing to fall back on");

    failing = false;
    get(vertx);
    JsonObject stats = ask(vertx, UpstreamBus.STATS, null);
    assertEquals(1, stats.getInteger("entries"));
    assertEquals("network", stats.getString("lastSource"));
    assertEquals(1, ask(vertx, UpstreamBus.CLEAR, null).getInteger("cleared"));
    assertEquals(0, ask(vertx, UpstreamBus.STATS, null).getInteger("entries"));
    assertEquals(404, failure(vertx.eventBus().request(UpstreamBus.GET, new JsonObject().put("name", "nope")))
        .failureCode());
  }

  private static JsonObject ask(Vertx vertx, String address, Object body) throws Exception {
    return vertx.eventBus().<JsonObject>request(address, body).map(Message::body).await(10, TimeUnit.SECONDS);
  }

  /** The failure of a request that must fail. */
  private static ReplyException failure(Future<?> future) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    future.onComplete(ar -> done.countDown());
    if (!done.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("no answer in 10 s");
    }
    if (future.succeeded()) {
      throw new AssertionError("expected a failure, got " + future.result());
    }
    return (ReplyException) future.cause();
  }

  private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never happened: " + what);
      }
      Thread.sleep(10);
    }
  }
}
