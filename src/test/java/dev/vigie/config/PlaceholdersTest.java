package dev.vigie.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bound addresses fill in {demo.*} placeholders anywhere in the configuration; one nothing provides is named. */
class PlaceholdersTest {
  private static final Map<String, String> BOUND = Map.of("{demo.backend}", "http://127.0.0.1:40001");

  @Test
  void replacesPlaceholdersInNestedObjectsAndArraysAndLeavesTheRest() {
    JsonObject config = new JsonObject().put("probe", new JsonObject().put("endpoints", new JsonArray()
        .add(new JsonObject().put("url", "{demo.backend}/balances/current").put("jsonPointer", "/a/{b}"))))
        .put("port", 0);
    JsonObject resolved = Placeholders.resolve(config, BOUND);
    JsonObject endpoint = resolved.getJsonObject("probe").getJsonArray("endpoints").getJsonObject(0);
    assertEquals("http://127.0.0.1:40001/balances/current", endpoint.getString("url"));
    assertEquals("/a/{b}", endpoint.getString("jsonPointer"), "only {demo.*} is a placeholder");
    assertEquals("{demo.backend}/balances/current", config.getJsonObject("probe").getJsonArray("endpoints")
        .getJsonObject(0).getString("url"), "the given configuration is left as it was");
  }

  @Test
  void aPlaceholderNothingProvidesNamesItsKey() {
    JsonObject config = new JsonObject().put("cache", new JsonObject().put("upstream", new JsonObject()
        .put("sources", new JsonArray().add(new JsonObject().put("url", "{demo.mirror}/x")))));
    ConfigException e = assertThrows(ConfigException.class, () -> Placeholders.resolve(config, BOUND));
    assertEquals("'cache.upstream.sources[0].url' names {demo.mirror}, which only the demo provides: set "
        + "demo.mirror.enabled and demo.enabled to true", e.getMessage());
  }
}
