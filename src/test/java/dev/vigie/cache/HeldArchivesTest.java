package dev.vigie.cache;

import static dev.vigie.cache.CacheFixture.ask;
import static dev.vigie.cache.CacheFixture.failure;
import static dev.vigie.cache.CacheFixture.key;
import static dev.vigie.cache.CacheFixture.sha256;
import static dev.vigie.cache.CacheFixture.staged;
import static dev.vigie.cache.CacheFixture.zip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vigie.bus.CacheBus;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What the cache holds, a page at a time in key order: what download's revalidation walks. */
@ExtendWith(VertxExtension.class)
class HeldArchivesTest {
  @TempDir
  Path dataDir;

  /** Vert.x closes (and the cache saves its index) before the temporary directory is deleted. */
  @AfterEach
  void closeVertx(Vertx vertx) throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void pagesWalkEveryArchiveInKeyOrder(Vertx vertx) throws Exception {
    CacheFixture.deploy(vertx, new CacheVerticle(), CacheFixture.config(dataDir, new JsonObject()));
    byte[] second = zip("2024-03-02", "");
    for (String date : List.of("2024-03-03", "2024-03-01")) {
      ask(vertx, CacheBus.PUT, staged(dataDir, date, zip(date, "")));
    }
    ask(vertx, CacheBus.PUT, staged(dataDir, "2024-03-02", second));

    JsonObject first = ask(vertx, CacheBus.HELD, new JsonObject().put("limit", 2));
    assertEquals(List.of(key("2024-03-01"), key("2024-03-02")),
        first.getJsonArray("archives").stream().map(a -> ((JsonObject) a).getString("key")).toList());
    assertEquals(new JsonObject().put("key", key("2024-03-02")).put("sha256", sha256(second))
        .put("bytes", (long) second.length), first.getJsonArray("archives").getJsonObject(1));
    assertEquals(key("2024-03-02"), first.getString("next"));

    JsonObject last = ask(vertx, CacheBus.HELD, new JsonObject().put("after", first.getString("next")).put("limit", 2));
    assertEquals(List.of(key("2024-03-03")),
        last.getJsonArray("archives").stream().map(a -> ((JsonObject) a).getString("key")).toList());
    assertFalse(last.containsKey("next"), "the last page has no next");

    JsonObject all = ask(vertx, CacheBus.HELD, null);
    assertEquals(3, all.getJsonArray("archives").size());
    assertNull(all.getString("next"));
    assertEquals(0, ask(vertx, CacheBus.STATS, null).getJsonObject("archive").getLong("hits"),
        "listing is not a lookup");
  }

  @Test
  void aBadAfterOrLimitIsRefusedNamingTheField(Vertx vertx) throws Exception {
    CacheFixture.deploy(vertx, new CacheVerticle(), CacheFixture.config(dataDir, new JsonObject()));
    for (Object limit : List.of(0, 1001, 2.5, "10")) {
      ReplyException refused = failure(vertx.eventBus().request(CacheBus.HELD, new JsonObject().put("limit", limit)));
      assertEquals(400, refused.failureCode());
      assertEquals("limit", new JsonObject(refused.getMessage()).getString("field"), "limit " + limit);
    }
    ReplyException refused = failure(vertx.eventBus().request(CacheBus.HELD, new JsonObject().put("after", 5)));
    assertEquals(400, refused.failureCode());
    assertEquals("after", new JsonObject(refused.getMessage()).getString("field"));
  }
}
