package dev.vigie.notify;

import static dev.vigie.kit.Wait.eventually;
import static dev.vigie.notify.NotifyTestSupport.alert;
import static dev.vigie.notify.NotifyTestSupport.config;
import static dev.vigie.notify.NotifyTestSupport.count;
import static dev.vigie.notify.NotifyTestSupport.deliveries;
import static dev.vigie.notify.NotifyTestSupport.level;
import static dev.vigie.notify.NotifyTestSupport.publish;
import static dev.vigie.notify.NotifyTestSupport.webhook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts delivered to real HTTP receivers on loopback: once per channel, retried, held by an open breaker, grouped. */
class NotifyDeliveryTest {
  @TempDir
  Path dir;

  @Test
  void aRaiseAndItsClearReachTheWebhookAndSlackOnceEach() {
    try (RecordingReceiver receiver = new RecordingReceiver();
         TestVigie vigie = TestVigie.start(config(dir, new JsonArray()
             .add(webhook("hook", receiver.url("/hook/abc")))
             .add(new JsonObject().put("id", "slack").put("type", "slack").put("url", receiver.url("/services/T0/B0/x")))))) {
      level(vigie, 50);
      eventually("the raise delivered to both channels", () -> count(deliveries(vigie), "hook", "delivered") == 1
          && count(deliveries(vigie), "slack", "delivered") == 1);
      level(vigie, 1);
      eventually("the clear delivered to both channels", () -> count(deliveries(vigie), "hook", "delivered") == 2
          && count(deliveries(vigie), "slack", "delivered") == 2);

      List<JsonObject> hook = bodies(receiver, "/hook/abc");
      assertEquals(2, hook.size(), "one webhook message per event: " + hook);
      JsonObject raised = hook.get(0).getJsonArray("alerts").getJsonObject(0);
      assertEquals("vigie", hook.get(0).getString("source"));
      assertEquals("alerts", hook.get(0).getString("kind"));
      assertEquals("ext-high", raised.getString("id"));
      assertEquals("raised", raised.getString("state"));
      assertEquals("lower the level", raised.getString("action"));
      assertEquals("cleared", hook.get(1).getJsonArray("alerts").getJsonObject(0).getString("state"));

      List<JsonObject> slack = bodies(receiver, "/services/T0/B0/x");
      assertEquals(2, slack.size(), "one Slack message per event: " + slack);
      assertTrue(slack.get(0).getString("text").startsWith("[CRITICAL] ext / Level is 50"), slack.get(0).encode());
      assertTrue(slack.get(1).getString("text").startsWith("[RESOLVED] "), slack.get(1).encode());
      assertTrue(slack.get(0).getJsonArray("blocks").size() >= 2, "a block per alert after the summary");
    }
  }

  @Test
  void aReceiverThatFailsTwiceGetsTheAlertDeliveredOnceOnTheThirdAttempt() {
    AtomicInteger calls = new AtomicInteger();
    try (RecordingReceiver receiver = new RecordingReceiver().answering(() -> calls.incrementAndGet() <= 2 ? 500 : 200);
         TestVigie vigie = TestVigie.start(config(dir, new JsonArray().add(webhook("hook", receiver.url("/hook")))))) {
      publish(vigie, alert("a1", "raised", "ext"));
      eventually("the alert delivered", () -> count(deliveries(vigie), "hook", "delivered") == 1);
      JsonArray log = deliveries(vigie);
      assertEquals(2, count(log, "hook", "retrying"), log.encodePrettily());
      assertEquals(0, count(log, "hook", "failed"), log.encodePrettily());
      JsonObject delivered = log.stream().map(JsonObject.class::cast)
          .filter(e -> "delivered".equals(e.getString("event"))).findFirst().orElseThrow();
      assertEquals(3, delivered.getInteger("attempt"));
      assertEquals(List.of("a1:raised"), delivered.getJsonArray("alerts").getList());
      assertEquals(3, receiver.received().size(), "two failed attempts and one that succeeded");
    }
  }

