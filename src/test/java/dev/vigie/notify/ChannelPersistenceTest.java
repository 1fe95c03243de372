package dev.vigie.notify;

import static dev.vigie.kit.Wait.eventually;
import static dev.vigie.notify.NotifyTestSupport.level;
import static dev.vigie.notify.NotifyTestSupport.webhook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.StartedVigies;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Channels added, replaced or removed through the API are kept by the store (H2 here) and come back after a restart
 * on the same data directory, secrets included (the restored channel delivers to its full URL) and still redacted
 * when shown; a stored change to a file channel replaces it; with the store's database unreachable a change is refused
 * (503 STORE_DOWN) and not applied.
 */
class ChannelPersistenceTest {
  private static final String TOKEN = "T0KEN9xyzSECRET";

  @RegisterExtension
  final StartedVigies vigies = new StartedVigies();

  @TempDir
  Path dir;

  private TestConfig config(JsonArray fileChannels) {
    return NotifyTestSupport.config(dir, fileChannels).only("monitor", "store", "notify", "web");
  }

  @Test
  void channelsChangedThroughTheApiComeBackAfterARestart() {
    try (RecordingReceiver receiver = new RecordingReceiver()) {
      JsonArray file = new JsonArray().add(webhook("from-file", receiver.url("/file")));
      TestVigie first = vigies.start(config(file));
      HttpResponse<Buffer> added = first.http().post("/api/notify/channels",
          webhook("ops", receiver.url("/hooks/" + TOKEN)).put("headers", new JsonObject().put("Authorization", "Bearer " + TOKEN)));
      assertEquals(200, added.statusCode(), added.bodyAsString());
      assertEquals(200, first.http().post("/api/notify/channels", webhook("gone", receiver.url("/gone"))).statusCode());
      HttpResponse<Buffer> replaced = first.http().send(first.http().request(HttpMethod.PUT, "/api/notify/channels/from-file"),
          webhook("from-file", receiver.url("/file-replaced")).put("minSeverity", "critical").encode());
      assertEquals(200, replaced.statusCode(), replaced.bodyAsString());
      assertEquals(200, first.http().delete("/api/notify/channels/gone").statusCode());
      first.close();

      TestVigie second = vigies.start(config(file));
      JsonArray channels = eventually("the stored channels loaded", () -> second.http().get("/api/notify/channels")
          .bodyAsJsonObject().getJsonArray("channels"), list -> ids(list).contains("ops"));
      assertEquals(List.of("from-file", "ops"), ids(channels), channels.encode());
      JsonObject fromFile = channels.getJsonObject(0);
      assertEquals("critical", fromFile.getString("minSeverity"), "the stored change to a file channel wins: " + fromFile);
      assertFalse(channels.encode().contains(TOKEN), "still redacted when shown: " + channels.encode());

      // The restored channel has its secrets: the raise reaches its full URL with its header.
      level(second, 50);
      RecordingReceiver.Received got = eventually("the raise delivered to the restored channel", () -> receiver.received()
          .stream().filter(r -> r.path().equals("/hooks/" + TOKEN)).findFirst().orElse(null), r -> r != null);
      assertEquals("Bearer " + TOKEN, got.authorization());
      eventually("the replaced file channel delivered to its new URL", () -> receiver.received().stream()
          .anyMatch(r -> r.path().equals("/file-replaced")));
      assertTrue(receiver.received().stream().noneMatch(r -> r.path().equals("/gone") || r.path().equals("/file")),
          "neither the removed channel nor the file's old URL got anything: " + receiver.received());
    }
  }

  @Test
  void aChangeTheStoreCannotKeepIsRefusedAndUndone() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    TestVigie vigie = vigies.start(config(new JsonArray())
        .set("store.url", "postgresql://vigie:pw@127.0.0.1:" + closedPort + "/vigie").set("store.retryMs", 60_000));
    HttpResponse<Buffer> refused = vigie.http().post("/api/notify/channels", webhook("ops", "http://127.0.0.1:9/hook"));
    assertEquals(503, refused.statusCode(), refused.bodyAsString());
    assertEquals("STORE_DOWN", refused.bodyAsJsonObject().getString("error"));
    assertTrue(vigie.http().get("/api/notify/channels").bodyAsJsonObject().getJsonArray("channels").isEmpty(),
        "the refused channel was not kept in memory either");
  }

  private static List<String> ids(JsonArray channels) {
    return channels.stream().map(JsonObject.class::cast).map(c -> c.getString("id")).sorted().toList();
  }
}
