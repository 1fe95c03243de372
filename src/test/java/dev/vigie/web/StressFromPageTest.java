package dev.vigie.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The stress panel: the seed's default in one click, the open model from the form, percentiles and .hgrm. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StressFromPageTest {
  private static final Pattern MILLIS = Pattern.compile("^\\d[\\d,]*(\\.\\d+)?$");

  @TempDir
  static Path dataDir;
  private TestVigie server;
  private RealBrowser browser;
  private LoopbackServer targetServer;
  private String target;

  @BeforeAll
  void start() {
    browser = RealBrowser.launch();
    // A loopback target of the test's own, opened by stress.allowedTargets (loopback ports are closed unless configured).
    targetServer = LoopbackServer.startWith(vertx -> req -> vertx.setTimer(5,
        id -> req.response().putHeader("content-type", "application/json").end("{}")));
    target = targetServer.url("/portfolio/metrics");
    server = TestVigie.start(TestConfig.demo(dataDir).pushIntervalMs(200).sampleIntervalMs(500)
        .set("stress.allowedTargets", new JsonArray().add("127.0.0.1:" + targetServer.port()))
        .set("stress.defaultTarget", target));
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    if (targetServer != null) {
      targetServer.close();
    }
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void withoutTheStressTesterThePanelSaysItIsNotRunning() {
    try (RealBrowser.Tab tab = browser.open(server.baseUrl() + "/", 1280, 800)) {
      Page page = tab.page();
      assertThat(page.locator("#connection")).hasText("Live");
      // On a server without the stress verticle, /health does not list it.
      if (page.evaluate("() => fetch('health').then(r => r.json()).then(b => b.checks.some(c => c.id === 'stress'))").equals(true)) {
        return;
      }
      assertThat(page.locator("[data-section=stress] .notice")).containsText("Not running");
    }
  }

  @Test
  void defaultRunShowsCorrectedAndUncorrectedPercentilesAndDownloadsHgrm() throws Exception {
    try (RealBrowser.Tab tab = browser.open(server.baseUrl() + "/", 1280, 800)) {
      Page page = tab.page();
      assertThat(page.locator("#connection")).hasText("Live");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run default test")).click();
      assertThat(page.locator(".run-state")).containsText("Run ");
      Locator result = page.locator(".stress-result");
      assertThat(result).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
      for (String percentile : new String[] {"p50", "p99"}) {
        Locator row = result.locator("tr", new Locator.LocatorOptions().setHas(page.locator("th", new Page.LocatorOptions().setHasText(percentile))));
        assertThat(row.locator("td").nth(0)).hasText(MILLIS);
        assertThat(row.locator("td").nth(1)).hasText(MILLIS);
      }
      tab.screenshot("stress-result");
      Download hgrm = page.waitForDownload(() -> page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download .hgrm (corrected)")).click());
      String text = Files.readString(hgrm.path(), StandardCharsets.UTF_8);
      assertTrue(text.contains("Percentile"), text);
    }
  }

  @Test
  void openModelFromTheFormRunsWithALiveChart() {
    try (RealBrowser.Tab tab = browser.open(server.baseUrl() + "/", 1280, 800)) {
      Page page = tab.page();
      page.locator(".stress-custom summary").click();
      page.getByLabel("Open: constant arrival rate").check();
      // A Vigie alone is one generator: the form does not offer more.
      assertThat(page.getByLabel("Generators (cluster members)")).isHidden();
      page.getByLabel("Target URL (a probe endpoint or a loopback address)").fill(target);
      page.getByLabel("Rate (requests/s)").fill("20");
      page.getByLabel("Duration (s)").fill("3");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run custom test")).click();
      assertThat(page.locator(".stress .chart .u-over")).isVisible();
      assertThat(page.locator(".stress-result")).isVisible(
          new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
      // Points were plotted while the run went on, not only at the end.
      Object points = page.evaluate("() => document.querySelectorAll('.stress .chart .u-legend').length");
      assertTrue(((Number) points).intValue() > 0);
      assertThat(page.locator(".run-summary")).containsText("planned");
      tab.screenshot("stress-open-model");
    }
  }
}