  @Test
  void aReceiverThatIsDownOpensTheBreakerAndDeliveryResumesWhenItIsBack() {
    AtomicBoolean up = new AtomicBoolean(false);
    try (RecordingReceiver receiver = new RecordingReceiver().answering(() -> up.get() ? 200 : 503);
         TestVigie vigie = TestVigie.start(config(dir, new JsonArray().add(webhook("hook", receiver.url("/hook"))))
             .set("notify.breakerFailures", 2).set("notify.breakerResetMs", 400).set("notify.maxAttempts", 2))) {
      level(vigie, 50);
      eventually("the breaker open in the delivery log", () -> count(deliveries(vigie), "hook", "breaker-open") >= 1
          && count(deliveries(vigie), "hook", "held") >= 1);
      JsonObject channel = vigie.http().get("/api/notify/channels/hook").bodyAsJsonObject();
      assertTrue(List.of("open", "half-open").contains(channel.getJsonObject("state").getString("breaker")),
          channel.encode());
      JsonObject snapshot = vigie.http().get("/api/snapshot").bodyAsJsonObject();
      assertTrue(snapshot.getJsonArray("alerts").stream().map(JsonObject.class::cast)
          .anyMatch(a -> "ext-high".equals(a.getString("id")) && "raised".equals(a.getString("state"))),
          "the alert stays visible while it cannot be delivered");
      eventually("the notify section saying a breaker is open, critical", () -> breakersOpen(vigie) != null
          && breakersOpen(vigie).getInteger("value") == 1 && "critical".equals(breakersOpen(vigie).getString("status")));
      assertEquals(0, count(deliveries(vigie), "hook", "delivered"));

      // Held while the breaker is open, however many attempts (maxAttempts 2) it has taken: nothing is lost.
      eventually("trials failing while held", () -> receiver.received().size() >= 4);
      assertEquals(0, count(deliveries(vigie), "hook", "failed"));
      up.set(true);
      eventually("delivery resumed", () -> count(deliveries(vigie), "hook", "delivered") == 1
          && count(deliveries(vigie), "hook", "breaker-closed") >= 1);
      assertEquals(0, count(deliveries(vigie), "hook", "failed"));
    }
  }

  @Test
  void manyAlertsOfOneGroupSendOneMessage() {
    try (RecordingReceiver receiver = new RecordingReceiver();
         TestVigie vigie = TestVigie.start(config(dir, new JsonArray().add(webhook("hook", receiver.url("/hook"))))
             .set("notify.groupWaitMs", 500))) {
      for (int i = 0; i < 50; i++) {
        publish(vigie, alert("endpoint-latency/e" + i, "raised", "endpoints"));
      }
      publish(vigie, alert("heap", "raised", "system"));
      eventually("two messages delivered", () -> count(deliveries(vigie), "hook", "delivered") == 2);
      List<JsonObject> bodies = bodies(receiver, "/hook");
      assertEquals(2, bodies.size(), "one message per group");
      JsonObject endpoints = bodies.stream().filter(b -> "endpoints".equals(b.getString("group"))).findFirst().orElseThrow();
      assertEquals(50, endpoints.getJsonArray("alerts").size());
      assertEquals("50 alerts raised (endpoints)", endpoints.getString("text"));
    }
  }

  @Test
  void aMessageTheReceiverRefusesFailsAtOnceWithoutOpeningTheBreaker() {
    try (RecordingReceiver receiver = new RecordingReceiver().answering(() -> 400);
         TestVigie vigie = TestVigie.start(config(dir, new JsonArray().add(webhook("hook", receiver.url("/hook"))))
             .set("notify.breakerFailures", 1))) {
      publish(vigie, alert("a1", "raised", "one"));
      publish(vigie, alert("a2", "raised", "two"));
      eventually("both refused", () -> count(deliveries(vigie), "hook", "failed") == 2);
      assertEquals(2, receiver.received().size(), "no retry of a refused message");
      assertEquals(0, count(deliveries(vigie), "hook", "breaker-open"));
      assertEquals("closed", vigie.http().get("/api/notify/channels/hook").bodyAsJsonObject().getJsonObject("state")
          .getString("breaker"));
    }
  }

