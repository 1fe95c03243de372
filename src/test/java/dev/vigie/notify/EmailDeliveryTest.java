package dev.vigie.notify;

import static dev.vigie.kit.Wait.eventually;
import static dev.vigie.notify.NotifyTestSupport.config;
import static dev.vigie.notify.NotifyTestSupport.count;
import static dev.vigie.notify.NotifyTestSupport.deliveries;
import static dev.vigie.notify.NotifyTestSupport.level;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts by e-mail through a local SMTP server, logged in with the channel's user and password. */
class EmailDeliveryTest {
  @TempDir
  Path dir;

  @Test
  void aRaiseAndItsClearArriveAsTwoMails() {
    try (SmtpReceiver smtp = new SmtpReceiver("vigie", "mailPassw0rd!");
         TestVigie vigie = TestVigie.start(config(dir, new JsonArray().add(new JsonObject().put("id", "mail")
             .put("type", "email").put("host", "127.0.0.1").put("port", smtp.port()).put("starttls", "disabled")
             .put("username", "vigie").put("password", "mailPassw0rd!").put("from", "vigie@example.org")
             .put("to", new JsonArray().add("ops@example.org").add("oncall@example.org")))))) {
      level(vigie, 50);
      eventually("the raise mailed", () -> smtp.mails().size() == 1);
      level(vigie, 1);
      eventually("the clear mailed", () -> smtp.mails().size() == 2);
      eventually("both logged as delivered", () -> count(deliveries(vigie), "mail", "delivered") == 2);

      SmtpReceiver.Mail raised = smtp.mails().get(0);
      assertEquals("vigie@example.org", raised.from());
      assertEquals(List.of("ops@example.org", "oncall@example.org"), raised.to());
      assertEquals("vigie", raised.authenticatedAs(), "logged in with the channel's credentials");
      assertTrue(raised.data().contains("Subject: Vigie: [CRITICAL] ext / Level is 50"), raised.data());
      assertTrue(raised.data().contains("Action: lower the level"), raised.data());
      assertTrue(smtp.mails().get(1).data().contains("Subject: Vigie: [RESOLVED] ext / Level back to normal"),
          smtp.mails().get(1).data());

      assertEquals(true, vigie.http().post("/api/notify/channels/mail/test").bodyAsJsonObject().getBoolean("delivered"));
      assertTrue(smtp.mails().get(2).data().contains("Subject: Vigie: Vigie test message"), smtp.mails().get(2).data());
    }
  }
}
