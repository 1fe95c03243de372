package dev.vigie.download;

import static dev.vigie.download.MirroredDownloads.mirrorSha;
import static dev.vigie.download.MirroredDownloads.outcome;
import static dev.vigie.kit.TestArchives.klines;
import static dev.vigie.kit.TestArchives.klinesKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.DownloadBus;
import dev.vigie.kit.Heard;
import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A source that redirects elsewhere: followed only to a host in download.redirectHosts, else REDIRECT_REFUSED. */
class RedirectTest {
  @TempDir
  Path temp;

  @Test
  void aRedirectToAnotherHostFailsByNameUnlessThatHostIsListed() {
    try (TestVigie here = TestVigie.start(TestConfig.defaults(temp.resolve("here")).only().mirror(1000)
        .set("demo.mirror.dir", temp.resolve("mirror").toString()))) {
      String mirror = here.mirrorUrl();
      // The source answers every request with a redirect to the mirror, another port on loopback.
      try (LoopbackServer source = LoopbackServer.start(req -> req.response().setStatusCode(302)
          .putHeader("Location", mirror + req.uri()).end())) {
        String key = klinesKey("ETHUSDT", "2024-02-01");
        TestConfig config = TestConfig.defaults(temp.resolve("data")).only("cache", "download")
            .set("source.baseUrl", source.url(""))
            .merge("download", new JsonObject().put("retryBaseMs", 20).put("retryMaxMs", 100));
        try (TestVigie refusing = TestVigie.start(config)) {
          Heard outcomes = refusing.listen(DownloadBus.DONE, DownloadBus.FAILED);
          int seen = here.mirror().seen().size();
          refusing.ask(DownloadBus.REQUEST, klines("ETHUSDT", "2024-02-01"));
          JsonObject failed = outcome(outcomes, key);
          assertEquals("REDIRECT_REFUSED", failed.getString("error"), failed.encode());
          assertTrue(failed.getString("message").contains("download.redirectHosts"), failed.encode());
          assertEquals(1, failed.getInteger("attempts"), "refused at once, not retried");
          assertEquals(seen, here.mirror().seen().size(), "nothing was asked of the other host");
        }

        URI target = URI.create(mirror);
        try (TestVigie allowing = TestVigie.start(config.merge("download", new JsonObject()
            .put("redirectHosts", new JsonArray().add(target.getHost() + ":" + target.getPort()))))) {
          Heard outcomes = allowing.listen(DownloadBus.DONE, DownloadBus.FAILED);
          allowing.ask(DownloadBus.REQUEST, klines("ETHUSDT", "2024-02-01"));
          JsonObject done = outcome(outcomes, key);
          assertNull(done.getString("error"), done.encode());
          assertEquals(mirrorSha(here, key), done.getString("sha256"));
        }
      }
    }
  }
}
