package dev.vigie.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A section from outside that is no longer updated leaves the open page, without a reload. */
class ExpiredSectionPageTest {
  @RegisterExtension
  static final DemoInBrowser demo = new DemoInBrowser(config -> config.set("monitor.sections.expireMs", 1500));

  @Test
  void aStaleExternalSectionDisappearsFromTheOpenPage() {
    try (RealBrowser.Tab tab = demo.open(1280, 800)) {
      assertEquals(200, demo.server().http().post("/api/sections", MonitorPageLiveTest.section("feeder", "Feeder",
          "Queue depth", 7, "good")).statusCode());
      Locator panel = tab.page().locator("[data-section=feeder]");
      assertThat(panel).hasCount(1);
      tab.page().evaluate("() => { window.notReloaded = true; }");
      assertThat(panel).hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(10_000));
      assertEquals(true, tab.page().evaluate("() => window.notReloaded === true"), "removed without a reload");
      assertThat(tab.page().locator("[data-section=downloads]")).hasCount(1);
    }
  }
}
