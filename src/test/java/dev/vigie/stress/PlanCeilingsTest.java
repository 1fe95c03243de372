package dev.vigie.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.Refusal;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ceilings and the allowlist as {@link StressPlan#from} applies them: no Vert.x, no server. */
class PlanCeilingsTest {
  private static final String TARGET = "http://127.0.0.1:9/";
  private final StressSettings settings = new StressSettings("", 300, 5000, 100, 8, 1000, 50, 10,
      new PassCriteria(100, 100, 0), List.of("http://probe.example.com/health"), "/tmp", 2, List.of("127.0.0.1:9"), 5000);
  private final Allowlist allowlist = Allowlist.of(settings);

  private StressPlan plan(JsonObject body) {
    return StressPlan.from(body, settings, allowlist);
  }

  private void refused(String field, JsonObject body, String... why) {
    Refusal refusal = assertThrows(Refusal.class, () -> plan(body), body.encode() + " " + String.join(" ", why));
    assertEquals(400, refusal.status());
    assertEquals("BAD_PARAMETER", refusal.code());
    assertEquals(field, refusal.field());
    assertTrue(refusal.getMessage().startsWith(field), refusal.getMessage());
  }

  @Test
  void atTheCeilingsIsAllowedOnePastIsRefused() {
    JsonObject open = new JsonObject().put("plan", "open").put("target", TARGET).put("durationMs", 1000);
    assertEquals(100.0, plan(open.copy().put("rate", 100)).rate());
    refused("rate", open.copy().put("rate", 101));

    JsonObject closed = new JsonObject().put("plan", "closed").put("target", TARGET);
    assertEquals(8, plan(closed.copy().put("connections", 8)).connections());
    refused("connections", closed.copy().put("connections", 9));
    assertEquals(300, plan(closed.copy().put("requests", 300)).requests());
    refused("requests", closed.copy().put("requests", 301));
    assertEquals(5000, plan(closed.copy().put("durationMs", 5000)).durationMs());
    refused("durationMs", closed.copy().put("durationMs", 5001));
  }

  @Test
  void aSequentialRunMayNotOutlastTheDurationCeiling() {
    assertEquals(50, plan(new JsonObject().put("target", TARGET).put("requests", 100).put("spacingMs", 50)).spacingMs());
    refused("spacingMs", new JsonObject().put("target", TARGET).put("requests", 100).put("spacingMs", 51));
  }

  @Test
  void numbersBeyondTheirRangeNeverWrapAround() {
    JsonObject closed = new JsonObject().put("plan", "closed").put("target", TARGET);
    // 2^64 + 3 once read as 3 requests (BigInteger.longValue keeps the low 64 bits).
    refused("requests", closed.copy().put("requests", new BigInteger("18446744073709551619")));
    refused("requests", closed.copy().put("requests", 1e19));
    refused("durationMs", closed.copy().put("durationMs", Long.MIN_VALUE));
    refused("connections", closed.copy().put("connections", 4294967297L), "an int would read 1");
    refused("connections", closed.copy().put("connections", 2.5));
    refused("timeoutMs", closed.copy().put("timeoutMs", "1000"));
    refused("spacingMs", new JsonObject().put("target", TARGET).put("spacingMs", Double.POSITIVE_INFINITY));
    JsonObject open = new JsonObject().put("plan", "open").put("target", TARGET).put("durationMs", 1000);
    refused("rate", open.copy().put("rate", Double.NaN));
    refused("rate", open.copy().put("rate", new BigInteger("18446744073709551616")));
    refused("rate", open.copy().put("rate", 0));
    refused("pass.maxMeanMs", closed.copy().put("pass", new JsonObject().put("maxMeanMs", Double.NEGATIVE_INFINITY)));
    assertEquals(12, plan(closed.copy().put("requests", 12.0)).requests(), "a whole number written with .0 is whole");
  }

  @Test
  void onlyLoopbackAndProbeEndpointsMayBeStressed() {
    assertEquals("http://probe.example.com/health",
        plan(new JsonObject().put("target", "http://probe.example.com/health")).target().toString());
    Refusal refusal = assertThrows(Refusal.class, () -> plan(new JsonObject().put("target", "http://example.com/")));
    assertEquals(403, refusal.status());
  }

  @Test
  void threadsRunFromOneToTheCoresAndNeedAConnectionEach() {
    int cores = Runtime.getRuntime().availableProcessors();
    JsonObject closed = new JsonObject().put("plan", "closed").put("target", TARGET).put("connections", 8);
    assertEquals(1, plan(closed).threads(), "one thread unless asked");
    assertEquals(cores, plan(closed.copy().put("threads", cores)).threads());
    refused("threads", closed.copy().put("threads", cores + 1), "more threads than cores");
    refused("threads", closed.copy().put("threads", 0));
    refused("threads", closed.copy().put("threads", 1.5));
    refused("threads", closed.copy().put("threads", "2"));
    refused("threads", new JsonObject().put("plan", "open").put("target", TARGET).put("rate", 10)
        .put("connections", 1).put("threads", Math.min(2, cores + 1)), "two threads, one connection");
    refused("threads", new JsonObject().put("target", TARGET).put("threads", 1), "a sequential plan has one");
  }
}
