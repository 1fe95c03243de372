package dev.vigie.download;

import static dev.vigie.download.MirroredDownloads.mirrorSha;
import static dev.vigie.download.MirroredDownloads.mirrorSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.CacheBus;
import dev.vigie.bus.DownloadBus;
import dev.vigie.demo.MirrorFaults;
import dev.vigie.demo.MirrorVerticle;
import dev.vigie.kit.Heard;
import dev.vigie.kit.TestCluster;
import dev.vigie.kit.TestVigie;
import dev.vigie.kit.Wait;
import dev.vigie.vision.VisionPath;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three clustered Vigies with {@code cluster.quorum} 2, downloading from one demo mirror: a member cut off from the
 * others but still running (the wrong side of a network split) stops fetching within its lease, the survivors take
 * its download over only after that lease, and the archive is never fetched on both sides at once. A claim the
 * cluster's map gives to another member (the split healed) ends the job that held it.
 */
class SplitClusterDownloadsTest {
  private static final String KEY = "data/spot/daily/klines/DOTUSDT/1s/DOTUSDT-1s-2024-08-01.zip";
  @TempDir
  Path temp;
  private TestVigie mirror;

  @BeforeEach
  void startMirror() {
    mirror = TestVigie.start(MirroredDownloads.config(temp, temp.resolve("mirror-node")).only());
    // About sixteen seconds to send: the member is cut off, and its lease runs out, well before the end.
    mirror.mirror().faults().set(KEY, MirrorFaults.Fault.throttle(mirrorSize(mirror, KEY) / 16));
  }

  @AfterEach
  void stopMirror() {
    mirror.close();
  }

  private TestCluster cluster() {
    return MirroredDownloads.cluster(temp, mirror, config -> config.set("cluster.quorum", 2));
  }

  private static JsonObject request() {
    return new JsonObject().put("market", "spot").put("period", "daily").put("dataType", "klines")
        .put("symbol", "DOTUSDT").put("interval", "1s").put("date", "2024-08-01");
  }

  @Test
  void aCutOffMemberStopsFetchingBeforeASurvivorStartsAndTheSurvivorFinishes() {
    try (TestCluster cluster = cluster()) {
      TestVigie member = cluster.node(1);
      Heard progress = member.listen(DownloadBus.PROGRESS);
      JsonObject reply = member.ask(DownloadBus.REQUEST, request());
      assertEquals(1, reply.getJsonArray("queued").size(), reply.encode());
      progress.await("member 1 part way through the archive", e -> KEY.equals(e.getString("key")) && e.getLong("bytes") > 0);
      Path part = temp.resolve("cluster").resolve("node-1").resolve("tmp").resolve(VisionPath.partName(KEY));
      Heard outcomes = cluster.node(0).listen(DownloadBus.DONE, DownloadBus.FAILED);

      Vertx cut = cluster.cutOff(1);
      // Its lease runs out: the job waits for the cluster, and the member stops writing.
      JsonObject waiting = Wait.eventually("the cut-off member's job to wait for the cluster", () -> job(cut),
          job -> "cluster".equals(job.getString("waitingFor")));
      long fencedSeenAt = System.currentTimeMillis();
      assertTrue(waiting.getString("reason").contains("has not answered"), waiting.encode());
      long partAtFence = size(part);
      // The survivor that takes it over need not wait sixteen seconds more.
      mirror.mirror().faults().clear(KEY);
      // It takes no new work meanwhile: nothing is queued that no member could be sure to run alone.
      ReplyException refused = (ReplyException) Wait.failure("a request on the cut-off member to be refused",
          askLocally(cut, request()));
      assertEquals(503, refused.failureCode(), refused.getMessage());
      assertTrue(refused.getMessage().contains("FENCED"), refused.getMessage());

      JsonObject done = outcomes.await("a survivor's outcome", e -> KEY.equals(e.getString("key")));
      assertEquals(mirrorSha(mirror, KEY), done.getString("sha256"), done.encode());
      List<MirrorVerticle.Seen> fetches = fetches();
      assertEquals(2, fetches.size(), "the cut-off member's fetch and the survivor's: " + fetches);
      assertTrue(fencedSeenAt <= fetches.get(1).atMs(), "the cut-off member stopped (seen at " + fencedSeenAt
          + ") before the survivor's fetch began (" + fetches.get(1).atMs() + ")");
      assertEquals(partAtFence, size(part), "the cut-off member wrote nothing once its lease ran out");
      assertTrue(partAtFence < mirrorSize(mirror, KEY), "cut off part way through");
      JsonObject held = cluster.node(0).ask(CacheBus.LOOKUP, new JsonObject().put("key", KEY));
      assertTrue(held.getString("node") != null, held.encode());
      assertEquals("waiting", job(cut).getString("state"), "still waiting on its side of the split");
    }
  }

