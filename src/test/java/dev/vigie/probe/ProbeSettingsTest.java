package dev.vigie.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.config.ConfigLoader;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad probe entries are refused with the full key named, and the verticle does not start with them. */
class ProbeSettingsTest {

  @Test
  void defaultsApplyAndBadEntriesNameTheirKey() {
    JsonObject ok = config(new JsonObject().put("name", "a").put("url", "http://127.0.0.1:1/"));
    Endpoint e = ProbeSettings.from(ok).endpoints().get(0);
    assertEquals(10_000, e.intervalMs());
    assertEquals(200, e.expectStatus());

    assertMessage("probe.endpoints[0].url", new JsonObject().put("name", "a").put("url", "ftp://x/"));
    assertMessage("probe.endpoints[0]: unknown key 'uri'", new JsonObject().put("name", "a").put("uri", "http://x/"));
    assertMessage("probe.endpoints[0].expectValue", new JsonObject().put("name", "a").put("url", "http://x/").put("expectValue", 1));
    assertMessage("probe.endpoints[0].timeoutMs", new JsonObject().put("name", "a").put("url", "http://x/").put("timeoutMs", 0));
  }

  @Test
  void theSectionsChartsAreBoundedSoAPushStaysSmall() {
    JsonObject config = ConfigLoader.defaults();
    config.getJsonObject("probe").put("worstShown", 100);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProbeSettings.from(config));
    assertTrue(e.getMessage().startsWith("probe.worstShown × probe.chartPoints must be at most 2400"), e.getMessage());
    assertEquals(3, ProbeSettings.from(ConfigLoader.defaults()).raiseAfter());
    assertEquals(2, ProbeSettings.from(ConfigLoader.defaults()).clearAfter());
  }

  @Test
  void theVerticleFailsToStartOnABadEntry(@TempDir Path dir) {
    Throwable e = TestVigie.failedStart(TestConfig.defaults(dir).only("probe")
        .set("probe.endpoints", new JsonArray().add(new JsonObject().put("name", "a").put("url", "not a url"))));
    assertTrue(e.getMessage().contains("probe.endpoints[0].url"), e.getMessage());
  }

  private static void assertMessage(String expected, JsonObject entry) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProbeSettings.from(config(entry)));
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
  }

  private static JsonObject config(JsonObject entry) {
    JsonObject config = ConfigLoader.defaults();
    config.getJsonObject("probe").put("endpoints", new JsonArray().add(entry));
    return config;
  }
}
