package dev.vigie.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.vigie.kit.LoopbackServer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Monitors panel's form: a bad field comes back as the server's message beside that field; fixed, the monitor is
 * added, its card appears, and it is probed; paused from its card, it says so. Configuration monitors are read-only.
 */
class MonitorsPageTest {
  @RegisterExtension
  static final DemoInBrowser demo = new DemoInBrowser();

  @Test
  void theFormShowsTheServersMessageBesideTheBadFieldThenAddsTheMonitor() {
    AtomicInteger hits = new AtomicInteger();
    try (LoopbackServer target = LoopbackServer.start(req -> {
      hits.incrementAndGet();
      req.response().end("ok");
    }); RealBrowser.Tab tab = demo.open(1280, 900)) {
      Page page = tab.page();
      Locator panel = page.locator("[data-section=monitors]");
      assertThat(panel.locator(".monitor-card").first()).isVisible();
      Locator configured = panel.locator(".monitor-card[data-source=config]").first();
      assertThat(configured).containsText("Read-only: from the configuration file");
      assertThat(configured.locator("button")).hasCount(0);

      panel.getByText("Add monitor").click();
      Locator form = panel.locator("form.monitor-form");
      form.locator("[name=name]").fill("from-the-page");
      form.locator("[name=url]").fill("ftp://127.0.0.1/nope");
      form.locator("[name=intervalMs]").fill("100");
      form.getByText("Save").click();
      Locator urlError = form.locator("#monitor-error-url");
      assertThat(urlError).isVisible();
      assertThat(urlError).containsText("url: must be an absolute http or https URL");
      assertThat(form.locator("[name=url]")).hasAttribute("aria-invalid", "true");
      assertThat(form.locator("#monitor-error-name")).isHidden();
      panel.screenshot(new Locator.ScreenshotOptions().setPath(RealBrowser.SCREENSHOTS.resolve("monitors-form-error.png")));
      assertThat(panel.locator("[data-monitor='from-the-page']")).hasCount(0);

      form.locator("[name=url]").fill(target.url("/from-page"));
      form.getByText("Save").click();
      assertThat(form).isHidden();
      Locator card = panel.locator("[data-monitor='from-the-page']");
      assertThat(card).isVisible();
      assertThat(card).containsText(target.url("/from-page"));
      assertThat(card).containsText("active");
      eventually("the monitor added from the page to be probed", hits::get, n -> n >= 3);
      panel.screenshot(new Locator.ScreenshotOptions().setPath(RealBrowser.SCREENSHOTS.resolve("monitors-added.png")));

      // Edited: a bad interval is refused beside its field; fixed, the monitor is replaced.
      card.getByText("Edit").click();
      assertThat(form.locator("[name=name]")).hasAttribute("readonly", "");
      form.locator("[name=intervalMs]").fill("soon");
      form.getByText("Save").click();
      assertThat(form.locator("#monitor-error-intervalMs")).containsText("intervalMs: must be a number");
      assertThat(form.locator("#monitor-error-url")).isHidden();
      form.locator("[name=intervalMs]").fill("250");
      form.getByText("Save").click();
      assertThat(form).isHidden();
      eventually("the edit to be applied", () -> demo.server().http().get("/api/monitors/from-the-page")
          .bodyAsJsonObject().getLong("intervalMs"), v -> v == 250);

      card.getByText("Pause").click();
      assertThat(card).containsText("paused");
      assertTrue(demo.server().http().get("/api/monitors/from-the-page").bodyAsJsonObject().getBoolean("paused"));
      card.getByText("Delete").click();
      card.getByText("Confirm delete").click();
      assertThat(card).hasCount(0);
      assertEquals(404, demo.server().http().get("/api/monitors/from-the-page").statusCode());
      // The browser itself reports the refused POST (400) as a failed resource; nothing else may be an error.
      var errors = tab.consoleErrors().stream()
          .filter(e -> !(e.contains("status of 400") && e.contains("/api/monitors"))).toList();
      assertTrue(errors.isEmpty(), () -> "console errors: " + errors);
    }
  }
}
