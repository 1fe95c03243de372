package dev.vigie.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.upstream.UpstreamCache.Plan;
import dev.vigie.upstream.UpstreamCache.State;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The SWR policy on an injected clock: fresh, stale with one revalidation, revalidated, fallback, expired, clear. */
class UpstreamSwrPolicyTest {
  private static final long MIN = 60_000;
  private final AtomicLong clock = new AtomicLong(0);
  private final UpstreamCache cache = new UpstreamCache(new UpstreamCache.Windows(10 * MIN, 30 * MIN, 120 * MIN), clock::get);
  private final JsonObject v1 = new JsonObject().put("v", 1);
  private final JsonObject v2 = new JsonObject().put("v", 2);

  @Test
  void walksFreshStaleRevalidatedFallbackExpired() {
    Plan first = cache.ask("s");
    assertEquals(State.ABSENT, first.state());
    assertNull(first.serve());
    assertTrue(first.fetch());
    assertFalse(cache.ask("s").fetch(), "a second ask joins the request already running");
    assertEquals(UpstreamCache.NETWORK, cache.completed("s", v1).source());

    clock.set(5 * MIN);
    Plan fresh = cache.ask("s");
    assertEquals(State.FRESH, fresh.state());
    assertEquals(UpstreamCache.CACHE, fresh.serve().source());
    assertFalse(fresh.fetch());

    clock.set(15 * MIN);
    Plan stale = cache.ask("s");
    assertEquals(State.STALE, stale.state());
    assertEquals(v1, stale.serve().body());
    assertEquals(15 * MIN, stale.serve().ageMs());
    assertTrue(stale.fetch(), "the first stale ask starts the revalidation");
    for (int i = 0; i < 5; i++) {
      Plan again = cache.ask("s");
      assertEquals(v1, again.serve().body(), "stale asks are served at once");
      assertFalse(again.fetch(), "only one background request per key");
    }
    cache.completed("s", v2);
    Plan revalidated = cache.ask("s");
    assertEquals(State.FRESH, revalidated.state());
    assertEquals(v2, revalidated.serve().body());
    assertEquals(0, revalidated.serve().ageMs());

    clock.set(15 * MIN + 40 * MIN);
    Plan expired = cache.ask("s");
    assertEquals(State.EXPIRED, expired.state());
    assertNull(expired.serve(), "past the stale window the ask waits for the network");
    assertTrue(expired.fetch());
    UpstreamCache.Answer fallback = cache.failed("s");
    assertEquals(UpstreamCache.FALLBACK, fallback.source());
    assertEquals(v2, fallback.body());
    assertEquals(UpstreamCache.FALLBACK, cache.lastSource());

    clock.set(15 * MIN + 120 * MIN);
    assertEquals(State.ABSENT, cache.ask("s").state(), "gone at hard expiry");
    assertNull(cache.failed("s"), "nothing left to fall back on");
    assertEquals(0, cache.entries());
  }

  @Test
  void aStaleEntryWhoseRevalidationFailedIsLabelledFallback() {
    cache.ask("s");
    cache.completed("s", v1);
    clock.set(12 * MIN);
    assertTrue(cache.ask("s").fetch());
    cache.failed("s");
    Plan next = cache.ask("s");
    assertEquals(UpstreamCache.FALLBACK, next.serve().source());
    assertTrue(next.fetch(), "it keeps trying, one request at a time");
  }

  @Test
  void statisticsAndClear() {
    cache.ask("s");
    cache.completed("s", v1);
    cache.ask("s");
    cache.ask("s");
    cache.ask("t");
    assertEquals(4, cache.requests());
    assertEquals(2, cache.hits());
    assertEquals(0.5, cache.hitRate());
    assertEquals(2, cache.networkRequests());
    assertEquals(1, cache.clear());
    assertEquals(State.ABSENT, cache.state("s"));
  }
}
