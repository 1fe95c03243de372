package dev.vigie.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The open model sends on a nanosecond schedule: at 2,000 requests a second (one every half millisecond) every request
 * leaves, each recorded against its own intended time; on Netty's epoll transport the loop sleeps on an exact timer, on
 * NIO it sleeps until shortly before a send is due and covers the last stretch in steps Netty polls for instead of
 * sleeping whole milliseconds. Both transports are run. How close to their time
 * requests leave depends on the machine's load, so the figures belong to bench/stress, not to a test.
 */
class SubMillisecondScheduleTest {

  @ParameterizedTest(name = "nativeTransport: {0}")
  @ValueSource(booleans = {true, false})
  void anOpenRunAtTwoThousandASecondSendsEveryRequestAndMeasuresItsLag(boolean nativeTransport, @TempDir Path dir) {
    try (LoopbackServer server = LoopbackServer.start(req -> req.response().end("{}"));
        TestVigie vigie = TestVigie.start(StressRuns.config(dir).set("nativeTransport", nativeTransport))) {
      // Linux x86-64 (where Vigie and CI run) has Netty's epoll; elsewhere Vigie falls back to NIO.
      boolean epollHere = "Linux".equals(System.getProperty("os.name")) && "amd64".equals(System.getProperty("os.arch"));
      assertEquals(nativeTransport && epollHere, vigie.vertx().isNativeTransportEnabled(),
          String.valueOf(vigie.vertx().unavailableNativeTransportCause()));
      StressRuns bed = new StressRuns(vigie);

      JsonObject result = bed.awaitResult(bed.start(new JsonObject().put("plan", "open")
          .put("target", server.url("/x")).put("rate", 2000).put("durationMs", 2000).put("connections", 8)));

      assertEquals(4000, result.getLong("ok"), result.encode());
      JsonObject lag = result.getJsonObject("generator").getJsonObject("lagMs");
      assertTrue(lag.getDouble("p50") >= 0 && lag.getDouble("p50") <= lag.getDouble("p99"), lag.encode());
    }
  }

  @Test
  void farFromASendTheLoopSleepsCloseToItItPollsInSubMillisecondSteps() {
    long ms = 1_000_000;
    // 10 ms away: sleep, waking 1.5 ms early (the NIO select rounds its timeout to whole milliseconds).
    assertEquals(10 * ms - 1_500_000, ScheduledLoad.delay(10 * ms, false));
    // 1 ms away: steps under half a millisecond, which Netty polls for instead of sleeping a whole one.
    assertEquals(450_000, ScheduledLoad.delay(ms, false));
    assertEquals(200_000, ScheduledLoad.delay(200_000, false));
    // Due or late: at once.
    assertEquals(0, ScheduledLoad.delay(-5, false));
    // Exact timers (native epoll, under 10 ms): sleep until the send is due, without polling.
    assertEquals(ms, ScheduledLoad.delay(ms, true));
    assertEquals(9 * ms, ScheduledLoad.delay(9 * ms, true));
    // From 10 ms on, epoll sleeps in whole milliseconds: wake 1.5 ms early, then one exact wait.
    assertEquals(10 * ms - 1_500_000, ScheduledLoad.delay(10 * ms, true));
    assertEquals(0, ScheduledLoad.delay(-5, true));
  }
}
