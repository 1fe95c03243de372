package dev.vigie.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.Refusal;
import dev.vigie.bus.SecretRedactor;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The monitors' pages without Vert.x: order, filters, the catalogue's version, and what an unchanged list answers. */
class MonitorQueryTest {
  private static final SecretRedactor REDACTOR = SecretRedactor.of(new JsonObject());

  private static Monitor stored(String name, String url) {
    return Monitor.fromRequest(new JsonObject().put("type", "endpoint").put("name", name).put("url", url), null);
  }

  private static MonitorCatalogue catalogue() {
    Endpoint file = Endpoint.fromJson(new JsonObject().put("name", "file").put("url", "http://127.0.0.1/"), "probe.endpoints[0]");
    MonitorCatalogue catalogue = new MonitorCatalogue(List.of(Monitor.configured(file, new JsonObject()
        .put("name", "file").put("url", "http://127.0.0.1/"))), 10);
    catalogue.put(stored("one", "http://user:hunter2@127.0.0.1/one"));
    catalogue.put(stored("two", "http://127.0.0.1/two"));
    return catalogue;
  }

  private static List<String> ids(JsonObject page) {
    return page.getJsonArray("monitors").stream().map(m -> ((JsonObject) m).getString("id")).toList();
  }

  private static JsonObject page(MonitorCatalogue catalogue, JsonObject query) {
    return MonitorQuery.from(query).page(catalogue.all(), catalogue.version(), catalogue.max(), REDACTOR);
  }

  @Test
  void storeFirstPutsTheMonitorsAddedThroughTheApiBeforeTheFilesInTheirOrder() {
    MonitorCatalogue catalogue = catalogue();
    assertEquals(List.of("file", "one", "two"), ids(page(catalogue, new JsonObject())));
    assertEquals(List.of("one", "two", "file"), ids(page(catalogue, new JsonObject().put("sort", "store-first"))));
    JsonObject last = page(catalogue, new JsonObject().put("sort", "store-first").put("offset", 2).put("limit", 5));
    assertEquals(List.of("file"), ids(last));
    assertEquals(2, last.getInteger("offset"));
    assertEquals(new JsonObject().put("config", 1).put("store", 2), last.getJsonObject("counts"));
  }

  @Test
  void theTextIsLookedForInTheIdAndTheUrlWithoutItsCredentials() {
    MonitorCatalogue catalogue = catalogue();
    assertEquals(List.of("two"), ids(page(catalogue, new JsonObject().put("q", "/TWO"))));
    JsonObject secret = page(catalogue, new JsonObject().put("q", "hunter2"));
    assertEquals(0, secret.getInteger("matched"), secret.encode());
    assertEquals(3, secret.getInteger("total"));
  }

  @Test
  void theVersionChangesWithEveryChangeAndWithEveryRun() {
    MonitorCatalogue catalogue = catalogue();
    String before = catalogue.version();
    assertEquals(new JsonObject().put("version", before).put("unchanged", true),
        page(catalogue, new JsonObject().put("version", before)));
    catalogue.remove("nobody");
    assertEquals(before, catalogue.version());
    catalogue.remove("two");
    assertNotEquals(before, catalogue.version());
    assertEquals(List.of("file", "one"), ids(page(catalogue, new JsonObject().put("version", before))));
    assertNotEquals(catalogue().version(), catalogue().version(), "a restarted catalogue has another version");
  }

  @Test
  void aBadFieldIsRefusedByItsName() {
    for (JsonObject bad : List.of(new JsonObject().put("limit", 0), new JsonObject().put("offset", -1),
        new JsonObject().put("type", "probe"), new JsonObject().put("source", 1), new JsonObject().put("sort", "-added"),
        new JsonObject().put("q", "x".repeat(201)), new JsonObject().put("version", 7))) {
      Refusal r = assertThrows(Refusal.class, () -> MonitorQuery.from(bad), bad.encode());
      assertTrue(bad.containsKey(r.field()), bad.encode() + " refused naming " + r.field());
    }
  }
}
