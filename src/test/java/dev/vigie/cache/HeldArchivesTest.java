package dev.vigie.cache;

import static dev.vigie.cache.StagedArchives.config;
import static dev.vigie.cache.StagedArchives.key;
import static dev.vigie.cache.StagedArchives.staged;
import static dev.vigie.cache.StagedArchives.zip;
import static dev.vigie.kit.TestArchives.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vigie.bus.CacheBus;
import dev.vigie.kit.StartedVigies;
import dev.vigie.kit.TestVigie;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What the cache holds, a page at a time in key order: what download's revalidation walks. */
class HeldArchivesTest {
  @TempDir
  Path dataDir;

  @RegisterExtension
  final StartedVigies vigies = new StartedVigies();
  private TestVigie vigie;

  @Test
  void pagesWalkEveryArchiveInKeyOrder() throws Exception {
    vigie = vigies.start(config(dataDir));
    vigie.deploy(new CacheVerticle());
    byte[] second = zip("2024-03-02", "");
    for (String date : List.of("2024-03-03", "2024-03-01")) {
      vigie.ask(CacheBus.PUT, staged(dataDir, date, zip(date, "")));
    }
    vigie.ask(CacheBus.PUT, staged(dataDir, "2024-03-02", second));

    JsonObject first = vigie.ask(CacheBus.HELD, new JsonObject().put("limit", 2));
    assertEquals(List.of(key("2024-03-01"), key("2024-03-02")),
        first.getJsonArray("archives").stream().map(a -> ((JsonObject) a).getString("key")).toList());
    assertEquals(new JsonObject().put("key", key("2024-03-02")).put("sha256", sha256(second))
        .put("bytes", (long) second.length), first.getJsonArray("archives").getJsonObject(1));
    assertEquals(key("2024-03-02"), first.getString("next"));

    JsonObject last = vigie.ask(CacheBus.HELD, new JsonObject().put("after", first.getString("next")).put("limit", 2));
    assertEquals(List.of(key("2024-03-03")),
        last.getJsonArray("archives").stream().map(a -> ((JsonObject) a).getString("key")).toList());
    assertFalse(last.containsKey("next"), "the last page has no next");

    JsonObject all = vigie.ask(CacheBus.HELD, null);
    assertEquals(3, all.getJsonArray("archives").size());
    assertNull(all.getString("next"));
    assertEquals(0, vigie.ask(CacheBus.STATS, null).getJsonObject("archive").getLong("hits"),
        "listing is not a lookup");
  }

  @Test
  void aBadAfterOrLimitIsRefusedNamingTheField() throws Exception {
    vigie = vigies.start(config(dataDir));
    vigie.deploy(new CacheVerticle());
    for (Object limit : List.of(0, 1001, 2.5, "10")) {
      ReplyException refused = vigie.refusal(CacheBus.HELD, new JsonObject().put("limit", limit));
      assertEquals(400, refused.failureCode());
      assertEquals("limit", new JsonObject(refused.getMessage()).getString("field"), "limit " + limit);
    }
    ReplyException refused = vigie.refusal(CacheBus.HELD, new JsonObject().put("after", 5));
    assertEquals(400, refused.failureCode());
    assertEquals("after", new JsonObject(refused.getMessage()).getString("field"));
  }
}
