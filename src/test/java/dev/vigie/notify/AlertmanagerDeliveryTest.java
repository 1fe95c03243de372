package dev.vigie.notify;

import static dev.vigie.kit.Wait.eventually;
import static dev.vigie.notify.NotifyTestSupport.config;
import static dev.vigie.notify.NotifyTestSupport.level;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.LocalAlertmanager;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Alertmanager (Debian's) receives Vigie's alert through its v2 API, lists it, and sees it resolved. */
class AlertmanagerDeliveryTest {
  @TempDir
  Path dir;

  @Test
  void alertmanagerListsARaisedAlertAndDropsItOnceCleared() {
    try (LocalAlertmanager am = LocalAlertmanager.start();
         TestVigie vigie = TestVigie.start(config(dir, new JsonArray().add(new JsonObject().put("id", "am")
             .put("type", "alertmanager").put("url", am.url()))).set("notify.publicUrl", "http://vigie.example/"))) {
      level(vigie, 50);
      JsonObject alert = eventually("Alertmanager to list Vigie's alert", () -> find(am.alerts(), "ext-high"),
          a -> a != null);
      JsonObject labels = alert.getJsonObject("labels");
      assertEquals("vigie", labels.getString("source"));
      assertEquals("critical", labels.getString("severity"));
      assertEquals("ext", labels.getString("section"));
      assertEquals("Level", labels.getString("metric"));
      assertEquals("lower the level", alert.getJsonObject("annotations").getString("action"));
      assertTrue(alert.getJsonObject("annotations").getString("summary").startsWith("ext / Level is 50"));
      assertEquals("active", alert.getJsonObject("status").getString("state"));
      assertEquals("http://vigie.example/", alert.getString("generatorURL"));

      level(vigie, 1);
      eventually("the cleared alert gone from Alertmanager's active alerts", () -> find(am.alerts(), "ext-high") == null);

      JsonObject test = vigie.http().post("/api/notify/channels/am/test").bodyAsJsonObject();
      assertEquals(true, test.getBoolean("delivered"), test.encode());
      eventually("the test alert listed", () -> find(am.alerts(), "VigieTest") != null);
    }
  }

  /** The alert named {@code alertname} in Alertmanager's answer, or null. */
  private static JsonObject find(String alerts, String alertname) {
    return new JsonArray(alerts).stream().map(JsonObject.class::cast)
        .filter(a -> alertname.equals(a.getJsonObject("labels").getString("alertname"))).findFirst().orElse(null);
  }
}
