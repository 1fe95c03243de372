package dev.vigie.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.UpstreamBus;
import dev.vigie.kit.Heard;
import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import dev.vigie.kit.Wait;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SWR cache in front of a real loopback upstream, on a moved clock: fresh, stale (one background request even
 * with concurrent asks), revalidated, fallback when the upstream fails, expired, and cleared.
 */
class StaleWhileRevalidateTest {
  private static final long MIN = 60_000;

  @TempDir
  Path dataDir;
  private TestVigie vigie;
  private LoopbackServer server;

  @AfterEach
  void close() {
    if (vigie != null) {
      vigie.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private final AtomicInteger served = new AtomicInteger();
  private volatile boolean failing;
  private volatile long delayMs;

  private LoopbackServer upstream() {
    return LoopbackServer.startWith(vertx -> req -> {
      int n = served.incrementAndGet();
      vertx.setTimer(Math.max(1, delayMs), id -> {
        if (failing) {
          req.response().setStatusCode(500).end("{\"error\":\"down\"}");
        } else {
          req.response().putHeader("content-type", "application/json")
              .end(new JsonObject().put("version", n).put("indicators", new JsonArray().add("mvrv")).encode());
        }
      });
    });
  }

  private JsonObject get() {
    return vigie.ask(UpstreamBus.GET, new JsonObject().put("name", "indicators"));
  }

  private List<JsonObject> concurrently(int asks) {
    List<Future<Message<JsonObject>>> futures = new ArrayList<>();
    for (int i = 0; i < asks; i++) {
      futures.add(vigie.vertx().eventBus().request(UpstreamBus.GET, new JsonObject().put("name", "indicators")));
    }
    Wait.await(asks + " concurrent asks", Future.all(futures));
    return futures.stream().map(f -> f.result().body()).toList();
  }

  @Test
  void walksFreshStaleRevalidatedFallbackExpiredAndClear() {
    server = upstream();
    AtomicLong clock = new AtomicLong(1_000_000);
    vigie = TestVigie.start(TestConfig.defaults(dataDir).only().set("cache.sectionIntervalMs", 50)
        .set("cache.upstream.sources", new JsonArray().add(new JsonObject().put("name", "indicators")
            .put("url", server.url("/api/indicators")))));
    Heard sections = vigie.listen(MonitorBus.SECTION);
    vigie.deploy(new UpstreamVerticle(clock::get));

    delayMs = 200;
    List<JsonObject> first = concurrently(5);
    assertEquals(1, served.get(), "concurrent asks for an absent key share one upstream request");
    first.forEach(a -> assertEquals("network", a.getString("source")));
    assertEquals(1, first.get(0).getJsonObject("body").getInteger("version"));

    clock.addAndGet(5 * MIN);
    JsonObject fresh = get();
    assertEquals("cache", fresh.getString("source"));
    assertEquals("fresh", fresh.getString("state"));
    assertEquals(5 * MIN, fresh.getLong("ageMs"));
    assertEquals(1, served.get());

    clock.addAndGet(10 * MIN);
    List<JsonObject> stale = concurrently(5);
    stale.forEach(a -> {
      assertEquals("stale", a.getString("state"));
      assertEquals("cache", a.getString("source"));
      assertEquals(1, a.getJsonObject("body").getInteger("version"), "stale asks are answered at once");
    });
    Wait.eventually("one background revalidation", () -> served.get() == 2);
    // A second background request would have left with the first and reached the upstream before its late answer.
    JsonObject revalidated = Wait.eventually("the revalidated answer", this::get,
        answer -> answer.getJsonObject("body").getInteger("version") == 2);
    assertEquals(2, served.get(), "and only one");
    assertEquals("fresh", revalidated.getString("state"));
    assertEquals(2, revalidated.getJsonObject("body").getInteger("version"));

    failing = true;
    clock.addAndGet(40 * MIN);
    JsonObject fallback = get();
    assertEquals("stale_cache_fallback", fallback.getString("source"));
    assertEquals(2, fallback.getJsonObject("body").getInteger("version"));
    assertEquals(40 * MIN, fallback.getLong("ageMs"));
    sections.await("the upstream section showed the fallback", s -> s.getString("section").equals("upstream")
        && s.getJsonArray("metrics").stream().map(JsonObject.class::cast)
            .anyMatch(m -> m.getString("label").equals("Last source") && "stale_cache_fallback".equals(m.getString("value"))));

    clock.addAndGet(120 * MIN);
    assertEquals(502, vigie.refusal(UpstreamBus.GET, new JsonObject().put("name", "indicators")).failureCode(),
        "past hard expiry there is nothing to fall back on");

    failing = false;
    get();
    JsonObject stats = vigie.ask(UpstreamBus.STATS, null);
    assertEquals(1, stats.getInteger("entries"));
    assertEquals("network", stats.getString("lastSource"));
    assertEquals(1, vigie.ask(UpstreamBus.CLEAR, null).getInteger("cleared"));
    assertEquals(0, vigie.ask(UpstreamBus.STATS, null).getInteger("entries"));
    assertEquals(404, vigie.refusal(UpstreamBus.GET, new JsonObject().put("name", "nope")).failureCode());
  }
}