  @Test
  void aClaimTheMapGivesToAnotherMemberEndsTheJobThatHeldItAndItsPart() {
    try (TestCluster cluster = cluster()) {
      TestVigie member = cluster.node(1);
      Heard progress = member.listen(DownloadBus.PROGRESS);
      Heard failed = member.listen(DownloadBus.FAILED);
      member.ask(DownloadBus.REQUEST, request());
      progress.await("member 1 part way through the archive", e -> KEY.equals(e.getString("key")) && e.getLong("bytes") > 0);
      Path part = temp.resolve("cluster").resolve("node-1").resolve("tmp").resolve(VisionPath.partName(KEY));
      assertTrue(Files.exists(part));

      // What the map holds once a split heals after a survivor took the claim over: that survivor's claim.
      String survivor = cluster.node(2).nodeId();
      AsyncMap<String, String> claims = Wait.await("the claims map",
          cluster.node(0).vertx().sharedData().getClusterWideMap(SharedJobs.MAP));
      String was = Wait.await("member 1's claim", claims.get(KEY));
      assertEquals(member.nodeId(), InFlight.decode(was).node());
      String taken = new InFlight(survivor, System.currentTimeMillis(), false).encode();
      assertTrue(Wait.await("the claim replaced", claims.replaceIfPresent(KEY, was, taken)));

      JsonObject event = failed.await("member 1's job to end", e -> KEY.equals(e.getString("key")));
      assertEquals(DownloadFailure.CLAIM_LOST, event.getString("error"), event.encode());
      assertTrue(event.getString("message").contains(survivor), event.encode());
      Wait.eventually("member 1's .part to be deleted", () -> !Files.exists(part));
      assertEquals(taken, Wait.await("the claim", claims.get(KEY)), "member 1 gave back nothing it no longer held");
      assertFalse(member.ask(CacheBus.LOOKUP, new JsonObject().put("key", KEY)).getBoolean("hit"));
      assertNotEquals(0, fetches().size());
    }
  }

  /** The cut-off member's job for {@link #KEY}, asked on its own event bus (its cluster is gone). */
  private static JsonObject job(Vertx node) {
    JsonObject list = Wait.await("the cut-off member's jobs",
        askLocally(node, new JsonObject().put("limit", 10), DownloadBus.LIST)).body();
    return list.getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(job -> KEY.equals(job.getString("key"))).findFirst().orElseThrow();
  }

  private static Future<Message<JsonObject>> askLocally(Vertx node, JsonObject body) {
    return askLocally(node, body, DownloadBus.REQUEST);
  }

  private static Future<Message<JsonObject>> askLocally(Vertx node, JsonObject body, String address) {
    return node.eventBus().request(address, body, new DeliveryOptions().setLocalOnly(true));
  }

  private List<MirrorVerticle.Seen> fetches() {
    return mirror.mirror().seen().stream().filter(s -> s.path().equals("/" + KEY)).toList();
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
