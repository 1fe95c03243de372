package dev.vigie.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.vigie.kit.Wait.eventually;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.vigie.demo.MirrorVerticle;
import dev.vigie.vision.ArchiveSpec;
import dev.vigie.vision.DataType;
import dev.vigie.vision.Interval;
import dev.vigie.vision.Market;
import dev.vigie.vision.Period;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The coverage heatmap in real Chromium: ten days of a series, one absent upstream; the legend counts each state, a
 * click on a cell opens that archive's report (or says it is absent), and "Fetch what is missing" expands the selection.
 */
class CoveragePageTest {
  @RegisterExtension
  static final DemoInBrowser demo = new DemoInBrowser();

  private static String key(int day) {
    return new ArchiveSpec(Market.UM, Period.DAILY, DataType.KLINES, "PAGEUSDT", Interval.ONE_HOUR,
        LocalDate.of(2024, 3, day).toString()).key();
  }

  private static void clickDay(Page page, int day) {
    Locator canvas = page.locator("[data-section=coverage] canvas");
    int cell = Integer.parseInt(canvas.getAttribute("data-cell"));
    int label = Integer.parseInt(canvas.getAttribute("data-label-width"));
    canvas.click(new Locator.ClickOptions().setPosition(label + (day - 1) * cell + cell / 2.0, cell / 2.0));
  }

  @Test
  void theHeatmapShowsEachDaysStateAndOpensItsReport() {
    MirrorVerticle mirror = demo.server().mirror();
    for (int day = 1; day <= 10; day++) {
      mirror.catalog().publish(new ArchiveSpec(Market.UM, Period.DAILY, DataType.KLINES, "PAGEUSDT",
          Interval.ONE_HOUR, LocalDate.of(2024, 3, day).toString()));
    }
    mirror.catalog().withdraw(key(3));
    JsonObject expand = new JsonObject().put("market", "um").put("period", "daily").put("dataType", "klines")
        .put("symbol", "PAGEUSDT").put("interval", "1h").put("from", "2024-03-01").put("to", "2024-03-10");
    demo.server().http().post("/api/coverage/expand", expand.copy().put("fetch", true));
    String series = "/api/coverage?market=um&dataType=klines&symbol=PAGEUSDT&interval=1h&from=2024-03-01&to=2024-03-10";
    eventually("nine days verified and scored", Duration.ofSeconds(60),
        () -> demo.server().http().get(series).bodyAsJsonObject(),
        page -> page.getJsonObject("counts").getInteger("verified", 0) == 9 && page.getJsonArray("items").stream()
            .map(JsonObject.class::cast).allMatch(e -> !e.getString("state").equals("verified")
                || e.getValue("scorePercent") != null));

    try (RealBrowser.Tab tab = demo.open(1400, 1000)) {
      Page page = tab.page();
      Locator panel = page.locator("[data-section=coverage]");
      panel.locator("input[name=symbol]").fill("PAGEUSDT");
      panel.locator("input[name=from]").fill("2024-03-01");
      panel.locator("input[name=to]").fill("2024-03-10");
      panel.locator("button[type=submit]").click();
      assertThat(panel.locator(".coverage-legend")).containsText("absent 1");
      assertThat(panel.locator(".coverage-legend")).containsText("verified 9");
      clickDay(page, 3);
      assertThat(panel.locator(".coverage-report")).containsText("state: absent");
      clickDay(page, 5);
      assertThat(panel.locator(".coverage-report")).containsText(key(5));
      assertThat(panel.locator(".coverage-report")).containsText("score: 100 %");
      panel.locator("button.fetch-missing").click();
      assertThat(panel.locator("p.notice[role=status]")).containsText("listed 9, absent 1");
      assertTrue(Integer.parseInt(panel.getAttribute("data-paint-ms")) < 5_000);
      assertTrue(tab.consoleErrors().isEmpty(), () -> "console errors: " + tab.consoleErrors());
    }
  }
}
