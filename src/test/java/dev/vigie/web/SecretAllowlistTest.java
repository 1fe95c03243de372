package dev.vigie.web;

import static dev.vigie.bus.SecretRedactor.MASK;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigie.bus.SecretRedactor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The allowlist itself: which header and query values show, and how configured secrets are found in free text. */
class SecretAllowlistTest {
  @Test
  void urlsKeepOnlyShownQueryValues() {
    assertEquals("https://" + MASK + "@api.example/v1/klines?symbol=BTCUSDT&interval=1m&code=" + MASK + "&x=" + MASK
        + "&flag#" + MASK, SecretRedactor.redactUrl("https://u:p@api.example/v1/klines?symbol=BTCUSDT&interval=1m&code=abc&x=1&flag#frag"));
    assertEquals("http://h:1/p?Limit=5&startTime=2", SecretRedactor.redactUrl("http://h:1/p?Limit=5&startTime=2"));
    assertEquals("not a url", SecretRedactor.redactUrl("not a url"));
    assertEquals("GET http://h/x?key=" + MASK + " failed", SecretRedactor.redactText("GET http://h/x?key=zz failed"));
  }

  @Test
  void headersShowOnlyDescriptiveValues() {
    JsonObject out = SecretRedactor.redact(new JsonObject().put("headers", new JsonObject()
        .put("X-Auth-Key", "a").put("X-Access-Key", "b").put("X-Tenant", "c").put("Content-Type", "application/json")
        .put("User-Agent", "vigie")));
    assertEquals(new JsonObject().put("X-Auth-Key", MASK).put("X-Access-Key", MASK).put("X-Tenant", MASK)
        .put("Content-Type", "application/json").put("User-Agent", "vigie"), out.getJsonObject("headers"));
  }

  @Test
  void configuredSecretsAreFoundAnywhere() {
    JsonObject config = new JsonObject().put("http", new JsonObject().put("token", "tok-abcdef"))
        .put("probe", new JsonObject().put("endpoints", new JsonArray().add(new JsonObject()
            .put("url", "http://me:pw-123456@h/x?state=opaque-77&symbol=ETHUSDT")
            .put("headers", new JsonObject().put("Authorization", "Bearer bearer-xyz").put("X-K", "short")
                .put("Accept", "application/json")))));
    SecretRedactor redactor = SecretRedactor.of(config);
    assertEquals("echo " + MASK + " / " + MASK + " / " + MASK + " / " + MASK,
        redactor.text("echo tok-abcdef / pw-123456 / opaque-77 / bearer-xyz"));
    assertEquals("short ETHUSDT application/json token bucket", redactor.text("short ETHUSDT application/json token bucket"),
        "short values, shown names and prose stay");
    assertEquals(MASK, redactor.json(config).getJsonObject("probe").getJsonArray("endpoints").getJsonObject(0)
        .getJsonObject("headers").getString("X-K"), "a short value is still hidden where its structure shows it");
  }
}
