package dev.vigie.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.config.ConfigException;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's servers bind free ports, and what names them ({demo.mirror}, {demo.backend}) gets the bound address. */
class DemoPortsTest {
  @TempDir
  Path temp;

  private static TestConfig demo(Path dataDir) {
    return TestConfig.demo(dataDir).only("probe", "web").set("demo.mirror.scheduleIntervalMs", 0);
  }

  @Test
  void twoDemosRunAtOnceEachPointingAtItsOwnServers() {
    try (TestVigie one = TestVigie.start(demo(temp.resolve("one")));
        TestVigie two = TestVigie.start(demo(temp.resolve("two")))) {
      assertNotEquals(one.backendUrl(), two.backendUrl());
      assertNotEquals(one.mirrorUrl(), two.mirrorUrl());
      for (TestVigie vigie : new TestVigie[] {one, two}) {
        JsonObject config = vigie.config();
        assertEquals(vigie.mirrorUrl(), config.getJsonObject("source").getString("baseUrl"));
        assertEquals(vigie.backendUrl() + "/portfolio/metrics",
            config.getJsonObject("probe").getJsonArray("endpoints").getJsonObject(0).getString("url"));
        assertEquals(200, vigie.http().get("/health").statusCode());
      }
    }
  }

  @Test
  void aDemoPortInUseFailsNamingTheKeyAndThePort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Throwable refused = TestVigie.failedStart(demo(temp).set("demo.backend.port", taken.getLocalPort()));
      assertTrue(refused instanceof ConfigException, String.valueOf(refused));
      assertTrue(refused.getMessage().startsWith("demo.backend.port: " + taken.getLocalPort() + " on 127.0.0.1"),
          refused.getMessage());
    }
  }

  @Test
  void aPlaceholderNothingProvidesFailsNamingTheKey() {
    Throwable refused = TestVigie.failedStart(TestConfig.defaults(temp).only("probe")
        .set("source.baseUrl", DemoVerticle.MIRROR));
    assertTrue(refused instanceof ConfigException, String.valueOf(refused));
    assertTrue(refused.getMessage().contains("'source.baseUrl' names {demo.mirror}"), refused.getMessage());
  }
}
