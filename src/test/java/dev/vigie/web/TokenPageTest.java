package dev.vigie.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The page on a token-protected Vigie, where reads need the token too: opened once as {@code /?token=...}, it goes
 * Live, exports the server's report, and downloads a stress run's .hgrm through a plain link.
 */
class TokenPageTest {
  private static final String TOKEN = "page-token-8c1d";

  @RegisterExtension
  static final DemoInBrowser demo = new DemoInBrowser(config -> config.token(TOKEN));

  @Test
  void thePageWorksWithTheToken() throws Exception {
    try (RealBrowser.Tab tab = demo.open("/?token=" + TOKEN, 1280, 800)) {
      Page page = tab.page();
      assertThat(page.locator("#connection")).hasText("Live");
      assertFalse(page.url().contains(TOKEN), "the token leaves the address bar: " + page.url());
      assertThat(page.locator("[data-section=system]")).isVisible();

      Download export = page.waitForDownload(() -> page.getByRole(AriaRole.BUTTON,
          new Page.GetByRoleOptions().setName("Export Report")).click());
      JsonObject report = new JsonObject(Files.readString(export.path(), StandardCharsets.UTF_8));
      assertNull(report.getValue("serverError"), "the page read the server's report with its token");
      assertNotNull(report.getJsonObject("server").getString("generatedAt"));
      assertFalse(report.encode().contains(TOKEN), "the export holds no token");

      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run default test")).click();
      assertThat(page.locator(".stress-result")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
      Download hgrm = page.waitForDownload(() -> page.getByRole(AriaRole.LINK,
          new Page.GetByRoleOptions().setName("Download .hgrm (corrected)")).click());
      String text = Files.readString(hgrm.path(), StandardCharsets.UTF_8);
      assertTrue(text.contains("Percentile"), text);
      assertEquals(List.of(), tab.consoleErrors());
    }
  }

  @Test
  void withoutTheTokenThePageReadsNothing() {
    try (RealBrowser.Tab tab = demo.open("/", 1280, 800)) {
      Page page = tab.page();
      assertEquals(401, ((Number) page.evaluate("() => fetch('api/snapshot').then(r => r.status)")).intValue());
      assertThat(page.locator("#connection")).not().hasText("Live");
    }
  }
}
