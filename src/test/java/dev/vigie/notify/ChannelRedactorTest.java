package dev.vigie.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vigie.bus.SecretRedactor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** How a channel's URL and secrets are shown, and that free text loses the secrets of every channel seen. */
class ChannelRedactorTest {
  @Test
  void aWebhookUrlShowsItsOriginAndFirstPathSegmentOnly() {
    assertEquals("https://hooks.slack.com/services/[redacted]",
        ChannelRedactor.shownUrl("https://hooks.slack.com/services/T000/B000/XXXXXXXX"));
    assertEquals("http://[redacted]@127.0.0.1:9093/alerts?[redacted]",
        ChannelRedactor.shownUrl("http://user:pw@127.0.0.1:9093/alerts?token=abc"));
    assertEquals("http://127.0.0.1:9093", ChannelRedactor.shownUrl("http://127.0.0.1:9093"));
    assertEquals("https://webhook.example/[redacted]",
        ChannelRedactor.shownUrl("https://webhook.example/3f9a0c7e-1b2d-4e5f-8a9b-0c1d2e3f4a5b"));
  }

  @Test
  void freeTextLosesEveryChannelSecretEvenAfterTheChannelIsGone() {
    ChannelRedactor redactor = new ChannelRedactor(SecretRedactor.of(new JsonObject()));
    redactor.learn(Channel.fromJson(new JsonObject().put("id", "s").put("type", "slack")
        .put("url", "https://hooks.slack.com/services/T0AAAAAA/B0BBBBBB/XyZsecret123")
        .put("headers", new JsonObject().put("X-Api-Key", "k3yValue99").put("Content-Type", "application/json"))));
    redactor.learn(Channel.fromJson(new JsonObject().put("id", "m").put("type", "email").put("host", "smtp.example")
        .put("password", "mailSecret1").put("from", "a@b.c").put("to", new JsonArray().add("d@e.f"))));
    String text = redactor.text("failed posting T0AAAAAA/B0BBBBBB/XyZsecret123 with k3yValue99; smtp login mailSecret1");
    for (String secret : new String[] {"XyZsecret123", "T0AAAAAA", "k3yValue99", "mailSecret1"}) {
      assertFalse(text.contains(secret), secret + " in " + text);
    }
    JsonObject shown = redactor.shown(Channel.fromJson(new JsonObject().put("id", "s").put("type", "webhook")
        .put("url", "https://x.example/h").put("headers", new JsonObject().put("X-Api-Key", "k3yValue99")
            .put("Content-Type", "application/json"))));
    assertEquals("[redacted]", shown.getJsonObject("headers").getString("X-Api-Key"));
    assertEquals("application/json", shown.getJsonObject("headers").getString("Content-Type"));
    assertEquals("https://x.example/h", shown.getString("url"), "a one-segment path is shown");
  }
}
