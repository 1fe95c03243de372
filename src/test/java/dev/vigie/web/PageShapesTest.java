package dev.vigie.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.vigie.bus.MonitorBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every reader of the page (webroot/js/shape.js specs) against what a live demo Vigie really sends, with every area
 * producing data: a shape the page does not read is a console error and a visible marker, so it fails here.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PageShapesTest {
  private static final LocatorAssertions.IsVisibleOptions SLOW = new LocatorAssertions.IsVisibleOptions().setTimeout(45_000);

  @RegisterExtension
  static final DemoInBrowser demo = new DemoInBrowser(config -> config.with(json -> json.getJsonObject("alerts").getJsonArray("rules").add(new JsonObject()
      // A real alert from the server's own rules at its first sample.
      .put("id", "shapes-heap").put("section", "system").put("metric", "Heap used").put("above", 1)
      .put("severity", "warning").put("action", "none: raised by the page shape test"))));

  @Test
  @Order(1)
  void everyReaderReadsWhatALiveVigieSends() {
    try (RealBrowser.Tab tab = demo.open(1280, 800)) {
      Page page = tab.page();
      assertThat(page.locator("#connection")).hasText("Live");
      // Transfers come and go: note when one was on screen.
      page.evaluate("() => { const rows = document.querySelector('[data-section=downloads] table.data tbody');"
          + " new MutationObserver(() => { if (rows.children.length) window.sawTransfer = true; }).observe(rows, {childList: true}); }");
      // Fills the upstream cache. The demo backend fails 3 % of its answers with 500 on purpose, and with nothing cached
      // yet that is rightly a 502; one success is what the upstream section needs, so a few attempts are allowed.
      @SuppressWarnings("unchecked")
      Map<String, Number> filled = (Map<String, Number>) page.evaluate("async () => { let status = 0,"
          + " attempts = 0; while (attempts < 10 && status !== 200) { attempts++;"
          + " status = (await fetch('api/upstream/indicators')).status; } return { status, attempts }; }");
      assertEquals(200, filled.get("status").intValue(), filled.toString());
      // Each attempt is one request upstream (a 500 the first time is the demo's 3 %, not a fault).
      int attempts = filled.get("attempts").intValue();

      // A run with progress frames and polled progress, then its result.
      page.locator(".stress-custom summary").click();
      page.getByLabel("Open: constant arrival rate").check();
      page.getByLabel("Rate (requests/s)").fill("20");
      page.getByLabel("Duration (s)").fill("2.5");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run custom test")).click();
      assertThat(page.locator(".stress-result")).isVisible(SLOW);
      assertThat(page.locator(".stress-history tbody tr").first()).isAttached();

      Locator quality = page.locator("[data-section=quality] table.data tbody tr");
      assertThat(quality.first()).isVisible(SLOW);
      assertThat(page.locator("[data-section=endpoints] table.data tbody tr").first()).containsText("ms");
      assertThat(page.locator("[data-section=freshness] table.data tbody tr").first()).isVisible();
      assertThat(page.locator("[data-section=upstream] .details")).containsText(attempts + " requests sent");
      assertThat(page.locator("[data-section=cache] .details")).containsText(" of ");
      assertThat(page.locator("[data-section=cache] .details")).not().containsText("not yet");
      assertThat(page.locator("[data-section=system] .chart")).isVisible();
      assertThat(page.locator("#alerts .alert", new Page.LocatorOptions().setHasText("system / Heap used")).first()).isVisible();
      page.waitForFunction("() => window.sawTransfer === true", null, new Page.WaitForFunctionOptions().setTimeout(45_000));

      tab.screenshot("page-shapes");
      assertThat(page.locator(".shape-mismatch:visible")).hasCount(0);
      assertEquals(List.of(), tab.consoleErrors(), "console errors (a reader that found a shape it does not read says so here)");
    }
  }

  @Test
  @Order(2)
  void aShapeThePageDoesNotReadIsAConsoleErrorAndAMarker() {
    try (RealBrowser.Tab tab = demo.open(1280, 800)) {
      Page page = tab.page();
      assertThat(page.locator("#connection")).hasText("Live");
      // A run summary with the old p99_9-style name instead of p99Ms: the page must not fall back to anything.
      JsonObject run = new JsonObject().put("id", "shape-test").put("state", "completed").put("plan", "sequential")
          .put("startedAt", java.time.Instant.now().toString()).put("pass", true).put("successPercent", 100)
          .put("p99_9", 12.5).put("uncorrectedP99Ms", 11.0).put("achievedPerSec", 20);
      demo.vertx().eventBus().publish(MonitorBus.SECTION, new JsonObject().put("section", "stress")
          .put("title", "Stress test").put("metrics", new JsonArray())
          .put("details", new JsonObject().put("active", new JsonArray()).put("history", new JsonArray().add(run))));
      Locator marker = page.locator("[data-section=stress] .shape-mismatch");
      assertThat(marker).isVisible();
      assertThat(marker).containsText("details.history[0].p99Ms");
      page.waitForCondition(() -> tab.consoleErrors().stream().anyMatch(e -> e.contains("shape mismatch in section stress")
          && e.contains("details.history[0].p99Ms: expected a number, got nothing")));
    }
  }
}
