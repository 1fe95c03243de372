package dev.vigie;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A verticle on another node of a clustered event bus adds a section that Vigie's /ws clients receive. */
class ClusteredSectionTest {
  @TempDir
  Path dataDir;

  @Test
  void sectionPublishedOnAnotherNodeReachesTheWebsocket() throws Exception {
    JsonObject config = TestVigie.config(dataDir);
    config.getJsonObject("cluster").put("enabled", true);
    Vigie vigie = TestVigie.start(config);
    ClusterSettings settings = ClusterSettings.from(config);
    VertxOptions options = new VertxOptions();
    options.getEventBusOptions().setHost(settings.host());
    Vertx otherNode = TestVigie.await(Vertx.builder().with(options).withClusterManager(settings.clusterManager()).buildClustered());
    try {
      CompletableFuture<JsonObject> section = new CompletableFuture<>();
      ClientWebSocket ws = vigie.vertx().createWebSocketClient().webSocket();
      ws.textMessageHandler(text -> {
        JsonObject frame = new JsonObject(text);
        JsonArray sections = frame.getJsonArray("sections", new JsonArray());
        sections.stream().map(JsonObject.class::cast).filter(s -> "remote".equals(s.getString("section")))
            .findFirst().ifPresent(section::complete);
      });
      TestVigie.await(ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(vigie.httpPort()).setURI("/ws")));
      otherNode.setPeriodic(200, id -> otherNode.eventBus().publish("vigie.monitor.section", new JsonObject()
          .put("section", "remote").put("title", "Remote node")
          .put("metrics", new JsonArray().add(new JsonObject().put("label", "jobs").put("value", 7).put("status", "good")))));
      JsonObject remote = section.get(30, TimeUnit.SECONDS);
      assertEquals("Remote node", remote.getString("title"));
      assertEquals(7, remote.getJsonArray("metrics").getJsonObject(0).getInteger("value"));
      assertEquals(List.of("good"), List.of(remote.getString("status")));
    } finally {
      TestVigie.await(vigie.close());
      TestVigie.await(otherNode.close());
    }
  }
}
