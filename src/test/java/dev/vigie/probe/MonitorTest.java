package dev.vigie.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.Refusal;
import dev.vigie.bus.SecretRedactor;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A monitor's rules without Vert.x: fields refused by name, revisions, masked secrets put back, the catalogue's checks. */
class MonitorTest {
  private static JsonObject stored(long revision, boolean paused) {
    return new JsonObject().put("id", "api").put("type", "endpoint").put("paused", paused).put("revision", revision)
        .put("updatedAt", 1L).put("definition", new JsonObject().put("name", "api").put("url", "http://127.0.0.1:1/")
            .put("headers", new JsonObject().put("Authorization", "Bearer abcdef123456").put("Accept", "application/json")));
  }

  @Test
  void aBadFieldIsRefusedByItsNameNotTheConfigurationKey() {
    Refusal r = assertThrows(Refusal.class, () -> Monitor.fromRequest(new JsonObject().put("type", "endpoint")
        .put("name", "x").put("url", "http://127.0.0.1/").put("intervalMs", "10"), null));
    assertEquals("intervalMs", r.field());
    assertTrue(r.getMessage().startsWith("intervalMs: must be a number"), r.getMessage());
    Refusal unknown = assertThrows(Refusal.class, () -> Monitor.fromRequest(new JsonObject().put("type", "freshness")
        .put("name", "x").put("kind", "cache").put("expectStatus", 200), null));
    assertEquals("expectStatus", unknown.field());
  }

  @Test
  void onlyANewerRevisionReplacesTheOneRunning() {
    Monitor second = Monitor.fromStored(stored(2, false));
    assertTrue(Monitor.fromStored(stored(3, true)).newerThan(second));
    assertFalse(Monitor.fromStored(stored(2, true)).newerThan(second));
    assertFalse(Monitor.fromStored(stored(1, true)).newerThan(second));
  }

  @Test
  void maskedValuesSentBackStandForWhatTheyMasked() {
    SecretRedactor redactor = SecretRedactor.of(new JsonObject());
    Monitor m = Monitor.fromStored(stored(1, false));
    JsonObject shown = m.toJson(redactor);
    assertEquals(SecretRedactor.MASK, shown.getJsonObject("headers").getString("Authorization"));
    JsonObject back = m.unmask(shown.put("intervalMs", 50), redactor);
    assertEquals("Bearer abcdef123456", back.getJsonObject("headers").getString("Authorization"));
    assertEquals(50, Monitor.fromRequest(back, null).endpoint().intervalMs());
    JsonObject changed = shown.copy().put("headers", new JsonObject().put("Authorization", "Bearer new-value-789"));
    assertEquals("Bearer new-value-789", m.unmask(changed, redactor).getJsonObject("headers").getString("Authorization"));
  }

  @Test
  void theCatalogueRefusesTakenNamesConfigurationChangesAndAnyMonitorPastTheBound() {
    Endpoint fileOne = Endpoint.fromJson(new JsonObject().put("name", "file").put("url", "http://127.0.0.1/"), "probe.endpoints[0]");
    MonitorCatalogue catalogue = new MonitorCatalogue(List.of(Monitor.configured(fileOne, new JsonObject())), 2);
    Monitor api = Monitor.fromStored(stored(1, false));
    catalogue.checkAdd(api);
    catalogue.put(api);
    assertEquals("DUPLICATE_NAME", assertThrows(Refusal.class, () -> catalogue.checkAdd(api)).code());
    assertEquals("CONFIG_MONITOR", assertThrows(Refusal.class, () -> catalogue.checkChangeable("file")).code());
    catalogue.checkChangeable("api");
    Monitor other = Monitor.fromRequest(new JsonObject().put("type", "endpoint").put("name", "other")
        .put("url", "http://127.0.0.1/"), null);
    assertEquals("TOO_MANY_MONITORS", assertThrows(Refusal.class, () -> catalogue.checkAdd(other)).code());
  }
}
