package dev.vigie.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigie.kit.RawHttp;
import dev.vigie.kit.StartedVigies;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import dev.vigie.kit.Wait;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.net.SocketAddress;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS rebinding: a page of evil.example whose name now resolves to 127.0.0.1 reaches Vigie with its own name in
 * Host and Origin. Bound to loopback, Vigie serves only Hosts that are a loopback name or address on its port (or
 * in http.allowedHosts), and compares Origins by scheme, host and port with its own, not with the Host header.
 */
class HostCheckTest {
  @RegisterExtension
  final StartedVigies vigies = new StartedVigies();
  @TempDir
  Path dataDir;

  private static final String JSON = "application/json";
  private static final String SECTION = "{\"section\":\"t\",\"title\":\"T\",\"metrics\":[]}";

  @Test
  void foreignHostsAreRefusedEverywhere() {
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir).only("monitor", "web"));
    int port = vigie.httpPort();
    try (RawHttp raw = new RawHttp(vigie.vertx(), port)) {
      for (String host : new String[] {"evil.example:" + port, "evil.example", "127.0.0.1", "127.0.0.1:" + (port + 1),
          "localhost.evil.example:" + port, "127.0.0.1.nip.io:" + port, "0.0.0.0:" + port, ""}) {
        for (String uri : new String[] {"/", "/health", "/api/snapshot", "/metrics", "/eventbus/info"}) {
          RawHttp.Answer answer = raw.request("GET", uri, Map.of("Host", host));
          assertEquals(403, answer.status(), "Host '" + host + "' on " + uri);
          assertEquals("FORBIDDEN_HOST", answer.json().getString("error"));
        }
        assertEquals(403, raw.request("POST", "/api/probes/run", Map.of("Host", host, "Content-Length", "0",
            "Origin", "http://" + host)).status(), "a rebinding page posting as " + host);
        assertEquals(403, raw.upgrade("/ws", Map.of("Host", host, "Origin", "http://" + host)).status(), "/ws as " + host);
      }
      for (String host : new String[] {"127.0.0.1:" + port, "localhost:" + port, "LOCALHOST:" + port, "127.0.0.2:" + port,
          "[::1]:" + port}) {
        assertEquals(200, raw.request("GET", "/api/snapshot", Map.of("Host", host)).status(), host);
        assertEquals(101, raw.upgrade("/ws", Map.of("Host", host)).status(), host);
      }
    }
  }

  @Test
  void http2CarriesItsHostAsAuthorityAndIsCheckedTheSame() {
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir).only("monitor", "web"));
    int port = vigie.httpPort();
    HttpClient h2 = vigie.vertx().createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
        .setHttp2ClearTextUpgrade(false));
    try {
      assertEquals(200, h2Status(h2, port, "127.0.0.1"), "an HTTP/2 client naming this server");
      assertEquals(403, h2Status(h2, port, "evil.example"), "an HTTP/2 client naming another host");
    } finally {
      Wait.await(h2.close());
    }
  }

  private static int h2Status(HttpClient client, int port, String authorityHost) {
    RequestOptions options = new RequestOptions().setServer(SocketAddress.inetSocketAddress(port, "127.0.0.1"))
        .setHost(authorityHost).setPort(port).setURI("/api/snapshot");
    return Wait.await(client.request(options).compose(req -> req.send().compose(resp -> {
      if (resp.version() != HttpVersion.HTTP_2) {
        return Future.failedFuture("answered over " + resp.version());
      }
      return resp.body().map(body -> resp.statusCode());
    })));
  }

  @Test
  void originsAreComparedByScheme_host_andPort() {
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir).only("monitor", "web")
        .set("http.allowedOrigins", new JsonArray().add("https://dashboard.example")));
    int port = vigie.httpPort();
    String host = "127.0.0.1:" + port;
    try (RawHttp raw = new RawHttp(vigie.vertx(), port)) {
      for (String origin : new String[] {"http://127.0.0.1:" + port, "http://localhost:" + port, "https://dashboard.example",
          "https://dashboard.example:443"}) {
        assertEquals(101, raw.upgrade("/ws", Map.of("Host", host, "Origin", origin)).status(), origin);
        assertEquals(200, raw.request("POST", "/api/sections", Map.of("Host", host, "Origin", origin,
            "Content-Type", JSON), SECTION).status(), origin);
      }
      for (String origin : new String[] {"https://127.0.0.1:" + port, "ws://127.0.0.1:" + port, "http://127.0.0.1:" + (port + 1),
          "http://127.0.0.1", "http://evil.example:" + port, "http://dashboard.example", "https://dashboard.example:8443",
          "null", "http://127.0.0.1:" + port + "/path"}) {
        assertEquals(403, raw.upgrade("/ws", Map.of("Host", host, "Origin", origin)).status(), origin);
        RawHttp.Answer post = raw.request("POST", "/api/probes/run", Map.of("Host", host, "Origin", origin, "Content-Length", "0"));
        assertEquals(403, post.status(), origin);
        assertEquals("FORBIDDEN_ORIGIN", post.json().getString("error"), origin);
        assertEquals(403, raw.request("GET", "/eventbus/info", Map.of("Host", host, "Origin", origin)).status(), origin);
      }
    }
  }

  @Test
  void allowedHostsAddNamesOnTheBoundPort() {
    TestVigie vigie = vigies.start(TestConfig.defaults(dataDir).only("monitor", "web")
        .set("http.allowedHosts", new JsonArray().add("vigie.test")));
    int port = vigie.httpPort();
    try (RawHttp raw = new RawHttp(vigie.vertx(), port)) {
      String host = "vigie.test:" + port;
      assertEquals(200, raw.request("GET", "/api/snapshot", Map.of("Host", host)).status());
      assertEquals(101, raw.upgrade("/ws", Map.of("Host", host, "Origin", "http://vigie.test:" + port)).status());
      assertEquals(403, raw.request("GET", "/api/snapshot", Map.of("Host", "vigie.test:" + (port + 1))).status());
      assertEquals(403, raw.request("GET", "/api/snapshot", Map.of("Host", "other.test:" + port)).status());
      assertEquals(403, raw.upgrade("/ws", Map.of("Host", host, "Origin", "https://vigie.test:" + port)).status());
    }
  }
}
