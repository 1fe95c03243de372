package dev.vigie.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.vigie.bus.MonitorBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Acknowledge and silence from the alerts panel in a real Chromium: the buttons call the API, the alert then says
 * it is acknowledged and silenced (reason shown), the server's snapshot agrees, and a silence without a reason is
 * refused with the server's message beside the form's field.
 */
class AlertActionsPageTest {
  @RegisterExtension
  static final DemoInBrowser demo = new DemoInBrowser(config -> config.with(json -> json.getJsonObject("alerts")
      .getJsonArray("rules").add(new JsonObject().put("id", "page-level").put("section", "page-ext").put("metric", "Level")
          .put("above", 10).put("clearAfter", 1).put("action", "lower the level"))));

  @Test
  void anOpenAlertIsAcknowledgedAndSilencedFromThePage() {
    level(50);
    eventually("the alert open on the server", () -> openAlert() != null);
    try (RealBrowser.Tab tab = demo.open(1280, 900)) {
      Page page = tab.page();
      Locator alert = page.locator("#alerts .alert.open[data-alert='page-level']");
      assertThat(alert).hasCount(1);

      alert.getByText("Acknowledge").click();
      assertThat(alert.locator(".alert-acked")).containsText("Acknowledged");
      assertThat(alert.locator("button.alert-ack")).hasCount(0);
      eventually("the acknowledgement on the server", () -> openAlert().getJsonObject("acknowledged") != null);

      alert.getByText("Silence…").click();
      Locator form = page.locator("form.silence-form");
      assertThat(form).isVisible();
      assertThat(form.locator(".silence-target")).containsText("Silence:");
      form.getByText("Silence", new Locator.GetByTextOptions().setExact(true)).click();
      assertThat(form.locator(".silence-error")).containsText("reason: must be a non-empty string");
      assertThat(form.locator("[name=reason]")).hasAttribute("aria-invalid", "true");

      form.locator("[name=durationMs]").selectOption(String.valueOf(3_600_000));
      form.locator("[name=reason]").fill("maintenance window");
      form.getByText("Silence", new Locator.GetByTextOptions().setExact(true)).click();
      assertThat(form).isHidden();
      assertThat(alert.locator(".alert-silenced")).containsText("maintenance window");
      JsonObject silenced = openAlert().getJsonObject("silenced");
      assertEquals("maintenance window", silenced.getString("reason"));
      long minutes = java.time.Duration.between(java.time.Instant.parse(silenced.getString("at")),
          java.time.Instant.parse(silenced.getString("until"))).toMinutes();
      assertEquals(60, minutes, "the duration chosen on the page: " + silenced);
      page.locator(".alerts-panel").screenshot(new Locator.ScreenshotOptions()
          .setPath(RealBrowser.SCREENSHOTS.resolve("alert-acknowledged-and-silenced.png")));

      // A reload shows the same, from the snapshot.
      page.reload();
      assertThat(alert.locator(".alert-acked")).containsText("Acknowledged");
      assertThat(alert.locator(".alert-silenced")).containsText("maintenance window");
      var errors = tab.consoleErrors().stream()
          .filter(e -> !(e.contains("status of 400") && e.contains("/api/alerts"))).toList();
      assertTrue(errors.isEmpty(), () -> "console errors: " + errors);
    } finally {
      level(1);
    }
  }

  private static void level(int level) {
    demo.vertx().eventBus().publish(MonitorBus.SECTION, new JsonObject().put("section", "page-ext").put("title", "Page ext")
        .put("metrics", new JsonArray().add(new JsonObject().put("label", "Level").put("value", level)
            .put("status", level > 10 ? "critical" : "good"))));
  }

  private static JsonObject openAlert() {
    return demo.server().http().get("/api/snapshot").bodyAsJsonObject().getJsonArray("alerts").stream()
        .map(JsonObject.class::cast).filter(a -> "page-level".equals(a.getString("id")) && "raised".equals(a.getString("state")))
        .findFirst().orElse(null);
  }
}
