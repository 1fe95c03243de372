package dev.vigie.kit;

import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.MonitorBus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit itself: what it starts, and what its failures say. */
class TestKitTest {
  @TempDir
  Path dataDir;

  @Test
  void startsOnlyTheChosenAreasOnAFreePort() {
    try (TestVigie vigie = TestVigie.start(TestConfig.defaults(dataDir).only("monitor", "web"))) {
      assertTrue(vigie.httpPort() > 0);
      JsonObject health = vigie.http().get("/health").bodyAsJsonObject();
      assertEquals(java.util.List.of("web", "monitor"), health.getJsonArray("checks").stream()
          .map(c -> ((JsonObject) c).getString("id")).toList(), "only the chosen areas are watched: " + health);
      assertTrue(vigie.ask(MonitorBus.SNAPSHOT, null).containsKey("sections"));
    }
  }

  @Test
  void withoutTheWebAreaThereIsNoPortToAskFor() {
    try (TestVigie vigie = TestVigie.start(TestConfig.defaults(dataDir).only("monitor"))) {
      assertThrows(IllegalStateException.class, vigie::httpPort);
    }
  }

  @Test
  void aChildJvmServesUntilKilled() {
    try (VigieProcess child = VigieProcess.start(TestConfig.defaults(dataDir));
        TestVigie here = TestVigie.start(TestConfig.defaults(dataDir.resolve("here")).only())) {
      TestHttp http = new TestHttp(here.vertx(), child.httpPort());
      assertEquals(200, http.get("/health").statusCode());
      child.kill();
      assertThrows(AssertionError.class, () -> http.get("/health"), "nothing answers once it is killed");
    }
  }

  @Test
  void eventuallyReturnsOnceTheConditionHoldsAndOtherwiseSaysWhatItLastSaw() {
    AtomicInteger calls = new AtomicInteger();
    assertEquals(3, eventually("three calls", calls::incrementAndGet, n -> n == 3));
    AssertionError never = assertThrows(AssertionError.class,
        () -> Wait.eventually("a negative count", Duration.ofMillis(100), () -> 7, n -> n < 0));
    assertTrue(never.getMessage().contains("a negative count") && never.getMessage().contains("last seen: 7"),
        never.getMessage());
  }

  @Test
  void awaitNamesWhatFailed() {
    AssertionError failed = assertThrows(AssertionError.class,
        () -> Wait.await("the answer", Future.failedFuture("no luck")));
    assertTrue(failed.getMessage().contains("the answer failed") && failed.getMessage().contains("no luck"),
        failed.getMessage());
    assertEquals("no luck", Wait.failure("a refusal", Future.failedFuture("no luck")).getMessage());
  }
}
