package dev.vigie.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.SecretRedactor;
import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported report holds the snapshot, log, alerts, probe summaries, version and time, and none of the secrets
 * that went into Vigie: URL credentials, secret query parameters, header values, the API token, passwords in logs.
 */
class ReportRedactionTest {
  private static final List<String> SECRETS = List.of("hunter2", "s3cr3t-query", "Bearer-abcdef123456",
      "abcdef123456", "the-api-token", "pa55word", "xoxb-42");
  @TempDir
  Path dataDir;

  @Test
  void reportIsAnAttachmentWithoutSecrets() {
    try (LoopbackServer target = LoopbackServer.start(req -> req.response().end("{}"));
        TestVigie vigie = TestVigie.start(TestConfig.defaults(dataDir).token("the-api-token")
            .set("probe.endpoints", new JsonArray().add(new JsonObject().put("name", "Backend")
                .put("url", "http://admin:hunter2@127.0.0.1:" + target.port() + "/x?access_token=s3cr3t-query&page=2")
                .put("headers", new JsonObject().put("Authorization", "Bearer abcdef123456").put("X-Api-Key", "xoxb-42"))
                .put("intervalMs", 3_600_000))))) {
      vigie.ask(MonitorBus.ACTIVITY, new JsonObject().put("level", "warning")
          .put("message", "login failed with password=pa55word for http://bob:hunter2@db.internal/"));
      HttpResponse<Buffer> resp = vigie.http().send(vigie.http().request(io.vertx.core.http.HttpMethod.GET, "/api/report")
          .putHeader("Authorization", "Bearer the-api-token"));
      assertEquals(200, resp.statusCode());
      String disposition = resp.getHeader("content-disposition");
      assertTrue(disposition.matches("attachment; filename=\"performance-report-\\d{8}T\\d{6}Z\\.json\""), disposition);
      String text = resp.bodyAsString();
      for (String secret : SECRETS) {
        assertFalse(text.contains(secret), "the report leaks " + secret);
      }
      JsonObject report = resp.bodyAsJsonObject();
      assertNotNull(report.getString("version"));
      assertNotNull(report.getString("generatedAt"));
      assertTrue(report.getJsonObject("snapshot").getJsonArray("sections").size() > 0);
      assertTrue(report.getJsonArray("log").encode().contains("login failed with password=" + SecretRedactor.MASK));
      assertNotNull(report.getJsonObject("alerts").getJsonArray("open"));
      assertNotNull(report.getJsonObject("alerts").getJsonArray("recent"));
      JsonObject probe = report.getJsonObject("probes").getJsonArray("endpoints").getJsonObject(0);
      assertEquals("Backend", probe.getString("name"));
      assertTrue(probe.getString("url").contains("page=2"), "what is not secret stays: " + probe.getString("url"));
      assertEquals(SecretRedactor.MASK, report.getJsonObject("configuration").getJsonObject("http").getString("token"));
    }
  }

  @Test
  void redactsEachKindOfSecretInText() {
    assertEquals("https://" + SecretRedactor.MASK + "@host/p", SecretRedactor.redactText("https://u:p@host/p"));
    assertEquals("/a?token=" + SecretRedactor.MASK + "&b=1", SecretRedactor.redactText("/a?token=xyz&b=1"));
    assertEquals("/a?b=1&apiKey=" + SecretRedactor.MASK, SecretRedactor.redactText("/a?b=1&apiKey=xyz"));
    assertEquals("Authorization: Bearer " + SecretRedactor.MASK, SecretRedactor.redactText("Authorization: Bearer eyJhbGciOi.x"));
    assertEquals("secret: " + SecretRedactor.MASK + " rest", SecretRedactor.redactText("secret: hush rest"));
    JsonObject headers = SecretRedactor.redact(new JsonObject().put("headers", new JsonObject()
        .put("Cookie", "sid=1").put("Accept", "application/json")).put("tokenRequired", true));
    assertEquals(SecretRedactor.MASK, headers.getJsonObject("headers").getString("Cookie"));
    assertEquals("application/json", headers.getJsonObject("headers").getString("Accept"));
    assertEquals(true, headers.getBoolean("tokenRequired"));
  }
}
