package dev.vigie.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.vigie.bus.MonitorBus;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server goes away and comes back on the same port: the page shows it, reconnects and resyncs. */
class ReconnectAfterRestartTest {
  @TempDir
  Path dataDir;

  private static TestVigie start(Path dataDir, int port) {
    return TestVigie.start(TestConfig.demo(dataDir).httpPort(port).pushIntervalMs(200).sampleIntervalMs(500));
  }

  @Test
  void pageReconnectsAndResyncsFromAFreshSnapshot() {
    try (RealBrowser browser = RealBrowser.launch()) {
      TestVigie first = start(dataDir.resolve("first"), 0);
      int port = first.httpPort();
      first.vertx().eventBus().publish(MonitorBus.SECTION,
          MonitorPageLiveTest.section("before-restart", "Before restart", "Jobs", 1, "good"));
      try (RealBrowser.Tab tab = browser.open(first.baseUrl() + "/", 1280, 800)) {
        Page page = tab.page();
        assertThat(page.locator("#connection")).hasText("Live");
        assertThat(page.locator("[data-section=before-restart]")).isVisible();

        first.close();
        assertThat(page.locator("#connection")).containsText("Offline");
        assertThat(page.locator("#retry")).isVisible();

        try (TestVigie second = start(dataDir.resolve("second"), port)) {
          second.vertx().eventBus().publish(MonitorBus.SECTION,
              MonitorPageLiveTest.section("after-restart", "After restart", "Jobs", 2, "good"));
          assertThat(page.locator("#connection")).hasText("Live", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
          // The fresh snapshot replaces the old one: the section only the first server had is gone.
          assertThat(page.locator("[data-section=after-restart]")).isVisible();
          assertThat(page.locator("[data-section=before-restart]")).hasCount(0);
          assertThat(page.locator("#log")).containsText("Reconnected");
          assertThat(page.locator("[data-section=system] .updated")).hasText(Pattern.compile("updated"));
          tab.screenshot("reconnected");
        }
      }
    }
  }
}
