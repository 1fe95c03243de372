package dev.vigie.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The seed's controls, clicked in a real browser: Refresh All, Clear Caches, Export Report, theme. */
class MonitorControlsTest {
  @RegisterExtension
  static final DemoInBrowser demo = new DemoInBrowser();

  private static com.microsoft.playwright.Locator button(Page page, String name) {
    return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
  }

  @Test
  void refreshAllShowsHowLongItTookAndResyncs() {
    try (RealBrowser.Tab tab = demo.open(1280, 800)) {
      Page page = tab.page();
      assertThat(page.locator("#connection")).hasText("Live");
      button(page, "Refresh All").click();
      assertThat(page.locator("#refresh-result")).hasText(Pattern.compile("^Refreshed in \\d+\\.\\d\\d s"));
      assertThat(page.locator("#log")).containsText("Refresh All done in");
      assertThat(button(page, "Refresh All")).isEnabled();
    }
  }

  @Test
  void controlsAreReachedAndUsedWithTheKeyboardAlone() {
    try (RealBrowser.Tab tab = demo.open(1280, 800)) {
      Page page = tab.page();
      assertThat(page.locator("#connection")).hasText("Live");
      java.util.List<String> reached = new java.util.ArrayList<>();
      for (int i = 0; i < 12 && !reached.contains("theme"); i++) {
        page.keyboard().press("Tab");
        reached.add((String) page.evaluate("() => document.activeElement.id || document.activeElement.className"));
      }
      assertTrue(reached.containsAll(java.util.List.of("refresh-all", "clear-caches", "auto-refresh", "export-report", "theme")),
          "tab order: " + reached);
      page.locator("#refresh-all").focus();
      page.keyboard().press("Enter");
      assertThat(page.locator("#refresh-result")).hasText(Pattern.compile("^Refreshed in "));
      page.locator("#clear-caches").focus();
      page.keyboard().press("Enter");
      assertThat(page.locator("#confirm-clear")).isVisible();
      page.keyboard().press("Escape");
      assertThat(page.locator("#confirm-clear")).isHidden();
      for (String id : new String[] {"refresh-all", "clear-caches", "auto-refresh", "export-report", "theme"}) {
        String name = (String) page.evaluate("id => { const el = document.getElementById(id); return (el.labels?.[0]?.textContent || el.textContent).trim(); }", id);
        assertTrue(!name.isEmpty(), id + " has no accessible label");
      }
    }
  }

  @Test
  void refreshAllRunsEveryProbe() {
    try (RealBrowser.Tab tab = demo.open(1280, 800)) {
      Page page = tab.page();
      assertThat(page.locator("[data-section=endpoints] .metric").first()).isVisible();
      button(page, "Refresh All").click();
      assertThat(page.locator("#refresh-result")).hasText(Pattern.compile("^Refreshed in \\d+\\.\\d\\d s$"));
      assertTrue(tab.consoleErrors().isEmpty(), () -> "console errors: " + tab.consoleErrors());
    }
  }

  @Test
  void clearCachesAsksFirstAndKeepsTheThreeKeys() {
    try (RealBrowser.Tab tab = demo.open(1280, 800)) {
      Page page = tab.page();
      assertThat(page.locator("#connection")).hasText("Live");
      page.evaluate("() => { for (const [k, v] of Object.entries({user_id: 'u1', data_source: 'demo', theme: 'dark',"
          + " CTB_ONCHAIN_CACHE_V2: '{}', risk_scores_cache: 'x'})) localStorage.setItem(k, v); }");

      button(page, "Clear Caches").click();
      assertThat(page.locator("#confirm-clear")).isVisible();
      page.keyboard().press("Escape");
      assertThat(page.locator("#confirm-clear")).isHidden();
      assertEquals(5, ((Number) page.evaluate("() => localStorage.length")).intValue(), "cancel must clear nothing");

      button(page, "Clear Caches").click();
      page.locator("#confirm-clear").getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
          .setName("Clear caches").setExact(true)).click();
      assertThat(page.locator("#clear-result")).containsText("removed 2 localStorage key(s)");
      Object keys = page.evaluate("() => Object.keys(localStorage).sort().join(',')");
      assertEquals("data_source,theme,user_id", keys);
      assertEquals("u1", page.evaluate("() => localStorage.getItem('user_id')"));
    }
  }

  @Test
  void clearCachesEmptiesTheServersUpstreamCache() {
    try (RealBrowser.Tab tab = demo.open(1280, 800)) {
      Page page = tab.page();
      button(page, "Clear Caches").click();
      page.locator("#confirm-clear button.danger").click();
      assertThat(page.locator("#clear-result")).containsText("server SWR cache cleared");
    }
  }

  @Test
  void exportDownloadsValidJsonWithStorageAndClientLog() throws Exception {
    try (RealBrowser.Tab tab = demo.open(1280, 800)) {
      Page page = tab.page();
      assertThat(page.locator("#connection")).hasText("Live");
      page.evaluate("() => { localStorage.setItem('user_id', 'u1'); localStorage.setItem('api_token', 'secret'); }");
      Download download = page.waitForDownload(() -> button(page, "Export Report").click());
      assertTrue(download.suggestedFilename().matches("performance-report-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d-\\d{3}Z\\.json"),
          download.suggestedFilename());
      JsonObject report = new JsonObject(Files.readString(download.path(), StandardCharsets.UTF_8));
      assertNotNull(report.getString("exportedAt"));
      JsonObject storage = report.getJsonObject("localStorage");
      assertEquals("u1", storage.getJsonObject("entries").getString("user_id"));
      assertEquals("[redacted]", storage.getJsonObject("entries").getString("api_token"));
      JsonArray clientLog = report.getJsonArray("clientLog");
      assertTrue(clientLog.stream().anyMatch(e -> ((JsonObject) e).getString("message").contains("Monitor page opened")), clientLog.encode());
      assertNotNull(report.getJsonArray("activityLog"));
      assertTrue(report.containsKey("server"), "the server's report (or why it is missing) belongs in the export");
    }
  }

  @Test
  void exportIncludesTheServersReport() throws Exception {
    try (RealBrowser.Tab tab = demo.open(1280, 800)) {
      Page page = tab.page();
      Download download = page.waitForDownload(() -> button(page, "Export Report").click());
      JsonObject report = new JsonObject(Files.readString(download.path(), StandardCharsets.UTF_8));
      assertNotNull(report.getJsonObject("server"), report.encode());
      assertNotNull(report.getJsonObject("server").getValue("snapshot"), "the server report carries the snapshot");
    }
  }

  @Test
  void themeIsKeptInLocalStorageAcrossReloads() {
    try (RealBrowser.Tab tab = demo.open(1280, 800)) {
      Page page = tab.page();
      String before = (String) page.evaluate("() => document.documentElement.dataset.theme");
      page.locator("#theme").click();
      String after = (String) page.evaluate("() => document.documentElement.dataset.theme");
      assertTrue(!before.equals(after), "the theme did not change");
      assertEquals(after, page.evaluate("() => localStorage.getItem('theme')"));
      page.reload();
      assertEquals(after, page.evaluate("() => document.documentElement.dataset.theme"));
      assertThat(page.locator("#connection")).hasText("Live");
      tab.screenshot("monitor-" + after);
    }
  }
}
