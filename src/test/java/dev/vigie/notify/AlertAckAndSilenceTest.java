package dev.vigie.notify;

import static dev.vigie.kit.Wait.eventually;
import static dev.vigie.notify.NotifyTestSupport.config;
import static dev.vigie.notify.NotifyTestSupport.count;
import static dev.vigie.notify.NotifyTestSupport.deliveries;
import static dev.vigie.notify.NotifyTestSupport.level;
import static dev.vigie.notify.NotifyTestSupport.webhook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.MonitorBus;
import dev.vigie.kit.TestVigie;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acknowledging and silencing alerts through the API; a silenced alert is not notified. */
class AlertAckAndSilenceTest {
  @TempDir
  Path dir;

  @Test
  void anAcknowledgedAlertSaysSoAndASilencedOneIsNotNotified() {
    try (RecordingReceiver receiver = new RecordingReceiver();
         TestVigie vigie = TestVigie.start(config(dir, new JsonArray().add(webhook("hook", receiver.url("/hook"))))
             .with(json -> json.getJsonObject("alerts").getJsonArray("rules").add(new JsonObject().put("id", "ext-any")
                 .put("section", "other").put("metric", "*").put("above", 10).put("action", "look")))) ) {
      level(vigie, 50);
      eventually("the raise delivered", () -> count(deliveries(vigie), "hook", "delivered") == 1);

      HttpResponse<Buffer> acked = vigie.http().post("/api/alerts/ext-high/ack", new JsonObject().put("note", "on it"));
      assertEquals(200, acked.statusCode(), acked.bodyAsString());
      assertEquals("on it", acked.bodyAsJsonObject().getJsonObject("acknowledged").getString("note"));
      assertEquals("on it", openAlert(vigie, "ext-high").getJsonObject("acknowledged").getString("note"),
          "the snapshot shows the acknowledgement");

      refused(vigie.http().post("/api/alerts/ext-high/silence", new JsonObject().put("reason", "maintenance")), 400, "durationMs");
      refused(vigie.http().post("/api/alerts/ext-high/silence", new JsonObject().put("durationMs", 60_000)), 400, "reason");
      refused(vigie.http().post("/api/alerts/nope/silence", new JsonObject().put("durationMs", 60_000)
          .put("reason", "x")), 404, "id");
      refused(vigie.http().post("/api/alerts/nope/ack", new JsonObject()), 404, "id");

      HttpResponse<Buffer> silenced = vigie.http().post("/api/alerts/ext-high/silence",
          new JsonObject().put("durationMs", 600_000).put("reason", "maintenance window"));
      assertEquals(200, silenced.statusCode(), silenced.bodyAsString());
      assertEquals("maintenance window", openAlert(vigie, "ext-high").getJsonObject("silenced").getString("reason"));

      // The raise was notified: its clear is too, silence or not. The next raise, within the silence, is not.
      level(vigie, 1);
      eventually("the clear delivered", () -> count(deliveries(vigie), "hook", "delivered") == 2);
      level(vigie, 60);
      eventually("the new raise open and silenced", () -> openAlert(vigie, "ext-high") != null
          && openAlert(vigie, "ext-high").containsKey("silenced"));
      assertNull(openAlert(vigie, "ext-high").getValue("acknowledged"), "a new raise is not acknowledged");

      // An alert id with a slash, silenced through its rule; another alert, not silenced, goes out meanwhile.
      vigie.vertx().eventBus().publish(MonitorBus.SECTION, new JsonObject().put("section", "other")
          .put("metrics", new JsonArray().add(new JsonObject().put("label", "Depth").put("value", 99)
              .put("status", "critical"))));
      eventually("ext-any/Depth delivered", () -> count(deliveries(vigie), "hook", "delivered") == 3);
      assertEquals(200, vigie.http().post("/api/alerts/ext-any/Depth/ack", new JsonObject()).statusCode());
      assertEquals(3, receiver.received().size(), "the silenced raise was not sent: " + receiver.received());
      assertTrue(receiver.received().stream().flatMap(r -> r.body().getJsonArray("alerts").stream())
          .map(JsonObject.class::cast).noneMatch(a -> Integer.valueOf(60).equals(a.getValue("value"))),
          "the silenced raise (Level 60) reached no one");
    }
  }

  private static JsonObject openAlert(TestVigie vigie, String id) {
    return vigie.http().get("/api/snapshot").bodyAsJsonObject().getJsonArray("alerts").stream()
        .map(JsonObject.class::cast).filter(a -> id.equals(a.getString("id")) && "raised".equals(a.getString("state")))
        .findFirst().orElse(null);
  }

  private static void refused(HttpResponse<Buffer> response, int status, String field) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertEquals(field, response.bodyAsJsonObject().getString("field"), response.bodyAsString());
  }
}