  @Test
  void aFullQueueDropsTheNewestNoticeAndSaysSo() {
    try (RecordingReceiver receiver = new RecordingReceiver().answering(() -> 500);
         TestVigie vigie = TestVigie.start(config(dir, new JsonArray().add(webhook("hook", receiver.url("/hook"))))
             .set("notify.queueSize", 1).set("notify.maxAttempts", 2).set("notify.backoffMs", 300))) {
      publish(vigie, alert("a1", "raised", "one"));
      publish(vigie, alert("a2", "raised", "two"));
      eventually("the second notice dropped", () -> count(deliveries(vigie), "hook", "dropped") == 1);
      eventually("the first given up after its attempts", () -> count(deliveries(vigie), "hook", "failed") == 1);
      assertEquals(2, receiver.received().size(), "only the queued notice was attempted, twice");
    }
  }

  @Test
  void sendATestReachesTheReceiverAndSaysWhenItDoesNot() {
    try (RecordingReceiver good = new RecordingReceiver();
         RecordingReceiver bad = new RecordingReceiver().answering(() -> 500);
         TestVigie vigie = TestVigie.start(config(dir, new JsonArray().add(webhook("good", good.url("/hook")))
             .add(new JsonObject().put("id", "bad").put("type", "slack").put("url", bad.url("/services/x")))))) {
      JsonObject ok = vigie.http().post("/api/notify/channels/good/test").bodyAsJsonObject();
      assertEquals(new JsonObject().put("channel", "good").put("delivered", true), ok);
      assertEquals(1, good.received().size());
      assertEquals("test", good.received().get(0).body().getString("kind"));

      JsonObject failed = vigie.http().post("/api/notify/channels/bad/test").bodyAsJsonObject();
      assertEquals(false, failed.getBoolean("delivered"), failed.encode());
      assertTrue(failed.getString("error").contains("HTTP 500"), failed.encode());
      assertEquals(1, count(deliveries(vigie), "bad", "failed"));
      assertEquals(404, vigie.http().post("/api/notify/channels/nope/test").statusCode());
    }
  }

  @Test
  void aRedirectIsFollowedWithinTheOriginAndRefusedToAnotherHost() {
    AtomicInteger reached = new AtomicInteger();
    int[] port = new int[1];
    try (LoopbackServer server = LoopbackServer.start(req -> {
           switch (req.path()) {
             case "/old" -> req.response().setStatusCode(307).putHeader("location", "/new").end();
             case "/away" -> req.response().setStatusCode(307).putHeader("location", "http://localhost:" + port[0] + "/new").end();
             default -> {
               reached.incrementAndGet();
               req.response().end();
             }
           }
         })) {
      port[0] = server.port();
      try (TestVigie vigie = TestVigie.start(config(dir, new JsonArray().add(webhook("same", server.url("/old")))
          .add(webhook("other", server.url("/away")))).set("notify.maxAttempts", 1))) {
        assertEquals(true, vigie.http().post("/api/notify/channels/same/test").bodyAsJsonObject().getBoolean("delivered"));
        assertEquals(1, reached.get(), "followed to /new on the same origin");
        JsonObject other = vigie.http().post("/api/notify/channels/other/test").bodyAsJsonObject();
        assertEquals(false, other.getBoolean("delivered"));
        assertTrue(other.getString("error").contains("another host"), other.encode());
        assertEquals(1, reached.get(), "not followed to another host");
      }
    }
  }

  /** The notify section's "Breakers open" metric in the snapshot, or null before the section is there. */
  private static JsonObject breakersOpen(TestVigie vigie) {
    return vigie.http().get("/api/snapshot").bodyAsJsonObject().getJsonArray("sections").stream()
        .map(JsonObject.class::cast).filter(s -> "notify".equals(s.getString("section")))
        .flatMap(s -> s.getJsonArray("metrics").stream().map(JsonObject.class::cast))
        .filter(m -> "Breakers open".equals(m.getString("label"))).findFirst().orElse(null);
  }

  private static List<JsonObject> bodies(RecordingReceiver receiver, String path) {
    return receiver.received().stream().filter(r -> r.path().equals(path)).map(RecordingReceiver.Received::body).toList();
  }
}
