package dev.vigie.notify;

import static dev.vigie.kit.Wait.eventually;
import static dev.vigie.notify.NotifyTestSupport.alert;
import static dev.vigie.notify.NotifyTestSupport.config;
import static dev.vigie.notify.NotifyTestSupport.count;
import static dev.vigie.notify.NotifyTestSupport.deliveries;
import static dev.vigie.notify.NotifyTestSupport.publish;
import static dev.vigie.notify.NotifyTestSupport.webhook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vigie.kit.TestVigie;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@code /api/notify/*}: channels added, validated, replaced and removed, the delivery log paged, secrets hidden. */
class NotifyChannelsApiTest {
  private static final String PATH_TOKEN = "XoXb7Zq4PathToken99";
  private static final String HEADER_SECRET = "hdrS3cretValue42";
  private static final String QUERY_SECRET = "qS3cretValue77";
  private static final String SMTP_PASSWORD = "smtpPassw0rdXYZ";

  @TempDir
  Path dir;

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void captureLogs() {
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void detachLogs() {
    root.detachAppender(logs);
  }

  @Test
  void aChannelsSecretsAppearNowhereVigieShowsThem() {
    String apiToken = "ApiAddedSlackT0ken55";
    try (RecordingReceiver receiver = new RecordingReceiver().answering(() -> 500);
         TestVigie vigie = TestVigie.start(config(dir, new JsonArray()
             .add(webhook("hook", receiver.url("/hooks/" + PATH_TOKEN + "?key=" + QUERY_SECRET))
                 .put("headers", new JsonObject().put("Authorization", "Bearer " + HEADER_SECRET)))
             .add(new JsonObject().put("id", "mail").put("type", "email").put("host", "127.0.0.1").put("port", 1)
                 .put("username", "vigie").put("password", SMTP_PASSWORD).put("from", "vigie@example.org")
                 .put("to", new JsonArray().add("ops@example.org"))))
             .set("notify.maxAttempts", 2))) {
      HttpResponse<Buffer> added = vigie.http().post("/api/notify/channels", new JsonObject().put("id", "slack")
          .put("type", "slack").put("url", receiver.url("/services/T0/" + apiToken)));
      assertEquals(200, added.statusCode(), added.bodyAsString());
      publish(vigie, alert("a1", "raised", "ext"));
      eventually("every channel gave up", () -> count(deliveries(vigie), "hook", "failed") == 1
          && count(deliveries(vigie), "mail", "failed") == 1 && count(deliveries(vigie), "slack", "failed") == 1);
      Map<String, String> places = new LinkedHashMap<>();
      for (String id : List.of("hook", "mail", "slack")) {
        places.put("test of " + id, vigie.http().post("/api/notify/channels/" + id + "/test").bodyAsString());
        places.put("GET channel " + id, vigie.http().get("/api/notify/channels/" + id).bodyAsString());
      }
      places.put("GET channels", vigie.http().get("/api/notify/channels").bodyAsString());
      places.put("deliveries", vigie.http().get("/api/notify/deliveries?limit=500").bodyAsString());
      eventually("the section listing the three channels", () -> vigie.http().get("/api/snapshot").bodyAsString()
          .contains("/services/[redacted]"));
      places.put("snapshot", vigie.http().get("/api/snapshot").bodyAsString());
      places.put("report", vigie.http().get("/api/report").bodyAsString());
      StringBuilder logText = new StringBuilder();
      for (ILoggingEvent event : List.copyOf(logs.list)) {
        logText.append(event.getFormattedMessage()).append(' ')
            .append(java.util.Arrays.toString(event.getArgumentArray())).append('\n');
      }
      places.put("the log", logText.toString());
      assertTrue(places.get("the log").contains("notify_failed") && places.get("the log").contains("channel=hook"),
          "the log was captured: " + places.get("the log"));

      for (Map.Entry<String, String> place : places.entrySet()) {
        for (String secret : List.of(PATH_TOKEN, HEADER_SECRET, QUERY_SECRET, SMTP_PASSWORD, apiToken)) {
          assertFalse(place.getValue().contains(secret), secret + " leaks in " + place.getKey() + ": " + place.getValue());
        }
      }
      JsonObject hook = new JsonObject(places.get("GET channel hook"));
      assertEquals(receiver.url("/hooks/[redacted]?[redacted]"), hook.getString("url"));
      assertEquals("[redacted]", hook.getJsonObject("headers").getString("Authorization"));
      assertEquals("[redacted]", new JsonObject(places.get("GET channel mail")).getString("password"));
      assertEquals("Bearer " + HEADER_SECRET, receiver.received().get(0).authorization(),
          "the receiver still gets the channel's real header");
      assertTrue(receiver.received().stream().anyMatch(r -> r.path().equals("/services/T0/" + apiToken)),
          "the API-added channel posts to its real URL");
    }
  }

  @Test
  void channelsAreValidatedNamingTheFieldAndKeepTheirSecretsWhenSentBackMasked() {
    try (RecordingReceiver receiver = new RecordingReceiver();
         TestVigie vigie = TestVigie.start(config(dir, new JsonArray()))) {
      refused(vigie.http().post("/api/notify/channels", new JsonObject().put("id", "x").put("type", "pager")), 400, "type");
      refused(vigie.http().post("/api/notify/channels", webhook("x", "ftp://example.org/")), 400, "url");
      refused(vigie.http().post("/api/notify/channels", webhook("x", receiver.url("/")).put("port", 25)), 400, "port");
      refused(vigie.http().post("/api/notify/channels", new JsonObject().put("id", "m").put("type", "email")
          .put("host", "127.0.0.1").put("from", "vigie@example.org").put("to", new JsonArray().add("nobody"))), 400, "to[0]");
      refused(vigie.http().post("/api/notify/channels", webhook("bad id!", receiver.url("/"))), 400, "id");

      String url = receiver.url("/hooks/" + PATH_TOKEN);
      assertEquals(200, vigie.http().post("/api/notify/channels", webhook("hook", url)).statusCode());
      refused(vigie.http().post("/api/notify/channels", webhook("hook", url)), 409, "id");

      // What GET shows, sent back with one change: the masked URL keeps its real value.
      JsonObject shown = vigie.http().get("/api/notify/channels/hook").bodyAsJsonObject();
      shown.remove("state");
      shown.put("minSeverity", "critical");
      HttpResponse<Buffer> replaced = vigie.http().send(
          vigie.http().request(HttpMethod.PUT, "/api/notify/channels/hook"), shown.encode());
      assertEquals(200, replaced.statusCode(), replaced.bodyAsString());
      assertEquals("critical", replaced.bodyAsJsonObject().getString("minSeverity"));
      assertEquals(true, vigie.http().post("/api/notify/channels/hook/test").bodyAsJsonObject().getBoolean("delivered"));
      assertEquals("/hooks/" + PATH_TOKEN, receiver.received().get(0).path());

      assertEquals(1, vigie.http().get("/api/notify/channels").bodyAsJsonObject().getJsonArray("channels").size());
      assertEquals(200, vigie.http().delete("/api/notify/channels/hook").statusCode());
      refused(vigie.http().get("/api/notify/channels/hook"), 404, "id");
      refused(vigie.http().get("/api/notify/deliveries?limit=0"), 400, "limit");
    }
  }

  @Test
  void aBadChannelInTheFileStopsTheStartNamingTheKey() {
    Throwable failure = TestVigie.failedStart(config(dir, new JsonArray().add(webhook("ok", "http://127.0.0.1:1/h"))
        .add(new JsonObject().put("id", "bad").put("type", "slack"))));
    assertTrue(String.valueOf(failure.getMessage()).contains("notify.channels[1].url"), String.valueOf(failure));
  }

  @Test
  void theDeliveryLogIsPagedNewestFirst() {
    try (RecordingReceiver receiver = new RecordingReceiver();
         TestVigie vigie = TestVigie.start(config(dir, new JsonArray().add(webhook("hook", receiver.url("/h"))))
             .set("notify.deliveryLogSize", 3))) {
      for (int i = 1; i <= 5; i++) {
        publish(vigie, alert("a" + i, "raised", "s" + i));
      }
      eventually("five deliveries", () -> receiver.received().size() == 5
          && deliveries(vigie).getJsonObject(0).getJsonArray("alerts").contains("a5:raised"));
      JsonObject page = vigie.http().get("/api/notify/deliveries?limit=2&offset=1").bodyAsJsonObject();
      assertEquals(3, page.getInteger("total"), "the log keeps notify.deliveryLogSize entries");
      assertEquals(List.of("a4:raised"), page.getJsonArray("deliveries").getJsonObject(0).getJsonArray("alerts").getList());
      assertEquals(List.of("a3:raised"), page.getJsonArray("deliveries").getJsonObject(1).getJsonArray("alerts").getList());
    }
  }

  private static void refused(HttpResponse<Buffer> response, int status, String field) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    JsonObject body = response.bodyAsJsonObject();
    assertEquals(field, body.getString("field"), body.encode());
    assertTrue(body.containsKey("error") && body.containsKey("message"), body.encode());
  }
}
