package dev.vigie.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.Vigie;
import dev.vigie.bus.MonitorBus;
import dev.vigie.config.ConfigLoader;
import dev.vigie.bus.SecretRedactor;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The exported report holds the snapshot, log, alerts, probe summaries, version and time, and none of the secrets
 * that went into Vigie: URL credentials, secret query parameters, header values, the API token, passwords in logs.
 */
@ExtendWith(VertxExtension.class)
class ReportRedactionTest {
  private static final List<String> SECRETS = List.of("hunter2", "s3cr3t-query", "Bearer-abcdef123456",
      "abcdef123456", "the-api-token", "pa55word", "xoxb-42");
  private WebClient web;

  @Test
  void reportIsAnAttachmentWithoutSecrets(Vertx vertx, VertxTestContext test) throws Exception {
    HttpServer target = vertx.createHttpServer().requestHandler(req -> req.response().end("{}"));
    web = WebClient.create(vertx);
    Vigie[] vigie = new Vigie[1];
    target.listen(0, "127.0.0.1").compose(s -> {
      JsonObject config = ConfigLoader.defaults();
      config.getJsonObject("http").put("port", 0).put("token", "the-api-token");
      config.getJsonObject("probe").put("endpoints", new JsonArray().add(new JsonObject().put("name", "Backend")
          .put("url", "http://admin:hunter2@127.0.0.1:" + target.actualPort() + "/x?access_token=s3cr3t-query&page=2")
          .put("headers", new JsonObject().put("Authorization", "Bearer abcdef123456").put("X-Api-Key", "xoxb-42"))
          .put("intervalMs", 3_600_000)));
      return Vigie.start(config);
    }).compose(v -> {
      vigie[0] = v;
      return v.vertx().eventBus().request(MonitorBus.ACTIVITY, new JsonObject().put("level", "warning")
          .put("message", "login failed with password=pa55word for http://bob:hunter2@db.internal/"));
    }).compose(r -> web.get(vigie[0].httpPort(), "127.0.0.1", "/api/report").send())
        .onComplete(test.succeeding(resp -> test.verify(() -> {
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
          vigie[0].close().onComplete(c -> test.completeNow());
        })));
    assertTrue(test.awaitCompletion(15, TimeUnit.SECONDS));
    if (test.failed()) {
      throw new AssertionError(test.causeOfFailure());
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
