package dev.vigie.download;

import dev.vigie.kit.Heard;
import dev.vigie.kit.TestCluster;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import dev.vigie.kit.Wait;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * What the download tests start through the kit: the demo mirror on loopback (archives of 20 000 trades a day, under
 * {@code <temp>/mirror} so a restart serves the same files) and retries fast enough for a test.
 */
final class MirroredDownloads {
  private MirroredDownloads() {
  }

  /** In {@code <temp>/data}; add {@code only(...)} and the test's own {@code download} settings. */
  static TestConfig config(Path temp) {
    return config(temp, temp.resolve("data"));
  }

  static TestConfig config(Path temp, Path dataDir) {
    return TestConfig.defaults(dataDir).mirror(20_000).set("demo.mirror.dir", temp.resolve("mirror").toString())
        .merge("download", new JsonObject().put("retryBaseMs", 20).put("retryMaxMs", 200).put("sectionIntervalMs", 100));
  }

  /**
   * Three clustered members in {@code <temp>/cluster} (cache, download and cluster areas, one download at a time each,
   * fast retries) downloading from {@code mirror}; {@code more} adds to each member's configuration.
   */
  static TestCluster cluster(Path temp, TestVigie mirror, UnaryOperator<TestConfig> more) {
    String url = mirror.mirrorUrl();
    return TestCluster.start(temp.resolve("cluster"), 3, data -> more.apply(TestConfig.defaults(data)
        .only("cache", "download", "cluster")
        .set("source.baseUrl", url).set("source.listingUrl", url)
        .merge("download", new JsonObject().put("retryBaseMs", 20).put("retryMaxMs", 200).put("maxConcurrent", 1))
        .set("cluster.announceIntervalMs", 200).set("cluster.roleRetryMs", 200)));
  }

  /** The done or failed event for {@code key}, from what {@code vigie.listen(DONE, FAILED)} heard. */
  static JsonObject outcome(Heard outcomes, String key) {
    return outcomes.await("the done or failed event for " + key, event -> key.equals(event.getString("key")));
  }

  /** The SHA-256 the mirror serves for {@code key}. */
  static String mirrorSha(TestVigie vigie, String key) {
    return Wait.await("the mirror's " + key, vigie.mirror().archive(key)).sha256();
  }

  static long mirrorSize(TestVigie vigie, String key) {
    return Wait.await("the mirror's " + key, vigie.mirror().archive(key)).size();
  }
}
