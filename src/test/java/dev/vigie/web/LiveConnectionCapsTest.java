package dev.vigie.web;

import static dev.vigie.kit.Wait.await;
import static dev.vigie.kit.Wait.eventually;
import static dev.vigie.kit.Wait.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.LiveSocket;
import dev.vigie.kit.StartedVigies;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live connections ({@code /ws} and {@code /eventbus} together) are capped per client and in all, opened from several
 * loopback source addresses as an attacker would: every loopback address counts as one client, and no set of
 * addresses passes the ceiling.
 */
class LiveConnectionCapsTest {
  @TempDir
  Path dataDir;
  @RegisterExtension
  final StartedVigies vigies = new StartedVigies();
  private final List<LiveSocket> open = new ArrayList<>();

  @AfterEach
  void closeAll() {
    open.forEach(LiveSocket::close);
  }

  private LiveSocket connect(TestVigie vigie, String from, String uri) {
    LiveSocket socket = await("a live connection from " + from, LiveSocket.tryConnectFrom(vigie.vertx(), from, vigie.httpPort(), uri));
    open.add(socket);
    return socket;
  }

  private static UpgradeRejectedException refused(TestVigie vigie, String from, String uri) {
    Throwable cause = failure("a refused connection from " + from, LiveSocket.tryConnectFrom(vigie.vertx(), from, vigie.httpPort(), uri));
    assertTrue(cause instanceof UpgradeRejectedException, "refused at the upgrade: " + cause);
    return (UpgradeRejectedException) cause;
  }

  @Test
  void loopbackAddressesShareOneClientsCap() {
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir)
        .set("http.live.maxConnectionsPerClient", 3).set("http.live.maxConnections", 100));
    connect(vigie, "127.0.0.2", "/ws").awaitType("snapshot", 5000);
    connect(vigie, "127.0.0.3", "/ws").awaitType("snapshot", 5000);
    LiveSocket bridged = connect(vigie, "127.0.0.4", "/eventbus/websocket");

    UpgradeRejectedException over = refused(vigie, "127.0.0.5", "/ws");
    assertEquals(429, over.getStatus());
    JsonObject body = over.getBody().toJsonObject();
    assertEquals("TOO_MANY_CONNECTIONS", body.getString("error"));
    assertTrue(body.getString("message").contains("loopback"), body.encode());
    assertEquals("5", over.getHeaders().get("Retry-After"));

    // The bridge counts against the same cap: a fourth bridge socket is refused at the upgrade, as /ws is.
    UpgradeRejectedException overBridge = refused(vigie, "127.0.0.6", "/eventbus/websocket");
    assertEquals(429, overBridge.getStatus());
    assertEquals("TOO_MANY_CONNECTIONS", overBridge.getBody().toJsonObject().getString("error"));

    // A connection that ends gives its place back.
    bridged.close();
    eventually("the closed bridge socket to give its place back", () -> webCheck(vigie).getInteger("bridgeClients"),
        n -> n == 0);
    connect(vigie, "127.0.0.7", "/ws").awaitType("snapshot", 5000);
  }

  private static JsonObject webCheck(TestVigie vigie) {
    return vigie.http().get("/health").bodyAsJsonObject().getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(c -> "web".equals(c.getString("id"))).findFirst().orElseThrow().getJsonObject("data");
  }

  @Test
  void noSetOfAddressesPassesTheCeiling() {
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir)
        .set("http.live.maxConnectionsPerClient", 100).set("http.live.maxConnections", 3));
    connect(vigie, "127.0.0.2", "/ws").awaitType("snapshot", 5000);
    connect(vigie, "127.0.0.3", "/ws").awaitType("snapshot", 5000);
    connect(vigie, "127.0.0.4", "/ws").awaitType("snapshot", 5000);
    for (String from : List.of("127.0.0.5", "127.0.0.6", "127.0.0.1")) {
      UpgradeRejectedException over = refused(vigie, from, "/ws");
      assertEquals(503, over.getStatus());
      assertEquals("TOO_MANY_CONNECTIONS", over.getBody().toJsonObject().getString("error"));
    }
    assertEquals(503, refused(vigie, "127.0.0.8", "/eventbus/websocket").getStatus());
  }
}
