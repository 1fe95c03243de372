package dev.vigie.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import dev.vigie.bus.DownloadBus;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.ProbeBus;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The History store panel shows, from the store, the uptime windows per monitor, the alert history and downloads. */
class HistoryPageTest {
  @RegisterExtension
  static final DemoInBrowser demo = new DemoInBrowser();

  @Test
  void theStorePanelShowsUptimeWindowsAndTheAlertHistory() {
    long now = System.currentTimeMillis();
    for (int i = 0; i < 20; i++) {
      demo.vertx().eventBus().publish(ProbeBus.RESULT, new JsonObject().put("endpoint", "history-probe")
          .put("url", "http://127.0.0.1/").put("method", "GET").put("latencyMs", 40).put("ok", i != 0)
          .put("time", Instant.ofEpochMilli(now - 40_000 + i * 1000).toString()));
    }
    JsonObject alert = new JsonObject().put("id", "history-alert").put("state", "raised").put("severity", "critical")
        .put("message", "history-probe latency is 900 ms").put("time", Instant.ofEpochMilli(now - 30_000).toString())
        .put("raisedAt", Instant.ofEpochMilli(now - 30_000).toString());
    demo.vertx().eventBus().publish(MonitorBus.ALERT, alert);
    demo.vertx().eventBus().publish(DownloadBus.FAILED, new JsonObject().put("id", "h1")
        .put("key", "data/spot/daily/klines/HISTUSDT/1m/HISTUSDT-1m-2024-03-01.zip").put("error", "MISSING")
        .put("message", "404").put("attempts", 1));
    demo.vertx().eventBus().publish(MonitorBus.ALERT, alert.copy().put("state", "cleared")
        .put("time", Instant.ofEpochMilli(now - 20_000).toString()));
    eventually("the store to hold the results and the alert", () -> demo.server().http().get("/api/history/alerts")
        .bodyAsJsonObject().encode(), body -> body.contains("history-alert")
        && demo.server().http().get("/api/history/downloads").bodyAsString().contains("HISTUSDT")
        // Every monitor's windows, as the page asks them: an answer of the last few seconds may be reused.
        && demo.server().http().get("/api/history/uptime?q=history-probe").bodyAsString().contains("\"count\":20"));

    try (RealBrowser.Tab tab = demo.open(1280, 900)) {
      Locator panel = tab.page().locator("[data-section=store]");
      Locator rows = panel.locator("table.data tbody tr");
      assertThat(rows.filter(new Locator.FilterOptions().setHasText("history-probe"))
          .filter(new Locator.FilterOptions().setHasText("95 %"))).hasCount(1);
      Locator alertRow = rows.filter(new Locator.FilterOptions().setHasText("history-probe latency is 900 ms"));
      assertThat(alertRow).containsText("cleared");
      assertThat(alertRow).containsText("10 s");
      assertThat(rows.filter(new Locator.FilterOptions().setHasText("HISTUSDT-1m-2024-03-01.zip"))).containsText("MISSING");
      assertThat(panel.locator(".chart")).isVisible();
      assertTrue(tab.consoleErrors().isEmpty(), () -> "console errors: " + tab.consoleErrors());
    }
  }

  /**
   * The store's first uptime read (most of a second of a core at ten thousand monitors) waits for the endpoint list's
   * first rows (first-paint.js). Here the list's read is refused, so the list never paints and the store waits for the
   * whole fallback: 2 s after the page's modules ran, so never before 2 s after navigation.
   */
  @Test
  void theStoresHeavyReadWaitsForTheFirstScreen() {
    try (RealBrowser.Tab tab = demo.open(1280, 900)) {
      Page page = tab.page();
      page.route(Pattern.compile(".*/api/probes(\\?.*)?$"), Route::abort);
      page.reload();
      double askedAtMs = eventually("the store's first uptime read", () -> (Number) page.evaluate(
          "() => { const e = performance.getEntriesByType('resource').find(e => e.name.includes('/api/history/uptime'));"
              + " return e ? e.startTime : null; }"), Objects::nonNull).doubleValue();
      assertTrue(askedAtMs >= 2000, "uptime asked " + askedAtMs + " ms after navigation, with no endpoint list drawn");
    }
  }

  /** The uptime table reads a page of the monitors with history, and "Show more" the next one. */
  @Test
  void theUptimeTableShowsAPageAndShowMoreReadsTheNext() {
    long now = System.currentTimeMillis();
    int added = 250;
    for (int i = 0; i < added; i++) {
      demo.vertx().eventBus().publish(ProbeBus.RESULT, new JsonObject().put("endpoint", String.format("paged-%03d", i))
          .put("url", "http://127.0.0.1/").put("method", "GET").put("latencyMs", 5).put("ok", true)
          .put("time", Instant.ofEpochMilli(now - 10_000).toString()));
    }
    eventually("the store to hold the " + added + " monitors", () -> demo.server().http()
        .get("/api/history/uptime?q=paged-&limit=1").bodyAsJsonObject(), page -> page.getInteger("matched") == added);

    try (RealBrowser.Tab tab = demo.open(1280, 900)) {
      Locator panel = tab.page().locator("[data-section=store]");
      Locator uptimeRows = panel.locator("table.data").first().locator("tbody tr");
      // The demo's own monitors have history too: more than the 250 added, whatever their number.
      assertThat(uptimeRows).hasCount(100);
      assertThat(panel.locator(".uptime-count")).hasText(Pattern.compile("^100 of \\d+ monitors with history shown$"));
      assertThat(panel.locator(".uptime-more")).hasText("Show 100 more");
      panel.locator(".uptime-more").click();
      assertThat(uptimeRows).hasCount(200);
      assertThat(panel.locator(".uptime-count")).hasText(Pattern.compile("^200 of \\d+ monitors with history shown$"));
      assertTrue(tab.consoleErrors().isEmpty(), () -> "console errors: " + tab.consoleErrors());
    }
  }
}
